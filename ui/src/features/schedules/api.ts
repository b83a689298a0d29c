import { http } from '@/lib/http'

import type { ScheduleEntry, ScheduleLevel, ScheduleSpec, ScheduleState } from './types'

const BASE: Record<ScheduleLevel, string> = { pair: '/api/pairs', group: '/api/group-defaults', mirror: '/api/mirrors' }

/** The schedule resource of a pair, a group defaults entry or a mirror, by its id. */
export function scheduleUrl(level: ScheduleLevel, id: number): string {
  return `${BASE[level]}/${id}/schedule`
}

export function fetchSchedule(url: string, signal?: AbortSignal): Promise<ScheduleState> {
  return http.get<ScheduleState>(url, undefined, signal)
}

/** Sets a cron expression and time zone, or `{none: true}`, at this level. */
export function saveSchedule(url: string, spec: ScheduleSpec): Promise<ScheduleState> {
  return http.put<ScheduleState>(url, spec)
}

/** Removes this level's own schedule: it inherits again (a pair then has none). */
export function clearSchedule(url: string): Promise<ScheduleState> {
  return http.delete<ScheduleState>(url)
}

export function fetchSchedules(pairId?: number, signal?: AbortSignal): Promise<ScheduleEntry[]> {
  return http.get<ScheduleEntry[]>('/api/schedules', pairId ? { instance_pair_id: pairId } : undefined, signal)
}
