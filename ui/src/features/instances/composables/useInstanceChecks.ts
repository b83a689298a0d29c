import { ref } from 'vue'

import { http } from '@/lib/http'

import { instancesApi } from '../api'

/** The activity fields a check needs (the rest of an activity entry is ignored). */
export interface ActivityLike {
  command_id?: string | null
  subject_id?: string | null
  outcome?: string
  message?: string
}

export interface CheckState {
  commandId: string | null
  /** `checking` until the command's outcome arrives; `retrying` while a worker waits to try again. */
  status: 'checking' | 'retrying' | 'succeeded' | 'failed'
  message: string
}

const FINAL = new Set(['succeeded', 'failed'])

/** The instance id of a subject such as `instance:3`, else null. */
export function instanceIdOf(subjectId: string | null | undefined): number | null {
  const match = /^instance:(\d+)$/.exec(subjectId ?? '')
  return match ? Number(match[1]) : null
}

/**
 * "Check connection" per instance: starts the command, then follows it by its command_id through the
 * activity entries handed to {@link handle} (from `/topic/activity`). Entries that arrive before the POST
 * answered are kept briefly, so a fast worker is not missed.
 */
export function useInstanceChecks() {
  const checks = ref<Record<number, CheckState>>({})
  const early = new Map<string, ActivityLike>()

  function apply(instanceId: number, entry: ActivityLike): void {
    const outcome = entry.outcome ?? ''
    const current = checks.value[instanceId]
    if (!current || current.commandId !== entry.command_id) return
    if (FINAL.has(outcome)) {
      checks.value = {
        ...checks.value,
        [instanceId]: { ...current, status: outcome as 'succeeded' | 'failed', message: entry.message ?? '' },
      }
    } else if (outcome === 'retry_scheduled') {
      checks.value = { ...checks.value, [instanceId]: { ...current, status: 'retrying', message: entry.message ?? '' } }
    }
  }

  /** Feeds one activity entry; true when it was the outcome of a check this view started. */
  function handle(entry: ActivityLike): boolean {
    if (!entry.command_id) return false
    for (const [id, state] of Object.entries(checks.value)) {
      if (state.commandId === entry.command_id) {
        apply(Number(id), entry)
        return true
      }
    }
    if (FINAL.has(entry.outcome ?? '') || entry.outcome === 'retry_scheduled') {
      early.set(entry.command_id, entry)
      if (early.size > 50) early.delete(early.keys().next().value as string)
    }
    return false
  }

  /** Starts a check; throws what the POST threw (the caller toasts it). */
  async function start(instanceId: number): Promise<void> {
    checks.value = { ...checks.value, [instanceId]: { commandId: null, status: 'checking', message: '' } }
    try {
      const accepted = await instancesApi.check(instanceId)
      checks.value = {
        ...checks.value,
        [instanceId]: { commandId: accepted.command_id, status: 'checking', message: '' },
      }
      const seen = early.get(accepted.command_id)
      if (seen) {
        early.delete(accepted.command_id)
        apply(instanceId, seen)
      }
    } catch (error) {
      const { [instanceId]: _dropped, ...rest } = checks.value
      checks.value = rest
      throw error
    }
  }

  /** After a reconnect: asks the activity log about checks still running, in case their outcome was missed. */
  async function catchUp(): Promise<void> {
    const running = Object.entries(checks.value).filter(
      ([, state]) => state.commandId && (state.status === 'checking' || state.status === 'retrying'),
    )
    await Promise.all(
      running.map(async ([id, state]) => {
        try {
          const entries = await http.get<ActivityLike[]>('/api/activity', { command_id: state.commandId, limit: 10 })
          const last = entries.find((e) => FINAL.has(e.outcome ?? '')) ?? entries[0]
          if (last) apply(Number(id), last)
        } catch {
          // the next live entry will tell
        }
      }),
    )
  }

  function isRunning(instanceId: number): boolean {
    const state = checks.value[instanceId]
    return state?.status === 'checking' || state?.status === 'retrying'
  }

  /** True while the POST is in flight (a check that waits for its outcome may be started again). */
  function isStarting(instanceId: number): boolean {
    const state = checks.value[instanceId]
    return state !== undefined && state.commandId === null
  }

  return { checks, start, handle, catchUp, isRunning, isStarting }
}
