import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { stompClientFactoryKey } from '@/lib/stomp'
import { fakeStompFactory, type FakeStompClient } from '@/test/fakeStomp'
import { json } from '@/test/fetchRouter'

import InstancesView from './InstancesView.vue'
import type { Instance } from './types'

function instance(id: number, name: string, overrides: Partial<Instance> = {}): Instance {
  return {
    id,
    name,
    url: `http://127.0.0.1:1808${id}`,
    description: null,
    token_user_id: 1,
    token_username: 'root',
    token_set: true,
    token_scopes: ['api'],
    token_expires_at: '2099-01-01',
    gitlab_version: '17.8.2-ee',
    gitlab_revision: null,
    gitlab_edition: 'ee',
    last_checked_at: '2026-12-07T01:00:00Z',
    created_at: '2026-12-07T01:00:00Z',
    updated_at: '2026-12-07T01:00:00Z',
    ...overrides,
  }
}

describe('InstancesView', () => {
  let fetchMock: ReturnType<typeof vi.fn<typeof fetch>>
  let clients: FakeStompClient[]
  let factory: ReturnType<typeof fakeStompFactory>['factory']
  let wrapper: VueWrapper | undefined

  beforeEach(() => {
    setActivePinia(createPinia())
    const stomp = fakeStompFactory()
    factory = stomp.factory
    clients = stomp.clients
    fetchMock = vi.fn<typeof fetch>()
    vi.stubGlobal('fetch', fetchMock)
  })

  afterEach(() => {
    wrapper?.unmount()
    document.body.innerHTML = ''
  })

  async function mountView(list: Instance[]): Promise<VueWrapper> {
    fetchMock.mockResolvedValueOnce(json(list))
    wrapper = mount(InstancesView, {
      attachTo: document.body,
      global: { plugins: [createPinia()], provide: { [stompClientFactoryKey as symbol]: factory } },
    })
    await flushPromises()
    clients[0]!.connect()
    return wrapper
  }

  it('lists instances and flags a token expiring within 30 days', async () => {
    const soon = new Date(Date.now() + 10 * 24 * 3600 * 1000).toISOString().slice(0, 10)
    const w = await mountView([instance(1, 'gitlab-a'), instance(2, 'gitlab-b', { token_expires_at: soon })])
    const rows = w.findAll('tbody tr')
    expect(rows.map((r) => r.find('strong').text())).toEqual(['gitlab-a', 'gitlab-b'])
    expect(rows[0]!.find('[data-testid="expiry-badge"]').exists()).toBe(false)
    expect(rows[1]!.find('[data-testid="expiry-badge"]').text()).toMatch(/^expires in (9|10) days$/)
  })

  it('shows an empty state and an error state', async () => {
    const w = await mountView([])
    expect(w.text()).toContain('No GitLab instances yet.')
    w.unmount()
    fetchMock.mockResolvedValueOnce(json({ status: 500, title: 'Server error', detail: 'Mongo is down', errors: [] }, 500))
    wrapper = mount(InstancesView, { global: { plugins: [createPinia()], provide: { [stompClientFactoryKey as symbol]: factory } } })
    await flushPromises()
    expect(wrapper.get('[role="alert"]').text()).toContain('Could not load the instances: Mongo is down')
  })

  it('checks a connection: Checking… until the outcome arrives live, then refetches the instance', async () => {
    const w = await mountView([instance(1, 'gitlab-a'), instance(2, 'gitlab-b')])
    fetchMock.mockResolvedValueOnce(json({ command_id: 'cmd-1', status: 'accepted', status_url: '/api/commands/cmd-1' }, 202))
    await w.get('button[aria-label="Check connection gitlab-a"]').trigger('click')
    await flushPromises()
    expect(fetchMock.mock.calls[1]![0]).toBe('/api/instances/1/check')
    expect(w.get('[data-testid="check-1"]').text()).toBe('Checking…')

    const client = clients[0]!
    client.deliver('/topic/activity', { id: 'e1', command_id: 'cmd-1', type: 'CommandAccepted', subject_id: 'instance:1', outcome: 'accepted', message: 'CheckInstance accepted', occurred_at: '2026-12-07T01:10:00Z' })
    await flushPromises()
    expect(w.get('[data-testid="check-1"]').text()).toBe('Checking…')
    expect(fetchMock).toHaveBeenCalledTimes(2)

    fetchMock.mockResolvedValueOnce(json(instance(1, 'gitlab-a', { gitlab_version: '17.9.0-ee', last_checked_at: '2026-12-07T01:10:01Z' })))
    client.deliver('/topic/activity', { id: 'e2', command_id: 'cmd-1', type: 'InstanceChecked', subject_id: 'instance:1', outcome: 'failed', message: 'GitLab unreachable: connection refused', occurred_at: '2026-12-07T01:10:01Z' })
    await flushPromises()
    expect(w.get('[data-testid="check-1"]').text()).toContain('Check failed')
    expect(w.get('[data-testid="check-1"]').text()).toContain('GitLab unreachable: connection refused')
    expect(fetchMock.mock.calls[2]![0]).toBe('/api/instances/1')
    expect(w.findAll('tbody tr')[0]!.text()).toContain('17.9.0-ee')
    expect(w.get('[data-testid="check-2"]').text()).toBe('')
  })

  it('asks with the delete impact before deleting', async () => {
    const w = await mountView([instance(1, 'gitlab-a')])
    fetchMock.mockResolvedValueOnce(json({ instances: 1, instance_pairs: 2, mirrors: 5, group_defaults: 0, group_tokens: 3 }))
    await w.get('button[aria-label="Delete gitlab-a"]').trigger('click')
    await flushPromises()
    const { useConfirm } = await import('@/lib/confirm')
    const confirm = useConfirm()
    expect(confirm.pending?.title).toBe('Delete instance gitlab-a?')
    expect(confirm.pending?.details).toEqual(['1 instance', '2 instance pairs', '5 mirrors', '3 group access tokens'])
    expect(confirm.pending?.danger).toBe(true)
    fetchMock.mockResolvedValueOnce(json({ status: 'deleted', deleted: {} }))
    confirm.answer(true)
    await flushPromises()
    expect(fetchMock.mock.calls[2]![0]).toBe('/api/instances/1')
    expect(fetchMock.mock.calls[2]![1]?.method).toBe('DELETE')
    expect(w.findAll('tbody tr')).toHaveLength(0)
  })
})
