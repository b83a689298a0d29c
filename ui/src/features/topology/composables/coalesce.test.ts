import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { coalesce } from './coalesce'

describe('coalesce', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('runs the first trigger at once and folds a burst into one run at the end of the interval', () => {
    const run = vi.fn()
    const c = coalesce(run, 3000)
    c.trigger()
    expect(run).toHaveBeenCalledTimes(1)
    c.trigger()
    c.trigger()
    vi.advanceTimersByTime(1000)
    c.trigger()
    expect(run).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(1999)
    expect(run).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(1)
    expect(run).toHaveBeenCalledTimes(2)
    vi.advanceTimersByTime(10000)
    expect(run).toHaveBeenCalledTimes(2)
  })

  it('runs at once again after a quiet interval, and cancel drops a pending run', () => {
    const run = vi.fn()
    const c = coalesce(run, 3000)
    c.trigger()
    vi.advanceTimersByTime(5000)
    c.trigger()
    expect(run).toHaveBeenCalledTimes(2)
    c.trigger()
    c.cancel()
    vi.advanceTimersByTime(5000)
    expect(run).toHaveBeenCalledTimes(2)
  })
})
