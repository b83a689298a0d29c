import { onScopeDispose, ref } from 'vue'

import { describeError } from '@/lib/http'

import { pairsApi } from '../api'
import { HEALTH_STATUSES, type HealthCounts } from '../health'

export type HealthState = { state: 'loading' } | { state: 'error'; message: string } | ({ state: 'ok' } & HealthCounts)

/**
 * Mirror counts per pair for the health bars: four `page_size=1` requests per pair (all, finished, failed,
 * pending), every pair at once, so nothing loads the mirrors themselves.
 */
export function usePairHealth() {
  const byPair = ref<Record<number, HealthState>>({})
  const controller = new AbortController()

  async function loadOne(pairId: number): Promise<void> {
    if (!byPair.value[pairId] || byPair.value[pairId].state !== 'ok') byPair.value[pairId] = { state: 'loading' }
    try {
      const [total, finished, failed, pending] = await Promise.all([
        pairsApi.countMirrors(pairId, undefined, controller.signal),
        ...HEALTH_STATUSES.map((status) => pairsApi.countMirrors(pairId, status, controller.signal)),
      ])
      byPair.value[pairId] = { state: 'ok', total: total!, finished: finished!, failed: failed!, pending: pending! }
    } catch (e) {
      if (!controller.signal.aborted) byPair.value[pairId] = { state: 'error', message: describeError(e) }
    }
  }

  function load(pairIds: number[]): Promise<void> {
    return Promise.all(pairIds.map(loadOne)).then(() => undefined)
  }

  onScopeDispose(() => controller.abort())
  return { byPair, load, loadOne }
}
