import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { ApiError } from '@/lib/http'
import { useToasts } from '@/lib/toasts'

import RotateTokenDialog from './RotateTokenDialog.vue'

interface Thing {
  id: number
  name: string
}

describe('RotateTokenDialog', () => {
  let wrapper: VueWrapper | undefined
  let calls: [Thing, string][]
  let answer: () => Promise<Thing>

  beforeEach(() => {
    setActivePinia(createPinia())
    calls = []
  })
  afterEach(() => {
    wrapper?.unmount()
    document.body.innerHTML = ''
  })

  async function open(): Promise<VueWrapper> {
    wrapper = mount(RotateTokenDialog<Thing>, {
      props: {
        subject: null,
        title: 'Rotate token of gitlab-a',
        hint: 'Needs the api scope.',
        idPrefix: 'rotate-thing',
        failure: 'Could not rotate the token',
        rotate: (subject: Thing, token: string) => {
          calls.push([subject, token])
          return answer()
        },
        success: (saved: Thing) => `Token of ${saved.name} rotated`,
      },
      slots: { default: 'Mirrors are updated.' },
      attachTo: document.body,
    })
    await wrapper.setProps({ subject: { id: 7, name: 'gitlab-a' } })
    await flushPromises()
    return wrapper
  }

  async function submit(token: string): Promise<void> {
    const input = document.getElementById('rotate-thing') as HTMLInputElement
    input.value = token
    input.dispatchEvent(new Event('input'))
    document.querySelector<HTMLButtonElement>('button[form="rotate-thing-form"]')!.click()
    await flushPromises()
  }

  it("shows GitLab's refusal under the New token field and stays open", async () => {
    answer = () =>
      Promise.reject(new ApiError({ status: 400, title: 'Invalid', detail: 'bad', errors: [{ field: 'token', message: 'GitLab refused the token' }] }))
    const w = await open()
    expect(document.querySelector('[role="dialog"] h2')?.textContent).toBe('Rotate token of gitlab-a')
    expect(document.querySelector('label[for="rotate-thing"]')?.textContent).toBe('New token')
    expect(document.querySelector('.rotate__note')?.textContent).toBe('Mirrors are updated.')
    await submit('glpat-wrong')
    expect(calls).toEqual([[{ id: 7, name: 'gitlab-a' }, 'glpat-wrong']])
    expect(document.getElementById('rotate-thing-error')?.textContent).toBe('GitLab refused the token')
    expect(w.emitted('close')).toBeUndefined()
  })

  it('toasts, hands back what the server answered and closes on success', async () => {
    answer = async () => ({ id: 7, name: 'gitlab-a (new)' })
    const w = await open()
    await submit('glpat-right')
    expect(useToasts().toasts.map((t) => t.message)).toEqual(['Token of gitlab-a (new) rotated'])
    expect(w.emitted('saved')).toEqual([[{ id: 7, name: 'gitlab-a (new)' }]])
    expect(w.emitted('close')).toHaveLength(1)
  })
})
