import { http } from '@/lib/http'

interface Page {
  total: number
}

/** The number of mirrors matching a filter, from the list endpoint's `total` (one row fetched). */
export async function countMirrors(filter: Record<string, string | number | boolean> = {}): Promise<number> {
  const page = await http.get<Page>('/api/mirrors', { ...filter, page_size: 1 })
  return page.total
}

export interface EstateCounts {
  mirrors: number
  finished: number
  failed: number
  syncing: number
  disabled: number
  pairs: number
  instances: number
}

/** The dashboard's cards, counted by the server; nothing loads every mirror. */
export async function fetchEstateCounts(): Promise<EstateCounts> {
  const [mirrors, finished, failed, started, scheduled, disabled, pairs, instances] = await Promise.all([
    countMirrors(),
    countMirrors({ status: 'finished' }),
    countMirrors({ status: 'failed' }),
    countMirrors({ status: 'started' }),
    countMirrors({ status: 'scheduled' }),
    countMirrors({ enabled: false }),
    http.get<unknown[]>('/api/pairs'),
    http.get<unknown[]>('/api/instances'),
  ])
  return {
    mirrors,
    finished,
    failed,
    syncing: started + scheduled,
    disabled,
    pairs: pairs.length,
    instances: instances.length,
  }
}

/** Success share in percent with one decimal, 100 without mirrors (as the original computes it). */
export function healthPercentage(finished: number, total: number): number {
  return total === 0 ? 100 : Math.round((finished / total) * 1000) / 10
}
