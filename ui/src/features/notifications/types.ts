export type ChannelType = 'webhook' | 'email'
export type Tls = 'none' | 'starttls' | 'ssl'

export interface Channel {
  id: number
  name: string
  type: ChannelType
  enabled: boolean
  webhook: { url: string; secret_set: boolean } | null
  email: {
    host: string
    port: number
    tls: Tls
    username: string | null
    password_set: boolean
    sender: string
    recipients: string[]
  } | null
  created_at: string
  updated_at: string
}

/** What is sent to create or replace a channel; a secret or password left out keeps the stored one. */
export interface ChannelBody {
  name: string
  type: ChannelType
  enabled: boolean
  webhook?: { url: string; secret?: string }
  email?: {
    host: string
    port: number
    tls: Tls
    username?: string
    password?: string
    sender: string
    recipients: string[]
  }
}

export const EVENTS = [
  'mirror_failed',
  'mirror_recovered',
  'mirror_stuck',
  'mirror_paused',
  'token_expiring',
  'token_expired',
  'batch_failed',
  'instance_unreachable',
] as const
export type NotificationEvent = (typeof EVENTS)[number]

export const EVENT_LABELS: Record<NotificationEvent, string> = {
  mirror_failed: 'Mirror failed',
  mirror_recovered: 'Mirror recovered',
  mirror_stuck: 'Mirror stuck',
  mirror_paused: 'Mirror paused by GitLab',
  token_expiring: 'Token expiring (30, 7, 1 days)',
  token_expired: 'Token expired',
  batch_failed: 'Batch finished with failures',
  instance_unreachable: 'Instance unreachable',
}

export interface Rule {
  id: number
  name: string
  channel_id: number
  enabled: boolean
  events: NotificationEvent[]
  failure_threshold: number
  pair_ids: number[]
  group_paths: string[]
  last_sent_at: string | null
  next_send_at: string | null
  created_at: string
  updated_at: string
}

export interface RuleBody {
  name: string
  channel_id: number
  enabled: boolean
  events: NotificationEvent[]
  failure_threshold: number
  pair_ids: number[]
  group_paths: string[]
}

export interface Delivery {
  id: string
  channel_id: number
  channel_name: string
  channel_type: ChannelType
  rule_id: number | null
  rule_name: string | null
  test: boolean
  items: number
  subject: string
  outcome: 'delivered' | 'failed'
  response_code: number | null
  attempts: number
  error: string | null
  created_at: string
  finished_at: string
}

export interface DeliveryPage {
  deliveries: Delivery[]
  total: number
  page: number
  page_size: number
  total_pages: number
}
