import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { effectScope, type EffectScope } from 'vue'

import { json, routeFetch } from '@/test/fetchRouter'

import { pair } from '../testFixtures'
import { usePairs } from './usePairs'

describe('usePairs', () => {
  let scope: EffectScope
  beforeEach(() => {
    scope = effectScope()
  })
  afterEach(() => scope.stop())

  it('loads the pairs once and names them by id, "several pairs" for none', async () => {
    const { calls } = routeFetch({ 'GET /api/pairs': () => json([pair(), pair({ id: 2, name: 'b-to-a' })]) })
    const pairs = scope.run(() => usePairs())!
    expect(pairs.loading.value).toBe(true)
    await flushPromises()
    expect(calls).toHaveLength(1)
    expect(pairs.loading.value).toBe(false)
    expect(pairs.nameOf(2)).toBe('b-to-a')
    expect(pairs.nameOf(9)).toBe('pair 9')
    expect(pairs.nameOf(0)).toBe('several pairs')
  })

  it('keeps the error for a retry', async () => {
    routeFetch({})
    const pairs = scope.run(() => usePairs())!
    await flushPromises()
    expect(pairs.error.value).toContain('no route')
    expect(pairs.data.value).toEqual([])
  })
})
