const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—'
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date)
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
]

/** "3 minutes ago", "in 2 days"; `now` is injectable for tests. */
export function timeAgo(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return 'never'
  const millis = Date.parse(iso)
  if (Number.isNaN(millis)) return iso
  const seconds = Math.round((millis - now) / 1000)
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') {
      return relative.format(Math.round(seconds / size), unit)
    }
  }
  return iso
}

/** Days from now until `iso` (negative when past), or null without a date. */
export function daysUntil(iso: string | null | undefined, now: number = Date.now()): number | null {
  if (!iso) return null
  const millis = Date.parse(iso)
  return Number.isNaN(millis) ? null : Math.floor((millis - now) / (24 * 3600 * 1000))
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`
}

const DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/

/** An ISO-8601 duration as people say it ("PT1H30M" → "1 h 30 min"); anything else comes back as it is. */
export function formatDuration(iso: string | null | undefined): string {
  if (!iso) return '—'
  const m = DURATION.exec(iso)
  if (!m || iso === 'P' || iso.endsWith('T')) return iso
  const parts = [
    m[1] && `${Number(m[1])} d`,
    m[2] && `${Number(m[2])} h`,
    m[3] && `${Number(m[3])} min`,
    m[4] && `${Number(m[4])} s`,
  ].filter((p): p is string => !!p && !p.startsWith('0 '))
  return parts.length > 0 ? parts.join(' ') : '0 s'
}
