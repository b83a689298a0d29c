import { describe, expect, it } from 'vitest'
import { formatDuration } from './format'

describe('formatDuration', () => {
  it('says an ISO-8601 duration in words', () => {
    expect(formatDuration('PT30S')).toBe('30 s')
    expect(formatDuration('PT1H')).toBe('1 h')
    expect(formatDuration('PT1H30M')).toBe('1 h 30 min')
    expect(formatDuration('P1DT2H')).toBe('1 d 2 h')
    expect(formatDuration('PT0.5S')).toBe('0.5 s')
    expect(formatDuration('PT0S')).toBe('0 s')
  })

  it('leaves anything else as it is', () => {
    expect(formatDuration('0 */5 * * *')).toBe('0 */5 * * *')
    expect(formatDuration(null)).toBe('—')
  })
})
