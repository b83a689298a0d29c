import { ref } from 'vue'

import { useConfirm } from '@/lib/confirm'
import { plural } from '@/lib/format'
import { useToasts } from '@/lib/toasts'

import { mirrorsApi } from '../api'
import type { BatchAction } from '../types'

export interface RunningBatch {
  id: string
  action: BatchAction
}

const PAST: Record<BatchAction, string> = {
  sync: 'Sync',
  resume: 'Resume',
  enable: 'Enable',
  disable: 'Disable',
  verify: 'Verify',
  repair: 'Repair',
  delete: 'Delete',
}

/**
 * Starts a batch over a selection (`selector`: `{mirror_ids}` or the filters), after a
 * confirmation for the destructive ones (delete, disable) naming the count, and tracks the
 * batches started from this view for their progress bars.
 */
export function useBatchRun() {
  const confirm = useConfirm()
  const toasts = useToasts()
  const running = ref<RunningBatch[]>([])
  const starting = ref(false)

  async function start(action: BatchAction, selector: Record<string, unknown>, count: number): Promise<string | null> {
    const what = plural(count, 'mirror')
    if (action === 'delete' || action === 'disable') {
      const ok = await confirm.ask({
        title: action === 'delete' ? `Delete ${what}?` : `Disable ${what}?`,
        message:
          action === 'delete'
            ? `Each mirror is removed from GitLab, then from Mirror Maestro. The projects stay.`
            : `GitLab stops mirroring these projects until they are enabled again.`,
        details: [`${what} selected`, ...describeSelector(selector)],
        confirmLabel: action === 'delete' ? `Delete ${what}` : `Disable ${what}`,
        danger: true,
      })
      if (!ok) return null
    }
    starting.value = true
    try {
      const started = await mirrorsApi.batch({ action, ...selector })
      toasts.success(`${PAST[action]} requested for ${plural(started.total, 'mirror')}`)
      running.value = [{ id: started.batch_id, action }, ...running.value]
      return started.batch_id
    } catch (error) {
      toasts.failure(`Could not start the batch ${action}`, error)
      return null
    } finally {
      starting.value = false
    }
  }

  function dismiss(id: string): void {
    running.value = running.value.filter((batch) => batch.id !== id)
  }

  return { running, starting, start, dismiss }
}

function describeSelector(selector: Record<string, unknown>): string[] {
  const lines: string[] = []
  if (selector.all) lines.push('Every mirror (no filter)')
  if (selector.instance_pair_id) lines.push(`Pair ${String(selector.instance_pair_id)}`)
  if (selector.group_path) lines.push(`Under group ${String(selector.group_path)}`)
  if (selector.status) lines.push(`Status ${String(selector.status)}`)
  return lines
}
