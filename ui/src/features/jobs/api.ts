import { http } from '@/lib/http'

import type { RecurringOverview, ScheduledRetriesPage } from './types'

export function fetchScheduledRetries(page: number, pageSize: number, signal?: AbortSignal): Promise<ScheduledRetriesPage> {
  return http.get<ScheduledRetriesPage>('/api/jobs/scheduled', { page, page_size: pageSize }, signal)
}

export function fetchRecurringJobs(signal?: AbortSignal): Promise<RecurringOverview> {
  return http.get<RecurringOverview>('/api/jobs/recurring', undefined, signal)
}
