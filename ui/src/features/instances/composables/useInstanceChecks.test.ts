import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'

import { json } from '@/test/fetchRouter'

import { instanceIdOf, useInstanceChecks } from './useInstanceChecks'

describe('useInstanceChecks', () => {
  let fetchMock: ReturnType<typeof vi.fn<typeof fetch>>

  beforeEach(() => {
    setActivePinia(createPinia())
    fetchMock = vi.fn<typeof fetch>()
    vi.stubGlobal('fetch', fetchMock)
  })

  function setup() {
    return effectScope().run(() => useInstanceChecks())!
  }

  it('is checking until the outcome with its command id arrives, ignoring the accepted entry and others', async () => {
    fetchMock.mockResolvedValueOnce(json({ command_id: 'c1', status: 'accepted', status_url: '/api/commands/c1' }, 202))
    const checks = setup()
    await checks.start(1)
    expect(fetchMock.mock.calls[0]![0]).toBe('/api/instances/1/check')
    expect(checks.checks.value[1]).toEqual({ commandId: 'c1', status: 'checking', message: '' })

    expect(checks.handle({ command_id: 'c1', outcome: 'accepted', message: 'CheckInstance accepted' })).toBe(true)
    expect(checks.handle({ command_id: 'other', outcome: 'succeeded', message: 'x' })).toBe(false)
    expect(checks.isRunning(1)).toBe(true)

    checks.handle({ command_id: 'c1', outcome: 'retry_scheduled', message: 'timeout, retrying' })
    expect(checks.checks.value[1]?.status).toBe('retrying')

    checks.handle({ command_id: 'c1', outcome: 'failed', message: 'GitLab unreachable', subject_id: 'instance:1' })
    expect(checks.checks.value[1]).toEqual({ commandId: 'c1', status: 'failed', message: 'GitLab unreachable' })
    expect(checks.isRunning(1)).toBe(false)
  })

  it('keeps an outcome that arrives before the POST answered', async () => {
    let answer!: (r: Response) => void
    fetchMock.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)))
    const checks = setup()
    const started = checks.start(2)
    expect(checks.isRunning(2)).toBe(true)
    expect(checks.isStarting(2)).toBe(true)
    checks.handle({ command_id: 'c2', outcome: 'succeeded', message: 'GitLab 17.4.1-ee reachable as root' })
    answer(json({ command_id: 'c2', status: 'accepted', status_url: '/api/commands/c2' }, 202))
    await started
    expect(checks.isStarting(2)).toBe(false)
    expect(checks.checks.value[2]).toEqual({
      commandId: 'c2',
      status: 'succeeded',
      message: 'GitLab 17.4.1-ee reachable as root',
    })
  })

  it('forgets the check and rethrows when the POST fails', async () => {
    fetchMock.mockResolvedValueOnce(json({ status: 404, title: 'Not Found', detail: 'no instance 9', errors: [] }, 404))
    const checks = setup()
    await expect(checks.start(9)).rejects.toThrow('no instance 9')
    expect(checks.checks.value[9]).toBeUndefined()
  })

  it('catches up over REST after a reconnect', async () => {
    fetchMock.mockResolvedValueOnce(json({ command_id: 'c3', status: 'accepted', status_url: '' }, 202))
    const checks = setup()
    await checks.start(3)
    fetchMock.mockResolvedValueOnce(
      json([
        { command_id: 'c3', outcome: 'succeeded', message: 'ok now' },
        { command_id: 'c3', outcome: 'accepted', message: 'CheckInstance accepted' },
      ]),
    )
    await checks.catchUp()
    await flushPromises()
    expect(fetchMock.mock.calls[1]![0]).toBe('/api/activity?command_id=c3&limit=10')
    expect(checks.checks.value[3]?.status).toBe('succeeded')
  })
})

describe('instanceIdOf', () => {
  it('reads instance subjects only', () => {
    expect(instanceIdOf('instance:12')).toBe(12)
    expect(instanceIdOf('mirror:12')).toBeNull()
    expect(instanceIdOf(null)).toBeNull()
  })
})
