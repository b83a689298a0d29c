import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'

import { json, routeFetch } from '@/test/fetchRouter'

import CreateMirrorDialog from './components/CreateMirrorDialog.vue'
import ProjectPicker from './components/ProjectPicker.vue'
import { explainConflict } from './conflict'
import { mirror } from './testFixtures'
import { pair as pairFixture } from '@/features/pairs/testFixtures'

const pair = pairFixture({ mirror_direction: 'push' })
const gateway = { id: 1001, name: 'api-gateway', path: 'api-gateway', path_with_namespace: 'platform/core/api-gateway' }
const copy = { id: 101001, name: 'api-gateway', path: 'api-gateway', path_with_namespace: 'platform/core/api-gateway' }

describe('CreateMirrorDialog', () => {
  let wrapper: VueWrapper | undefined

  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
  })

  async function openWithPicks(createAnswer: () => Response, before?: (dialog: HTMLElement) => void) {
    const fetch = routeFetch({
      'GET /api/instances/1/projects': () => json({ projects: [gateway], next_page: null }),
      'GET /api/instances/2/projects': () => json({ projects: [copy], next_page: null }),
      'GET /api/pairs/1/effective-settings': () => json({ settings: {}, token: {} }),
      'GET /api/mirrors': () => json({ mirrors: [mirror(7, { source_project_path: 'platform/core/api-gateway' })], total: 1, page: 1, page_size: 5, total_pages: 1 }),
      'POST /api/mirrors': createAnswer,
    })
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/', component: { template: '<div />' } },
        { path: '/mirrors/:id', name: 'mirror', component: { template: '<div />' } },
      ],
    })
    await router.push('/')
    wrapper = mount(CreateMirrorDialog, {
      attachTo: document.body,
      props: { open: true, pairs: [pair], initialPairId: 1 },
      global: { plugins: [createPinia(), router] },
    })
    await flushPromises()
    const [source, target] = wrapper.findAllComponents(ProjectPicker)
    source!.vm.$emit('update:modelValue', gateway)
    target!.vm.$emit('update:modelValue', copy)
    await flushPromises()
    before?.(document.body)
    await flushPromises()
    document.querySelector<HTMLButtonElement>('button[form="create-mirror-form"]')!.click()
    await flushPromises()
    return fetch
  }

  it('explains a 409 for a mirror we already have, with a link to it', async () => {
    const { calls } = await openWithPicks(() =>
      json(
        {
          status: 409,
          title: 'Conflict',
          detail: 'already mirrored by Mirror Maestro: mirror 7 (platform/core/api-gateway → platform/core/api-gateway, push)',
          errors: [{ field: 'source_project_path', message: 'already mirrored by Mirror Maestro: mirror 7' }],
          existing_mirror_id: 7,
        },
        409,
      ),
    )
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      instance_pair_id: 1,
      source_project_id: 1001,
      source_project_path: 'platform/core/api-gateway',
      target_project_id: 101001,
      target_project_path: 'platform/core/api-gateway',
      enabled: true,
    })
    const alert = document.querySelector('[data-testid="conflict"]')!
    expect(alert.getAttribute('role')).toBe('alert')
    expect(alert.textContent).toContain('This mirror already exists')
    expect(alert.querySelector('a')!.getAttribute('href')).toBe('/mirrors/7')
    expect(wrapper!.emitted('created')).toBeUndefined()
    // shown once, in words, not also as a raw field error
    expect(document.querySelector('#cm-source-error')).toBeNull()
  })

  it('puts field errors under their fields', async () => {
    await openWithPicks(() =>
      json({ status: 422, title: 'Invalid', detail: 'bad', errors: [{ field: 'target_project_id', message: 'project 101001 is gone' }] }, 422),
    )
    expect(document.querySelector('#cm-target-error')!.textContent).toBe('project 101001 is gone')
    expect(document.querySelector('[data-testid="conflict"]')).toBeNull()
  })

  it('asks to adopt a mirror GitLab already has only when ticked', async () => {
    const answer = () => json({ ...mirror(9), lifecycle: 'pending', status: 'accepted', command_id: 'c-2' }, 202)
    const { calls } = await openWithPicks(answer, (dialog) => {
      const adopt = [...dialog.querySelectorAll('label.checkbox')].find((l) => l.textContent!.includes('Adopt'))!
      const box = adopt.querySelector('input')!
      expect(box.checked).toBe(false)
      expect(box.getAttribute('aria-describedby')).toBe('cm-adopt-hint')
      box.click()
    })
    expect(calls.find((c) => c.method === 'POST')!.body).toMatchObject({ adopt_existing: true })
  })

  it('emits the created mirror on success', async () => {
    await openWithPicks(() => json({ ...mirror(8), lifecycle: 'pending', status: 'accepted', command_id: 'c-1' }, 202))
    expect(wrapper!.emitted('created')![0]![0]).toMatchObject({ id: 8, lifecycle: 'pending' })
    expect(wrapper!.emitted('close')).toHaveLength(1)
  })
})

describe('explainConflict', () => {
  it('falls back to the detail for a conflict that names no mirror of ours', () => {
    const explained = explainConflict({ status: 409, title: 'Conflict', detail: 'mirror 5 is being deleted', errors: [] })
    expect(explained).toEqual({ title: 'This mirror cannot be created', message: 'mirror 5 is being deleted', mirrorId: null })
  })
})
