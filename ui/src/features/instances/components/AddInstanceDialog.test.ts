import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { useToasts } from '@/lib/toasts'
import { button, control, set } from '@/test/dom'
import { json, problem } from '@/test/fetchRouter'

import AddInstanceDialog from './AddInstanceDialog.vue'

describe('AddInstanceDialog', () => {
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

  async function open(): Promise<VueWrapper> {
    wrapper = mount(AddInstanceDialog, { props: { open: false }, attachTo: document.body })
    await wrapper.setProps({ open: true })
    await flushPromises()
    return wrapper
  }

  it('shows GitLab\'s reason under the Token field and stays open', async () => {
    const w = await open()
    expect(document.querySelector('h2')?.textContent).toBe('Add instance')
    expect(control('Token').type).toBe('password')
    await set('Name', 'gitlab-c')
    await set('URL', 'gitlab.example.com')
    await set('Token', 'glpat-wrong')
    fetchMock.mockResolvedValueOnce(
      problem(400, [{ field: 'token', message: 'GitLab does not accept the token (401 Unauthorized)' }]),
    )

    button('Add instance').click()
    await flushPromises()

    const [url, init] = fetchMock.mock.calls[0]!
    expect(url).toBe('/api/instances')
    expect(init?.method).toBe('POST')
    expect(JSON.parse(init?.body as string)).toEqual({ name: 'gitlab-c', url: 'gitlab.example.com', token: 'glpat-wrong' })

    const token = control('Token')
    const errorId = token.getAttribute('aria-describedby')!
    expect(document.getElementById(errorId)?.textContent).toBe('GitLab does not accept the token (401 Unauthorized)')
    expect(token.getAttribute('aria-invalid')).toBe('true')
    expect(control('Name').getAttribute('aria-invalid')).toBe('false')
    expect(w.emitted('close')).toBeUndefined()
    expect(w.emitted('created')).toBeUndefined()
    expect(useToasts().toasts).toEqual([])
  })

  it('puts each field error on its field and toasts what no field shows', async () => {
    const w = await open()
    fetchMock.mockResolvedValueOnce(
      problem(422, [
        { field: 'name', message: 'must not be blank' },
        { field: 'url', message: 'must not be blank' },
        { field: 'something', message: 'is odd' },
      ]),
    )
    button('Add instance').click()
    await flushPromises()

    const nameError = document.getElementById('add-instance-name-error')
    expect(nameError?.textContent).toBe('must not be blank')
    expect(document.getElementById('add-instance-url-error')?.textContent).toBe('must not be blank')
    expect(document.getElementById('add-instance-token-error')).toBeNull()
    expect(useToasts().toasts.map((t) => t.message)).toEqual(['Could not add the instance: something: is odd'])
    expect(w.emitted('close')).toBeUndefined()
  })

  it('emits the created instance, toasts and closes on success', async () => {
    const w = await open()
    await set('Name', 'gitlab-c')
    await set('URL', 'https://gitlab.example.com')
    await set('Token', 'glpat-good')
    await set('Description', 'Backup')
    const instance = { id: 3, name: 'gitlab-c', gitlab_version: '17.8.2-ee', token_scopes: ['api'] }
    fetchMock.mockResolvedValueOnce(json(instance))
    button('Add instance').click()
    await flushPromises()

    expect(JSON.parse(fetchMock.mock.calls[0]![1]?.body as string).description).toBe('Backup')
    expect(w.emitted('created')).toEqual([[instance]])
    expect(w.emitted('close')).toHaveLength(1)
    expect(useToasts().toasts[0]).toMatchObject({ kind: 'success', message: 'Instance gitlab-c added (GitLab 17.8.2-ee)' })
  })
})
