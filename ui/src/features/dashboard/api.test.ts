import { afterEach, describe, expect, it, vi } from 'vitest'

import { json, routeFetch } from '@/test/fetchRouter'

import { countMirrors, parseMetrics, tokenWarnings, warningLevel } from './api'

describe('countMirrors', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('asks the list endpoint for one row and answers its total', async () => {
    const { calls } = routeFetch({ 'GET /api/mirrors': () => json({ mirrors: [], total: 42 }) })
    expect(await countMirrors({ instance_pair_id: 3, status: 'failed' })).toBe(42)
    expect(Object.fromEntries(calls[0]!.url.searchParams)).toEqual({ instance_pair_id: '3', status: 'failed', page_size: '1' })
  })
})

describe('parseMetrics', () => {
  it('reads the seed contract alone (no additions): pairs from mirrors_by_pair, no outcomes, no failing list', () => {
    const m = parseMetrics({
      summary: { total_mirrors: 5, total_pairs: 1, total_instances: 2, enabled_mirrors: 5, health_percentage: 40 },
      health: { success: 2, failed: 1, pending: 1, unknown: 1 },
      recent_activity: [],
      mirrors_by_pair: [{ pair_id: 1, pair_name: 'a→b', count: 5 }],
    })
    expect(m.summary.health_percentage).toBe(40)
    expect(m.pairs).toEqual([{ pair_id: 1, pair_name: 'a→b', total: 5, success: 0, failed: 0, pending: 0, unknown: 0 }])
    expect(m.failing_mirrors).toEqual([])
    expect(m.sync_outcomes_24h).toBeNull()
    expect(m.status_freshness).toBeNull()
  })

  it('survives an empty answer and computes what it can', () => {
    const m = parseMetrics({})
    expect(m.summary).toEqual({ total_mirrors: 0, total_pairs: 0, total_instances: 0, enabled_mirrors: null, health_percentage: 100 })
    expect(m.health).toEqual({ success: 0, failed: 0, pending: 0, unknown: 0 })
  })

  it('takes per-pair health nested or flat, sorts failures newest first and hours oldest first', () => {
    const m = parseMetrics({
      pairs: [{ id: 2, name: 'p', health: { success: 1, failed: 2, pending: 0, unknown: 0 } }],
      failing_mirrors: [
        { id: 1, source_project_path: 'a', last_error: 'x', last_update_at: '2026-12-07T01:00:00Z' },
        { mirror_id: 2, source_project_path: 'b', error: 'y', failed_at: '2026-12-07T02:00:00Z' },
        { source_project_path: 'no id' },
      ],
      sync_outcomes_24h: [
        { hour: '2026-12-07T02:00:00Z', succeeded: 1, failed: 0 },
        { hour: '2026-12-07T01:00:00Z', success: 3, failed: 1 },
      ],
      status_freshness: { fresh_count: 1, stale_count: 2, auto_refresh: { enabled: true, interval_minutes: 15, running: true } },
    })
    expect(m.pairs[0]).toMatchObject({ pair_id: 2, pair_name: 'p', total: 3, failed: 2 })
    expect(m.failing_mirrors.map((f) => [f.id, f.last_error])).toEqual([
      [2, 'y'],
      [1, 'x'],
    ])
    expect(m.sync_outcomes_24h!.map((h) => h.succeeded)).toEqual([3, 1])
    expect(m.status_freshness!.auto_refresh).toEqual({
      enabled: true,
      interval_seconds: 900,
      last_run: null,
      next_run: null,
      running: true,
      note: null,
    })
  })
})

describe('tokenWarnings', () => {
  const now = Date.parse('2026-12-07T12:00:00Z')

  it('warns for instance tokens within 30 days or expired and group tokens expiring_soon or expired', () => {
    const warnings = tokenWarnings(
      [
        { id: 1, name: 'in-10-days', token_expires_at: '2026-12-18' },
        { id: 2, name: 'in-60-days', token_expires_at: '2027-02-05' },
        { id: 3, name: 'never', token_expires_at: null },
        { id: 4, name: 'gone', token_expires_at: '2026-12-01' },
      ],
      [
        { id: 1, group_path: 'g1', token_name: 't', token_expires_at: null, token_status: 'expiring_soon' },
        { id: 2, group_path: 'g2', token_name: 't', token_expires_at: '2027-06-01', token_status: 'active' },
        { id: 3, group_path: 'g3', token_name: 't', token_expires_at: '2026-11-30', token_status: 'expired' },
      ],
      now,
    )
    expect(warnings.map((w) => [w.kind, w.name, w.expired])).toEqual([
      ['group', 'g3 (t)', true], // expired longest ago first
      ['instance', 'gone', true],
      ['instance', 'in-10-days', false],
      ['group', 'g1 (t)', false],
    ])
    expect(warnings[2]!.days_left).toBe(10)
    expect(warnings.map((w) => w.level)).toEqual(['expired', 'expired', '30_days', '30_days'])
  })

  it('reaches the 30, 7 and 1 day levels as notifications do', () => {
    expect(warningLevel(false, 30)).toBe('30_days')
    expect(warningLevel(false, 8)).toBe('30_days')
    expect(warningLevel(false, 7)).toBe('7_days')
    expect(warningLevel(false, 2)).toBe('7_days')
    expect(warningLevel(false, 1)).toBe('1_day')
    expect(warningLevel(false, 0)).toBe('1_day')
    expect(warningLevel(true, -3)).toBe('expired')
    expect(warningLevel(false, null)).toBe('30_days')
  })
})
