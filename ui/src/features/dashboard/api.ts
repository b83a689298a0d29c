import { tokenExpiry } from '@/features/instances/expiry'
import { ApiError, http } from '@/lib/http'
import { daysUntil } from '@/lib/format'

import type {
  AutoRefresh,
  DashboardMetrics,
  FailingMirror,
  HealthCounts,
  HourOutcomes,
  PairHealth,
  QuickStats,
  StatusFreshness,
  TokenWarning,
  TokenWarningLevel,
} from './types'

interface Page {
  total: number
}

/** The number of mirrors matching a filter, from the list endpoint's `total` (one row fetched). */
export async function countMirrors(filter: Record<string, string | number | boolean> = {}): Promise<number> {
  const page = await http.get<Page>('/api/mirrors', { ...filter, page_size: 1 })
  return page.total
}

/** Success share in percent with one decimal, 100 without mirrors (as the original computes it). */
export function healthPercentage(finished: number, total: number): number {
  return total === 0 ? 100 : Math.round((finished / total) * 1000) / 10
}

/** How many failing mirrors the dashboard lists. */
export const FAILING_LIMIT = 10

// ---- reading the answers defensively: optional fields may be missing on any server version ----

type Json = Record<string, unknown>

function obj(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null
}

function num(value: unknown, fallback = 0): number {
  const n = typeof value === 'string' ? Number(value) : value
  return typeof n === 'number' && Number.isFinite(n) ? n : fallback
}

function numOrNull(value: unknown): number | null {
  if (value === null || value === undefined) return null
  const n = num(value, Number.NaN)
  return Number.isFinite(n) ? n : null
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null
}

function first(source: Json, ...keys: string[]): unknown {
  for (const key of keys) if (source[key] !== undefined && source[key] !== null) return source[key]
  return undefined
}

function parseHealth(value: unknown): HealthCounts {
  const h = obj(value) ?? {}
  return { success: num(h.success), failed: num(h.failed), pending: num(h.pending), unknown: num(h.unknown) }
}

function parseAutoRefresh(value: unknown): AutoRefresh | null {
  const a = obj(value)
  if (!a) return null
  const minutes = numOrNull(a.interval_minutes)
  return {
    enabled: a.enabled === true,
    interval_seconds: numOrNull(first(a, 'interval_seconds', 'interval')) ?? (minutes === null ? null : minutes * 60),
    last_run: str(first(a, 'last_run', 'last_run_at')),
    next_run: str(first(a, 'next_run', 'next_run_at')),
    running: first(a, 'running', 'running_now', 'is_running') === true,
    note: str(a.note),
  }
}

function parseFreshness(value: unknown): StatusFreshness | null {
  const f = obj(value)
  if (!f) return null
  return {
    fresh_count: num(f.fresh_count),
    stale_count: num(f.stale_count),
    oldest_update: str(f.oldest_update),
    newest_update: str(f.newest_update),
    auto_refresh: parseAutoRefresh(f.auto_refresh),
  }
}

function parsePair(value: unknown): PairHealth | null {
  const p = obj(value)
  if (!p) return null
  const id = num(first(p, 'pair_id', 'id', 'instance_pair_id'), Number.NaN)
  if (!Number.isFinite(id)) return null
  const health = parseHealth(obj(p.health) ?? p)
  const counted = health.success + health.failed + health.pending + health.unknown
  return {
    pair_id: id,
    pair_name: str(first(p, 'pair_name', 'name')) ?? `Pair ${id}`,
    ...health,
    total: num(first(p, 'total', 'total_mirrors', 'mirror_count', 'count'), counted),
  }
}

function parseFailing(value: unknown): FailingMirror | null {
  const m = obj(value)
  if (!m) return null
  const id = num(first(m, 'id', 'mirror_id'), Number.NaN)
  if (!Number.isFinite(id)) return null
  return {
    id,
    instance_pair_id: numOrNull(first(m, 'instance_pair_id', 'pair_id')),
    pair_name: str(first(m, 'pair_name', 'instance_pair_name')),
    source_project_path: str(first(m, 'source_project_path', 'project')) ?? `mirror ${id}`,
    target_project_path: str(m.target_project_path),
    mirror_direction: str(m.mirror_direction),
    last_error: str(first(m, 'last_error', 'error')),
    failed_at: str(first(m, 'failed_at', 'last_update_at', 'updated_at')),
    last_successful_update: str(m.last_successful_update),
  }
}

function parseHour(value: unknown): HourOutcomes | null {
  const h = obj(value)
  if (!h) return null
  const hour = str(first(h, 'hour', 'start', 'timestamp', 'time'))
  if (!hour) return null
  return { hour, succeeded: num(first(h, 'succeeded', 'success')), failed: num(h.failed) }
}

