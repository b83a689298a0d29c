import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { createCoalescer } from './coalesce'

describe('createCoalescer', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('runs at once when idle, then once more for a whole burst, at most once per interval', async () => {
    const run = vi.fn(async () => undefined)
    const refresh = createCoalescer(run, 2000)

    for (let i = 0; i < 10_000; i++) refresh.trigger()
    expect(run).toHaveBeenCalledTimes(1)

    await vi.advanceTimersByTimeAsync(1999)
    expect(run).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(run).toHaveBeenCalledTimes(2)

    // the burst is over: nothing more
    await vi.advanceTimersByTimeAsync(10_000)
    expect(run).toHaveBeenCalledTimes(2)
  })

  it('spaces runs 2 s apart while triggers keep arriving', async () => {
    const run = vi.fn(async () => undefined)
    const refresh = createCoalescer(run, 2000)
    // a message every 50 ms for 10 s
    for (let t = 0; t < 10_000; t += 50) {
      refresh.trigger()
      await vi.advanceTimersByTimeAsync(50)
    }
    // runs at 0, 2, 4, 6, 8 s, and one at 10 s for the last messages
    expect(run.mock.calls.length).toBeGreaterThanOrEqual(5)
    expect(run.mock.calls.length).toBeLessThanOrEqual(6)
    await vi.advanceTimersByTimeAsync(2000)
    expect(run).toHaveBeenCalledTimes(6)
  })

  it('never overlaps runs: a slow run delays the next until it ended', async () => {
    let finish: () => void = () => undefined
    const run = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)))
    const refresh = createCoalescer(run, 2000)
    refresh.trigger()
    refresh.trigger()
    await vi.advanceTimersByTimeAsync(5000)
    expect(run).toHaveBeenCalledTimes(1)
    finish()
    await vi.advanceTimersByTimeAsync(0)
    expect(run).toHaveBeenCalledTimes(2)
  })

  it('keeps going after a run failed, and stops when disposed', async () => {
    const run = vi.fn(async () => {
      throw new Error('boom')
    })
    const refresh = createCoalescer(run, 2000)
    refresh.trigger()
    refresh.trigger()
    await vi.advanceTimersByTimeAsync(2000)
    expect(run).toHaveBeenCalledTimes(2)
    refresh.trigger()
    refresh.dispose()
    await vi.advanceTimersByTimeAsync(10_000)
    refresh.trigger()
    expect(run).toHaveBeenCalledTimes(2)
  })
})
