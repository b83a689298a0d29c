import { http } from '@/lib/http'

import type { BatchDetail, BatchLinesQuery, BatchListQuery, BatchPage, BatchSummary } from './types'

export function batchTopic(batchId: string): string {
  return `/topic/batches/${encodeURIComponent(batchId)}`
}

export function fetchBatch(batchId: string, query: BatchLinesQuery = {}, signal?: AbortSignal): Promise<BatchDetail> {
  return http.get<BatchDetail>(`/api/batches/${encodeURIComponent(batchId)}`, { ...query }, signal)
}

/** The counters alone (`lines_page_size=0`): a cheap catch-up after a reconnect. */
export async function fetchBatchSummary(batchId: string, signal?: AbortSignal): Promise<BatchSummary> {
  return (await fetchBatch(batchId, { lines_page_size: 0 }, signal)).batch
}

export function listBatches(query: BatchListQuery, signal?: AbortSignal): Promise<BatchPage> {
  return http.get<BatchPage>('/api/batches', { ...query }, signal)
}

export function cancelBatch(batchId: string): Promise<BatchSummary> {
  return http.post<BatchSummary>(`/api/batches/${encodeURIComponent(batchId)}/cancel`)
}