function list<T>(value: unknown, parse: (item: unknown) => T | null): T[] {
  return Array.isArray(value) ? value.map(parse).filter((item): item is T => item !== null) : []
}

const time = (iso: string | null) => (iso ? Date.parse(iso) || 0 : 0)

/** Newest failures first, whatever order the server sent. */
export function newestFailuresFirst(mirrors: FailingMirror[]): FailingMirror[] {
  return [...mirrors].sort((a, b) => time(b.failed_at) - time(a.failed_at) || b.id - a.id)
}

/** `GET /api/dashboard/metrics` read into the view's shape; missing optional parts become empty or null. */
export function parseMetrics(body: unknown): DashboardMetrics {
  const b = obj(body) ?? {}
  const s = obj(b.summary) ?? {}
  const health = parseHealth(b.health)
  const total = num(s.total_mirrors, health.success + health.failed + health.pending + health.unknown)
  const pairs = list(b.pairs ?? b.mirrors_by_pair, parsePair)
  const outcomes = Array.isArray(b.sync_outcomes_24h) ? list(b.sync_outcomes_24h, parseHour) : null
  const pairNames = new Map(pairs.map((p) => [p.pair_id, p.pair_name]))
  const failing = list(b.failing_mirrors, parseFailing).map((m) => ({
    ...m,
    pair_name: m.pair_name ?? (m.instance_pair_id === null ? null : (pairNames.get(m.instance_pair_id) ?? null)),
  }))
  return {
    source: 'metrics',
    summary: {
      total_mirrors: total,
      total_pairs: num(s.total_pairs, pairs.length),
      total_instances: num(s.total_instances),
      enabled_mirrors: numOrNull(s.enabled_mirrors),
      health_percentage: num(s.health_percentage, healthPercentage(health.success, total)),
    },
    health,
    status_freshness: parseFreshness(b.status_freshness),
    pairs,
    failing_mirrors: newestFailuresFirst(failing),
    failing_total: num(b.failing_total, health.failed),
    sync_outcomes_24h: outcomes?.sort((x, y) => time(x.hour) - time(y.hour)) ?? null,
  }
}

export function parseQuickStats(body: unknown): QuickStats {
  const b = obj(body) ?? {}
  return {
    syncing_count: num(b.syncing_count),
    recent_failures: num(b.recent_failures),
    syncing_mirror_ids: Array.isArray(b.syncing_mirror_ids) ? b.syncing_mirror_ids.map((id) => num(id)) : [],
    timestamp: str(b.timestamp),
  }
}

const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404

interface NamedRow {
  id: number
  name: string
}

/** Pairs broken down on an older server: at most this many (four counts each). */
const FALLBACK_PAIR_LIMIT = 12

/**
 * What an older server (without `/api/dashboard/metrics`) can tell, counted with `/api/mirrors`' `total`:
 * the cards, the health buckets, failing mirrors and per-pair bars. Freshness and the 24 h outcomes stay null.
 */
export async function fetchFallbackMetrics(signal?: AbortSignal): Promise<DashboardMetrics & { syncing_now: number }> {
  const count = (filter: Record<string, string | number | boolean> = {}) =>
    http.get<Page>('/api/mirrors', { ...filter, page_size: 1 }, signal).then((page) => num(page.total))
  const [total, finished, failed, started, scheduled, toRetry, disabled, pairs, instances, failingPage] =
    await Promise.all([
      count(),
      count({ status: 'finished' }),
      count({ status: 'failed' }),
      count({ status: 'started' }),
      count({ status: 'scheduled' }),
      count({ status: 'to_retry' }),
      count({ enabled: false }),
      http.get<NamedRow[]>('/api/pairs', undefined, signal),
      http.get<unknown[]>('/api/instances', undefined, signal),
      http.get<{ mirrors?: unknown[] }>(
        '/api/mirrors',
        { status: 'failed', order_by: 'last_update_at', order_dir: 'desc', page_size: FAILING_LIMIT },
        signal,
      ),
    ])
  const pending = started + scheduled + toRetry
  const health = { success: finished, failed, pending, unknown: Math.max(0, total - finished - failed - pending) }
  const pairHealth = await Promise.all(
    pairs.slice(0, FALLBACK_PAIR_LIMIT).map(async (pair): Promise<PairHealth> => {
      const [all, ok, bad, syncing] = await Promise.all([
        count({ instance_pair_id: pair.id }),
        count({ instance_pair_id: pair.id, status: 'finished' }),
        count({ instance_pair_id: pair.id, status: 'failed' }),
        count({ instance_pair_id: pair.id, status: 'started' }),
      ])
      return {
        pair_id: pair.id,
        pair_name: pair.name,
        total: all,
        success: ok,
        failed: bad,
        pending: syncing,
        unknown: Math.max(0, all - ok - bad - syncing),
      }
    }),
  )
  return {
    source: 'fallback',
    summary: {
      total_mirrors: total,
      total_pairs: pairs.length,
      total_instances: instances.length,
      enabled_mirrors: total - disabled,
      health_percentage: healthPercentage(finished, total),
    },
    health,
    status_freshness: null,
    pairs: pairHealth,
    failing_mirrors: newestFailuresFirst(list(failingPage.mirrors, parseFailing)),
    failing_total: failed,
    sync_outcomes_24h: null,
    syncing_now: started + scheduled,
  }
}

