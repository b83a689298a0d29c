import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { jsonResponse } from '@/test/fakeStomp'
import { mountApp, type Mounted } from '@/test/mountApp'

import type { KeyRotationStatus } from '../types'
import KeyRotationCard from './KeyRotationCard.vue'

function status(overrides: Partial<KeyRotationStatus>): KeyRotationStatus {
  return {
    state: 'in_progress',
    previous_key_configured: true,
    total: 40,
    done: 10,
    remaining: 30,
    unreadable: 0,
    collections: [],
    last_pass_at: null,
    ...overrides,
  }
}

describe('KeyRotationCard', () => {
  let fetchMock: ReturnType<typeof vi.fn<typeof fetch>>
  let mounted: Mounted | undefined

  beforeEach(() => {
    fetchMock = vi.fn<typeof fetch>()
    vi.stubGlobal('fetch', fetchMock)
  })
  afterEach(() => {
    mounted?.wrapper.unmount()
    mounted = undefined
    vi.useRealTimers()
  })

  it('shows the progress and looks again while the rotation runs, until it is done', async () => {
    vi.useFakeTimers()
    fetchMock
      .mockResolvedValueOnce(jsonResponse(status({})))
      .mockResolvedValueOnce(jsonResponse(status({ state: 'done', done: 40, remaining: 0 })))
    mounted = await mountApp(KeyRotationCard, { props: { pollMs: 1000 } })
    await flushPromises()
    const w = mounted.wrapper
    expect(w.get('[data-testid="key-rotation-counts"]').text()).toContain('10 of 40 tokens under the new key, 30 left')
    expect(w.get('progress').attributes('value')).toBe('10')

    await vi.advanceTimersByTimeAsync(1000)
    await flushPromises()
    expect(w.get('[data-testid="key-rotation-state"]').text()).toContain('remove MM_ENCRYPTION_KEY_PREVIOUS')
    expect(String(fetchMock.mock.calls[1]![0])).toBe('/api/ops/key-rotation')

    await vi.advanceTimersByTimeAsync(5000)
    expect(fetchMock).toHaveBeenCalledTimes(2)
  })

  it('says how to rotate when no previous key is configured, and names unreadable tokens', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(status({ state: 'none', previous_key_configured: false, done: 40, remaining: 0 })))
    mounted = await mountApp(KeyRotationCard)
    await flushPromises()
    expect(mounted.wrapper.text()).toContain('MM_ENCRYPTION_KEY_PREVIOUS (see the README)')
    mounted.wrapper.unmount()

    fetchMock.mockResolvedValueOnce(jsonResponse(status({ state: 'attention', unreadable: 2, remaining: 0, done: 38 })))
    mounted = await mountApp(KeyRotationCard)
    await flushPromises()
    expect(mounted.wrapper.text()).toContain('open with neither key')
    expect(mounted.wrapper.text()).toContain('2 unreadable')
  })
})
