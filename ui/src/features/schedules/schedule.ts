import type { ScheduleSpec } from './types'

/** "0 2 * * * (Europe/Berlin)", "none". */
export function describeSpec(spec: ScheduleSpec | null | undefined): string {
  if (!spec) return 'none'
  if (spec.none) return 'none'
  return `${spec.cron ?? ''} (${spec.time_zone ?? 'UTC'})`
}

/** Where an applying schedule comes from, seen from `level`: "set here", "from the pair", "from group platform". */
export function describeSource(source: string | null, level: 'pair' | 'group' | 'mirror', ownGroup?: string): string {
  if (!source) return 'nothing set at any level'
  if (source === level && level !== 'group') return 'set here'
  if (source.startsWith('group:')) {
    const group = source.slice('group:'.length)
    return level === 'group' && group === ownGroup ? 'set here' : `from group ${group}`
  }
  return `from the ${source}`
}

/** The form's three choices, from what this level says now. */
export type ScheduleMode = 'inherit' | 'cron' | 'none'

export function modeOf(own: ScheduleSpec | null): ScheduleMode {
  if (!own) return 'inherit'
  return own.none ? 'none' : 'cron'
}

/** The IANA zones this browser knows, for suggestions (the server validates whatever is typed). */
export function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] }
  try {
    return intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : ['UTC']
  } catch {
    return ['UTC']
  }
}