/**
 * The dashboard's numbers: `GET /api/dashboard/metrics`, or, only when that answers 404 (a server
 * from before the endpoint), the same assembled from `/api/mirrors` counts. Other errors are thrown.
 */
export async function fetchDashboardMetrics(signal?: AbortSignal): Promise<DashboardMetrics & { syncing_now?: number }> {
  try {
    return parseMetrics(await http.get<unknown>('/api/dashboard/metrics', undefined, signal))
  } catch (error) {
    if (isNotFound(error)) return fetchFallbackMetrics(signal)
    throw error
  }
}

/** `GET /api/dashboard/quick-stats`, or null when the server does not have it (404). */
export async function fetchQuickStats(signal?: AbortSignal): Promise<QuickStats | null> {
  try {
    return parseQuickStats(await http.get<unknown>('/api/dashboard/quick-stats', undefined, signal))
  } catch (error) {
    if (isNotFound(error)) return null
    throw error
  }
}

/** Tokens warned about this many days ahead. */
export const TOKEN_WARNING_DAYS = 30

interface InstanceRow {
  id: number
  name: string
  token_expires_at: string | null
}

interface GroupTokenRow {
  id: number
  group_path: string
  token_name: string
  token_expires_at: string | null
  token_status: string | null
}

/** The warning level of a token: expired, or the nearest of 1, 7 and 30 days it is within (30 when unknown). */
export function warningLevel(expired: boolean, daysLeft: number | null): TokenWarningLevel {
  if (expired) return 'expired'
  if (daysLeft !== null && daysLeft <= 1) return '1_day'
  if (daysLeft !== null && daysLeft <= 7) return '7_days'
  return '30_days'
}

/** A date-only expiry (`2027-10-03`) ends at the start of that day, UTC. */
const expiryInstant = (date: string) => (date.length === 10 ? `${date}T00:00:00Z` : date)

/**
 * Instance tokens expiring within 30 days or expired, and group tokens GitLab reports as
 * `expiring_soon` or `expired` (or whose date is that close); expired first, then soonest.
 */
export function tokenWarnings(
  instances: InstanceRow[],
  tokens: GroupTokenRow[],
  now: number = Date.now(),
): TokenWarning[] {
  const warnings: TokenWarning[] = []
  for (const instance of instances) {
    const state = tokenExpiry(instance.token_expires_at, now)
    if (state.level !== 'soon' && state.level !== 'expired') continue
    warnings.push({
      kind: 'instance',
      id: instance.id,
      name: instance.name,
      expires_at: instance.token_expires_at,
      expired: state.level === 'expired',
      days_left: daysUntil(expiryInstant(instance.token_expires_at!), now),
      level: warningLevel(state.level === 'expired', daysUntil(expiryInstant(instance.token_expires_at!), now)),
    })
  }
  for (const token of tokens) {
    const days = token.token_expires_at ? daysUntil(expiryInstant(token.token_expires_at), now) : null
    const expired = token.token_status === 'expired' || (days !== null && days < 0)
    const soon = token.token_status === 'expiring_soon' || (days !== null && days <= TOKEN_WARNING_DAYS)
    if (!expired && !soon) continue
    warnings.push({
      kind: 'group',
      id: token.id,
      name: `${token.group_path} (${token.token_name})`,
      expires_at: token.token_expires_at,
      expired,
      days_left: days,
      level: warningLevel(expired, days),
    })
  }
  return warnings.sort(
    (a, b) => Number(b.expired) - Number(a.expired) || (a.days_left ?? 1e9) - (b.days_left ?? 1e9),
  )
}

export async function fetchTokenWarnings(signal?: AbortSignal): Promise<TokenWarning[]> {
  const [instances, tokens] = await Promise.all([
    http.get<InstanceRow[]>('/api/instances', undefined, signal),
    http.get<GroupTokenRow[]>('/api/tokens', undefined, signal),
  ])
  return tokenWarnings(instances, tokens)
}

export const syncMirror = (id: number) => http.post<unknown>(`/api/mirrors/${id}/update`)
export const verifyMirror = (id: number) => http.post<unknown>(`/api/mirrors/${id}/verify`)
