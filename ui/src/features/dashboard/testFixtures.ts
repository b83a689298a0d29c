/** A `GET /api/dashboard/metrics` answer as the api-service is expected to send it (SEED-CONTRACT.md + additions). */
export function metricsBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const hour = (hoursAgo: number, succeeded: number, failed: number) => ({
    hour: new Date(Math.floor(Date.now() / 3600_000) * 3600_000 - hoursAgo * 3600_000).toISOString(),
    succeeded,
    failed,
  })
  return {
    summary: { total_mirrors: 34, total_pairs: 2, total_instances: 2, enabled_mirrors: 32, health_percentage: 58.8 },
    health: { success: 20, failed: 10, pending: 3, unknown: 1 },
    status_freshness: {
      fresh_count: 30,
      stale_count: 4,
      oldest_update: new Date(Date.now() - 3 * 3600_000).toISOString(),
      newest_update: new Date(Date.now() - 60_000).toISOString(),
      auto_refresh: {
        enabled: false,
        interval_seconds: null,
        last_run: null,
        next_run: null,
        running: false,
        note: 'no background status refresh: statuses are read from GitLab when a command or verify runs',
      },
    },
    recent_activity: [],
    mirrors_by_pair: [
      { pair_id: 1, pair_name: 'gitlab-a to gitlab-b (push)', count: 26 },
      { pair_id: 2, pair_name: 'gitlab-b from gitlab-a (pull)', count: 8 },
    ],
    pairs: [
      { pair_id: 1, pair_name: 'gitlab-a to gitlab-b (push)', total: 26, success: 14, failed: 9, pending: 2, unknown: 1 },
      { pair_id: 2, pair_name: 'gitlab-b from gitlab-a (pull)', total: 8, success: 6, failed: 1, pending: 1, unknown: 0 },
    ],
    instances: [
      { instance_id: 1, name: 'gitlab-a', mirrors: 34 },
      { instance_id: 2, name: 'gitlab-b', mirrors: 34 },
    ],
    failing_total: 11,
    failing_mirrors: [
      {
        id: 7,
        instance_pair_id: 1,
        pair_name: 'gitlab-a to gitlab-b (push)',
        source_project_path: 'legacy/monolith',
        target_project_path: 'legacy/monolith',
        mirror_direction: 'push',
        last_error: 'remote: You are not allowed to push code to this project. (403)',
        last_update_at: new Date(Date.now() - 20 * 60_000).toISOString(),
        last_successful_update: null,
      },
      {
        id: 9,
        instance_pair_id: 2,
        source_project_path: 'platform/core/api',
        target_project_path: 'platform/core/api',
        mirror_direction: 'pull',
        last_error: 'fatal: repository not found',
        last_update_at: new Date(Date.now() - 5 * 60_000).toISOString(),
      },
    ],
    sync_outcomes_24h: [hour(0, 12, 2), hour(1, 30, 0), hour(5, 8, 6), hour(12, 40, 1)],
    ...overrides,
  }
}

export function quickStatsBody(): Record<string, unknown> {
  return { syncing_count: 3, recent_failures: 4, syncing_mirror_ids: [1, 2, 3], timestamp: new Date().toISOString() }
}

const dayMs = 24 * 3600_000
const isoDate = (daysFromNow: number) => new Date(Date.now() + daysFromNow * dayMs).toISOString().slice(0, 10)

export function instancesBody(): Record<string, unknown>[] {
  return [
    { id: 1, name: 'gitlab-a', url: 'https://a', token_expires_at: isoDate(12) },
    { id: 2, name: 'gitlab-b', url: 'https://b', token_expires_at: isoDate(300) },
  ]
}

export function tokensBody(): Record<string, unknown>[] {
  return [
    { id: 1, group_path: 'platform', token_name: 'mirror-platform', token_expires_at: isoDate(-2), token_status: 'expired' },
    { id: 2, group_path: 'frontend', token_name: 'mirror-frontend', token_expires_at: isoDate(200), token_status: 'active' },
    { id: 3, group_path: 'legacy', token_name: 'mirror-legacy', token_expires_at: isoDate(20), token_status: 'expiring_soon' },
  ]
}
