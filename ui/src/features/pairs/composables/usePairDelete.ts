import { useConfirm } from '@/lib/confirm'
import { plural } from '@/lib/format'
import { useToasts } from '@/lib/toasts'

import { pairsApi } from '../api'
import type { DeleteImpact, Pair } from '../types'

const WHAT: Record<string, [string, string]> = {
  instance_pairs: ['instance pair', 'instance pairs'],
  mirrors: ['mirror', 'mirrors'],
  group_defaults: ['group default', 'group defaults'],
}

/** One line per kind of thing a delete removes, e.g. "4 mirrors". */
export function impactLines(impact: DeleteImpact): string[] {
  return Object.entries(impact).map(([key, count]) => {
    const [one, many] = WHAT[key] ?? [key.replace(/_/g, ' '), key.replace(/_/g, ' ')]
    return plural(count, one, many)
  })
}

/** Delete a pair: fetch what goes with it, ask with that list, then delete. Resolves true when deleted. */
export function usePairDelete() {
  const confirm = useConfirm()
  const toasts = useToasts()

  return async function deletePair(pair: Pair): Promise<boolean> {
    let impact: DeleteImpact
    try {
      impact = await pairsApi.deleteImpact(pair.id)
    } catch (e) {
      toasts.failure(`Could not check what deleting ${pair.name} removes`, e)
      return false
    }
    const ok = await confirm.ask({
      title: `Delete pair ${pair.name}?`,
      message:
        'This removes the pair from Mirror Maestro together with everything listed below; the mirrors stay ' +
        'configured in GitLab. This cannot be undone.',
      details: impactLines(impact),
      confirmLabel: 'Delete pair',
      danger: true,
    })
    if (!ok) return false
    try {
      await pairsApi.remove(pair.id)
      toasts.success(`Deleted pair ${pair.name}`)
      return true
    } catch (e) {
      toasts.failure(`Could not delete ${pair.name}`, e)
      return false
    }
  }
}
