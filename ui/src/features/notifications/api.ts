import { http } from '@/lib/http'

import type { Channel, ChannelBody, Delivery, DeliveryPage, Rule, RuleBody } from './types'

const base = '/api/notifications'

export const fetchChannels = (signal?: AbortSignal) => http.get<Channel[]>(`${base}/channels`, undefined, signal)
export const createChannel = (body: ChannelBody) => http.post<Channel>(`${base}/channels`, body)
export const replaceChannel = (id: number, body: ChannelBody) => http.put<Channel>(`${base}/channels/${id}`, body)
export const deleteChannel = (id: number) => http.delete(`${base}/channels/${id}`)
export const testChannel = (id: number) => http.post<Delivery>(`${base}/channels/${id}/test`)

export const fetchRules = (signal?: AbortSignal) => http.get<Rule[]>(`${base}/rules`, undefined, signal)
export const createRule = (body: RuleBody) => http.post<Rule>(`${base}/rules`, body)
export const replaceRule = (id: number, body: RuleBody) => http.put<Rule>(`${base}/rules/${id}`, body)
export const deleteRule = (id: number) => http.delete(`${base}/rules/${id}`)

export const fetchDeliveries = (page: number, pageSize = 20, signal?: AbortSignal) =>
  http.get<DeliveryPage>(`${base}/deliveries`, { page, page_size: pageSize }, signal)

/** Splits what a user typed into a list: commas, semicolons, spaces or new lines. */
export function splitList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
}
