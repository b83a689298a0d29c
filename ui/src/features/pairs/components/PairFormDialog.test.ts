import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { useToasts } from '@/lib/toasts'
import { button, control, errorUnder, set } from '@/test/dom'
import { json, problem } from '@/test/fetchRouter'

import { pair } from '../testFixtures'
import type { Pair } from '../types'
import PairFormDialog from './PairFormDialog.vue'

const INSTANCES = [
  { id: 1, name: 'gitlab-a', url: 'http://a' },
  { id: 2, name: 'gitlab-b', url: 'http://b' },
]

const PAIR: Pair = pair({
  id: 5,
  description: 'old text',
  mirror_direction: 'push',
  mirror_branch_regex: '^main$',
  created_at: '2026-12-07T01:00:00Z',
  updated_at: '2026-12-07T01:00:00Z',
})

describe('PairFormDialog', () => {
  let fetchMock: ReturnType<typeof vi.fn<typeof fetch>>
  let wrapper: VueWrapper | undefined

  beforeEach(() => {
    setActivePinia(createPinia())
    fetchMock = vi.fn<typeof fetch>()
    vi.stubGlobal('fetch', fetchMock)
  })

  afterEach(() => {
    wrapper?.unmount()
    document.body.innerHTML = ''
  })

  async function open(props: { mode: 'create' | 'edit'; pair?: Pair; mirrorCount?: number }): Promise<VueWrapper> {
    wrapper = mount(PairFormDialog, { props: { open: false, instances: INSTANCES, ...props }, attachTo: document.body })
    await wrapper.setProps({ open: true })
    await flushPromises()
    return wrapper
  }

  it('"Add pair" posts the pair and shows a problem+json field error under its field', async () => {
    const w = await open({ mode: 'create' })
    expect(document.querySelector('h2')?.textContent).toBe('Add pair')
    await set('Name', 'a-to-b')
    await set('Source instance', '1')
    await set('Target instance', '2')
    await set('Direction', 'push')
    await set('Branch regex', '((')
    fetchMock.mockResolvedValueOnce(
      problem(422, [
        { field: 'mirror_branch_regex', message: 'is not a valid RE2 regular expression: missing closing )' },
        { field: 'something_else', message: 'is odd' },
      ]),
    )

    button('Create pair').click()
    await flushPromises()

    const [url, init] = fetchMock.mock.calls[0]!
    expect(url).toBe('/api/pairs')
    expect(init?.method).toBe('POST')
    expect(JSON.parse(init?.body as string)).toEqual({
      name: 'a-to-b',
      description: null,
      source_instance_id: 1,
      target_instance_id: 2,
      mirror_direction: 'push',
      mirror_protected_branches: true,
      mirror_overwrite_diverged: false,
      mirror_trigger_builds: false,
      only_mirror_protected_branches: false,
      mirror_branch_regex: '((',
      mirror_user_id: null,
    })
    expect(errorUnder('Branch regex')).toBe('is not a valid RE2 regular expression: missing closing )')
    expect(control('Branch regex').getAttribute('aria-invalid')).toBe('true')
    expect(errorUnder('Name')).toBeNull()
    expect(w.emitted('saved')).toBeUndefined()
    // what no field shows goes to a toast
    expect(useToasts().toasts.map((t) => t.message)).toEqual(['Could not save the pair: something_else: is odd'])
  })

  it('asks for both instances before sending anything', async () => {
    await open({ mode: 'create' })
    await set('Name', 'x')
    button('Create pair').click()
    await flushPromises()
    expect(fetchMock).not.toHaveBeenCalled()
    expect(errorUnder('Source instance')).toBe('choose the source instance')
    expect(errorUnder('Target instance')).toBe('choose the target instance')
  })

  it('emits the created pair', async () => {
    const w = await open({ mode: 'create' })
    await set('Name', 'new')
    await set('Source instance', '2')
    await set('Target instance', '1')
    fetchMock.mockResolvedValueOnce(json({ ...PAIR, id: 9, name: 'new' }))
    button('Create pair').click()
    await flushPromises()
    expect((w.emitted('saved')![0]![0] as Pair).id).toBe(9)
  })

  it('locks instances and direction of a pair with mirrors, saying why, and sends only what changed', async () => {
    const w = await open({ mode: 'edit', pair: PAIR, mirrorCount: 3 })
    expect(document.querySelector('h2')?.textContent).toBe('Edit pair a-to-b')
    for (const label of ['Source instance', 'Target instance', 'Direction']) {
      const select = control(label) as HTMLSelectElement
      expect(select.disabled).toBe(true)
      const hint = document.getElementById(select.getAttribute('aria-describedby')!.split(' ')[0]!)
      expect(hint?.textContent).toBe('locked: the pair has 3 mirrors')
    }
    expect((control('Name') as HTMLInputElement).value).toBe('a-to-b')

    await set('Name', 'renamed')
    await set('Branch regex', '')
    fetchMock.mockResolvedValueOnce(json({ ...PAIR, name: 'renamed', mirror_branch_regex: null }))
    button('Save changes').click()
    await flushPromises()

    const [url, init] = fetchMock.mock.calls[0]!
    expect(url).toBe('/api/pairs/5')
    expect(init?.method).toBe('PUT')
    // partial: unchanged fields absent, a cleared regex is null, no locked field
    expect(JSON.parse(init?.body as string)).toEqual({ name: 'renamed', mirror_branch_regex: null })
    expect((w.emitted('saved')![0]![0] as Pair).name).toBe('renamed')
  })

  it('leaves instances and direction editable while the pair has no mirrors', async () => {
    await open({ mode: 'edit', pair: PAIR, mirrorCount: 0 })
    expect((control('Direction') as HTMLSelectElement).disabled).toBe(false)
    await set('Direction', 'pull')
    fetchMock.mockResolvedValueOnce(json({ ...PAIR, mirror_direction: 'pull' }))
    button('Save changes').click()
    await flushPromises()
    expect(JSON.parse(fetchMock.mock.calls[0]![1]?.body as string)).toEqual({ mirror_direction: 'pull' })
  })
})
