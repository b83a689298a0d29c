/** What one level says: a cron expression in a time zone, or `none` (switches an inherited schedule off). */
export interface ScheduleSpec {
  cron?: string
  time_zone?: string
  none?: boolean
}

/** The schedule fields of a pair, a group (its group defaults) or a mirror: `GET /api/{pairs|group-defaults|mirrors}/{id}/schedule`. */
export interface ScheduleState {
  /** null: inherits; `{none: true}`: switched off here. */
  own_sync_schedule: ScheduleSpec | null
  /** What applies; null when no schedule applies. */
  sync_schedule: { cron: string; time_zone: string } | null
  /** `pair`, `group:<path>`, `mirror`, or null when no level sets one. */
  schedule_source: string | null
  schedule_id: string | null
  next_scheduled_sync_at: string | null
  last_scheduled_sync_at: string | null
  last_scheduled_batch_id: string | null
}

export type ScheduleLevel = 'pair' | 'group' | 'mirror'

/** One entry of `GET /api/schedules`. */
export interface ScheduleEntry {
  id: string
  scope: ScheduleLevel
  instance_pair_id: number
  group_path: string | null
  mirror_id: number | null
  name: string
  sync_schedule: ScheduleSpec
  schedule_source: string
  next_scheduled_sync_at: string | null
  last_scheduled_sync_at: string | null
  last_scheduled_batch_id: string | null
  last_outcome: string | null
  updated_at: string | null
}
