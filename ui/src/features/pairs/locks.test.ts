import { describe, expect, it } from 'vitest'

import { pairLock } from './locks'

describe('pairLock', () => {
  it('never locks a new pair', () => {
    expect(pairLock('create', undefined)).toEqual({ locked: false, reason: null })
    expect(pairLock('create', 5)).toEqual({ locked: false, reason: null })
  })

  it('leaves instances and direction open while the pair has no mirrors', () => {
    expect(pairLock('edit', 0)).toEqual({ locked: false, reason: null })
  })

  it('locks them once the pair has mirrors, saying how many', () => {
    expect(pairLock('edit', 1)).toEqual({ locked: true, reason: 'locked: the pair has 1 mirror' })
    expect(pairLock('edit', 1234)).toEqual({ locked: true, reason: `locked: the pair has ${(1234).toLocaleString()} mirrors` })
  })

  it('stays locked while the count is unknown', () => {
    expect(pairLock('edit', null).locked).toBe(true)
    expect(pairLock('edit', undefined).locked).toBe(true)
  })
})
