import { computed, type WritableComputedRef } from 'vue'
import { useRoute, useRouter, type LocationQuery, type LocationQueryRaw } from 'vue-router'

/** How one query-string parameter maps to a typed value and back. */
export interface Param<T> {
  parse: (raw: string | undefined) => T
  format: (value: T) => string | undefined
}

function first(value: LocationQuery[string] | undefined): string | undefined {
  if (Array.isArray(value)) return value[0] ?? undefined
  return value ?? undefined
}

export const param = {
  string(fallback = ''): Param<string> {
    return { parse: (raw) => raw ?? fallback, format: (v) => (v === fallback ? undefined : v) }
  },
  int(fallback: number, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): Param<number> {
    return {
      parse: (raw) => {
        const n = raw === undefined ? NaN : Number.parseInt(raw, 10)
        return Number.isFinite(n) ? Math.min(Math.max(n, min), max) : fallback
      },
      format: (v) => (v === fallback ? undefined : String(v)),
    }
  },
  /** `true` / `false` / absent (null) */
  tristate(): Param<boolean | null> {
    return {
      parse: (raw) => (raw === 'true' ? true : raw === 'false' ? false : null),
      format: (v) => (v === null ? undefined : String(v)),
    }
  },
  /** Comma-separated ids, e.g. a selection. */
  ids(): Param<number[]> {
    return {
      parse: (raw) =>
        (raw ?? '')
          .split(',')
          .map((part) => Number.parseInt(part, 10))
          .filter((n) => Number.isFinite(n)),
      format: (v) => (v.length === 0 ? undefined : v.join(',')),
    }
  },
}

export type Params<S> = { [K in keyof S]: Param<S[K]> }

/** Reads a typed state from a query; unknown parameters are ignored. */
export function readQuery<S>(query: LocationQuery, params: Params<S>): S {
  const state = {} as S
  for (const key of Object.keys(params) as (keyof S & string)[]) {
    state[key] = params[key].parse(first(query[key]))
  }
  return state
}

/** Writes a typed state into a query, leaving parameters at their default out of the URL. */
export function writeQuery<S>(state: S, params: Params<S>, base: LocationQuery = {}): LocationQueryRaw {
  const query: LocationQueryRaw = { ...base }
  for (const key of Object.keys(params) as (keyof S & string)[]) {
    const formatted = params[key].format(state[key])
    if (formatted === undefined) delete query[key]
    else query[key] = formatted
  }
  return query
}

/**
 * View state (filters, sort, page, selection) kept in the query string, so back/forward and a
 * shared link restore the view exactly. Each field is a writable computed; writing one pushes a
 * history entry (`replace: true` fields such as a search box being typed replace it instead).
 */
export function useQueryState<S extends object>(
  params: Params<S>,
  options: { replace?: (keyof S)[] } = {},
): { [K in keyof S]: WritableComputedRef<S[K]> } & { state: () => S; update: (patch: Partial<S>) => void } {
  const route = useRoute()
  const router = useRouter()
  const current = (): S => readQuery(route.query, params)

  function update(patch: Partial<S>): void {
    const next = { ...current(), ...patch }
    const replace = Object.keys(patch).every((key) => options.replace?.includes(key as keyof S))
    const query = writeQuery(next, params, route.query)
    void (replace ? router.replace({ query }) : router.push({ query }))
  }

  const fields = {} as { [K in keyof S]: WritableComputedRef<S[K]> }
  for (const key of Object.keys(params) as (keyof S)[]) {
    fields[key] = computed({
      get: () => current()[key],
      set: (value) => update({ [key]: value } as unknown as Partial<S>),
    })
  }
  return { ...fields, state: current, update }
}
