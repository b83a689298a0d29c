/** `GET /api/search` (see SEED-CONTRACT.md); `groups` only when the server sends it. */
export interface SearchItem {
  type: string
  id: number | string
  title: string
  subtitle?: string | null
  url: string
}

export interface SearchResponse {
  query: string
  total_count: number
  instances?: SearchItem[]
  pairs?: SearchItem[]
  mirrors?: SearchItem[]
  groups?: SearchItem[]
}

export interface SearchGroup {
  key: 'instances' | 'pairs' | 'mirrors' | 'groups'
  label: string
  items: SearchItem[]
}
