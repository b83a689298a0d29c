import { onScopeDispose, ref } from 'vue'

import { describeError } from '@/lib/http'

import { fetchDashboardMetrics, fetchQuickStats, fetchTokenWarnings } from '../api'
import type { DashboardMetrics, QuickStats, TokenWarning } from '../types'
import { createCoalescer, REFRESH_INTERVAL_MS } from './coalesce'
import { touchesTokens, useEstateChanges } from './useEstateChanges'

/**
 * The dashboard's data, kept live: metrics and quick stats (refetched at most every 2 s while
 * activity arrives), and token warnings (refetched when an instance or token changed). The
 * numbers already shown stay when a refresh fails; `error` says so.
 */
export function useDashboard(intervalMs: number = REFRESH_INTERVAL_MS) {
  const metrics = ref<(DashboardMetrics & { syncing_now?: number }) | null>(null)
  const quickStats = ref<QuickStats | null>(null)
  const loading = ref(true)
  const error = ref<string | null>(null)
  const updatedAt = ref<number | null>(null)

  const tokens = ref<TokenWarning[] | null>(null)
  const tokensError = ref<string | null>(null)

  let disposed = false

  async function loadMetrics(): Promise<void> {
    loading.value = true
    try {
      const [m, q] = await Promise.all([fetchDashboardMetrics(), fetchQuickStats()])
      if (disposed) return
      metrics.value = m
      quickStats.value = q
      updatedAt.value = Date.now()
      error.value = null
    } catch (cause) {
      if (!disposed) error.value = describeError(cause)
    } finally {
      loading.value = false
    }
  }

  async function loadTokens(): Promise<void> {
    try {
      const warnings = await fetchTokenWarnings()
      if (disposed) return
      tokens.value = warnings
      tokensError.value = null
    } catch (cause) {
      if (!disposed) tokensError.value = describeError(cause)
    }
  }

  const metricsRefresh = createCoalescer(loadMetrics, intervalMs)
  const tokensRefresh = createCoalescer(loadTokens, intervalMs)

  useEstateChanges(
    (change) => {
      metricsRefresh.trigger()
      if (touchesTokens(change)) tokensRefresh.trigger()
    },
    () => {
      metricsRefresh.trigger()
      tokensRefresh.trigger()
    },
  )

  onScopeDispose(() => {
    disposed = true
    metricsRefresh.dispose()
    tokensRefresh.dispose()
  })

  metricsRefresh.trigger()
  tokensRefresh.trigger()

  return {
    metrics,
    quickStats,
    loading,
    error,
    updatedAt,
    tokens,
    tokensError,
    refresh: () => metricsRefresh.trigger(),
    refreshTokens: () => tokensRefresh.trigger(),
  }
}
