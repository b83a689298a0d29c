import { http } from '@/lib/http'

import type { SearchGroup, SearchResponse } from './types'

export const SEARCH_LIMIT = 5

export const searchApi = {
  search: (q: string, signal?: AbortSignal) => http.get<SearchResponse>('/api/search', { q, limit: SEARCH_LIMIT }, signal),
}

const CATEGORIES: { key: SearchGroup['key']; label: string }[] = [
  { key: 'instances', label: 'Instances' },
  { key: 'pairs', label: 'Pairs' },
  { key: 'groups', label: 'Groups' },
  { key: 'mirrors', label: 'Mirrors' },
]

/** The answer's categories in a fixed order, empty ones left out. */
export function groupResults(answer: SearchResponse | null): SearchGroup[] {
  if (!answer) return []
  return CATEGORIES.map(({ key, label }) => ({
    key,
    label,
    items: (Array.isArray(answer[key]) ? answer[key] : []).filter((item) => item && typeof item.url === 'string'),
  })).filter((group) => group.items.length > 0)
}
