/** The four health buckets of the seed contract (SEED-CONTRACT.md, "Mirror status vocabulary"). */
export interface HealthCounts {
  success: number
  failed: number
  pending: number
  unknown: number
}

export type HealthKind = keyof HealthCounts

export const HEALTH_KINDS: readonly HealthKind[] = ['success', 'failed', 'pending', 'unknown']

export interface Summary {
  total_mirrors: number
  total_pairs: number
  total_instances: number
  enabled_mirrors: number | null
  health_percentage: number
}

/** `status_freshness.auto_refresh`: the background status refresh. */
export interface AutoRefresh {
  enabled: boolean
  interval_seconds: number | null
  last_run: string | null
  next_run: string | null
  running: boolean
  /** The server's own words, e.g. why there is no background refresh. */
  note: string | null
}

export interface StatusFreshness {
  fresh_count: number
  stale_count: number
  oldest_update: string | null
  newest_update: string | null
  auto_refresh: AutoRefresh | null
}

/** One pair's mirrors by health bucket (dashboard `pairs`, or `mirrors_by_pair` with a count only). */
export interface PairHealth extends HealthCounts {
  pair_id: number
  pair_name: string
  total: number
}

export interface FailingMirror {
  id: number
  instance_pair_id: number | null
  pair_name: string | null
  source_project_path: string
  target_project_path: string | null
  mirror_direction: string | null
  last_error: string | null
  /** When the failure was reported (`failed_at`, else `last_update_at`). */
  failed_at: string | null
  last_successful_update: string | null
}

/** One hour of `sync_outcomes_24h`, oldest first. */
export interface HourOutcomes {
  hour: string
  succeeded: number
  failed: number
}

/** What the dashboard shows, from `/api/dashboard/metrics`, or assembled on an older server. */
export interface DashboardMetrics {
  /** `metrics`: the endpoint answered; `fallback`: counted from `/api/mirrors` (older server). */
  source: 'metrics' | 'fallback'
  summary: Summary
  health: HealthCounts
  status_freshness: StatusFreshness | null
  pairs: PairHealth[]
  failing_mirrors: FailingMirror[]
  /** All failing mirrors (`failing_total`, as `/api/mirrors?status=failed` counts them), not only those listed. */
  failing_total: number
  /** Null when the server does not report it. */
  sync_outcomes_24h: HourOutcomes[] | null
}

export interface QuickStats {
  syncing_count: number
  recent_failures: number
  syncing_mirror_ids: number[]
  timestamp: string | null
}

export interface TokenWarning {
  kind: 'instance' | 'group'
  id: number
  /** The instance's name, or the group path with its token name. */
  name: string
  expires_at: string | null
  expired: boolean
  /** Days left (negative when expired), null when unknown. */
  days_left: number | null
  /** The warning level reached, as notifications report it: 30, 7 and 1 days before expiry, then expired. */
  level: TokenWarningLevel
}

export type TokenWarningLevel = '30_days' | '7_days' | '1_day' | 'expired'

