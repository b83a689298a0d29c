import { param, type Params } from '@/lib/urlState'

/** Sortable columns (the API's `order_by` values this view offers). */
export const ORDER_FIELDS = [
  'id',
  'source_project_path',
  'target_project_path',
  'status',
  'last_successful_update',
  'last_update_at',
  'created_at',
  'updated_at',
] as const

/** GitLab's `update_status` values, then what the API adds. */
export const GITLAB_STATUSES = ['none', 'scheduled', 'started', 'finished', 'failed', 'to_retry', 'canceled'] as const
export const OWN_STATUSES = ['stuck', 'drifted', 'orphaned', 'pending', 'active', 'deleting'] as const
export const TOKEN_STATUSES = ['active', 'expiring_soon', 'expired', 'unknown'] as const
export const PAGE_SIZES = [25, 50, 100, 200] as const

/** The view's whole state, as it sits in the query string. */
export interface ListState {
  instance_pair_id: number
  status: string
  group_path: string
  search: string
  enabled: boolean | null
  token_status: string
  order_by: string
  order_dir: string
  page: number
  page_size: number
  /** Ids of the selected mirrors. */
  selected: number[]
  /** true: the selection is every mirror matching the filters. */
  all_matching: boolean | null
}

export const listParams: Params<ListState> = {
  instance_pair_id: param.int(0, 0),
  status: param.string(),
  group_path: param.string(),
  search: param.string(),
  enabled: param.tristate(),
  token_status: param.string(),
  order_by: param.string('id'),
  order_dir: param.string('asc'),
  page: param.int(1, 1),
  page_size: param.int(50, 1, 200),
  selected: param.ids(),
  all_matching: param.tristate(),
}

/** Fields whose change means another set of mirrors: page and selection start over. */
export const FILTER_FIELDS = ['instance_pair_id', 'status', 'group_path', 'search', 'enabled', 'token_status'] as const
export type FilterField = (typeof FILTER_FIELDS)[number]

/** The query of `GET /api/mirrors` (undefined = not sent). */
export interface ListParams {
  instance_pair_id?: number
  status?: string
  group_path?: string
  search?: string
  enabled?: boolean
  token_status?: string
  order_by: string
  order_dir: string
  page: number
  page_size: number
}

function text(value: string): string | undefined {
  const trimmed = value.trim()
  return trimmed === '' ? undefined : trimmed
}

/** View state → API query; values the API would refuse fall back to its defaults. */
export function toApiParams(state: ListState): ListParams {
  const orderBy = (ORDER_FIELDS as readonly string[]).includes(state.order_by) ? state.order_by : 'id'
  return {
    instance_pair_id: state.instance_pair_id > 0 ? state.instance_pair_id : undefined,
    status: text(state.status),
    group_path: text(state.group_path),
    search: text(state.search),
    enabled: state.enabled ?? undefined,
    token_status: (TOKEN_STATUSES as readonly string[]).includes(state.token_status) ? state.token_status : undefined,
    order_by: orderBy,
    order_dir: state.order_dir === 'desc' ? 'desc' : 'asc',
    page: state.page,
    page_size: Math.min(Math.max(state.page_size, 1), 200),
  }
}

/** Only the fields of `patch` that differ from `current`, so an unchanged field does not turn a replace into a push. */
export function changedOnly(current: ListState, patch: Partial<ListState>): Partial<ListState> {
  const changed: Partial<ListState> = {}
  for (const key of Object.keys(patch) as (keyof ListState)[]) {
    if (JSON.stringify(patch[key]) !== JSON.stringify(current[key])) {
      ;(changed as Record<string, unknown>)[key] = patch[key]
    }
  }
  return changed
}

/** A filter change: back to page 1 and an empty selection. */
export function filterPatch(current: ListState, filters: Partial<Pick<ListState, FilterField>>): Partial<ListState> {
  return changedOnly(current, { ...filters, page: 1, selected: [], all_matching: null })
}

/**
 * Which list filters `POST /api/mirrors/batch` cannot express: it knows the pair, a group path and
 * GitLab's status (plus `failed`), nothing else. Empty when "all matching" means the same set there.
 */
export function inexpressibleFilters(state: ListState): string[] {
  const reasons: string[] = []
  if (text(state.search)) reasons.push('search')
  if (state.enabled !== null) reasons.push('enabled')
  if (text(state.token_status)) reasons.push('token status')
  if ((OWN_STATUSES as readonly string[]).includes(state.status.trim())) reasons.push(`status “${state.status}”`)
  return reasons
}

/** The selector part of a batch request for "every mirror matching the filters". */
export function batchSelector(state: ListState): Record<string, unknown> {
  const selector: Record<string, unknown> = {}
  if (state.instance_pair_id > 0) selector.instance_pair_id = state.instance_pair_id
  if (text(state.group_path)) selector.group_path = text(state.group_path)
  if (text(state.status)) selector.status = text(state.status)
  if (Object.keys(selector).length === 0) selector.all = true
  return selector
}
