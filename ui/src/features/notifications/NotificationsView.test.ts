import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'

import { useToasts } from '@/lib/toasts'
import { button, errorUnder, set } from '@/test/dom'
import { json, problem, routeFetch } from '@/test/fetchRouter'
import { mountApp } from '@/test/mountApp'

import NotificationsView from './NotificationsView.vue'
import type { Channel, Delivery, Rule } from './types'

const hook: Channel = {
  id: 1,
  name: 'ops-hook',
  type: 'webhook',
  enabled: true,
  webhook: { url: 'https://hooks.example.org/mm', secret_set: true },
  email: null,
  created_at: '2026-12-07T07:00:00Z',
  updated_at: '2026-12-07T07:00:00Z',
}

const rule: Rule = {
  id: 7,
  name: 'platform failures',
  channel_id: 1,
  enabled: true,
  events: ['mirror_failed', 'token_expiring'],
  failure_threshold: 3,
  pair_ids: [],
  group_paths: ['platform'],
  last_sent_at: null,
  next_send_at: null,
  created_at: '2026-12-07T07:00:00Z',
  updated_at: '2026-12-07T07:00:00Z',
}

function delivery(id: string, outcome: Delivery['outcome'], code: number | null, attempts: number): Delivery {
  return {
    id,
    channel_id: 1,
    channel_name: 'ops-hook',
    channel_type: 'webhook',
    rule_id: null,
    rule_name: null,
    test: true,
    items: 0,
    subject: '[Mirror Maestro] Test message for channel ops-hook',
    outcome,
    response_code: code,
    attempts,
    error: outcome === 'failed' ? 'webhook answered 500' : null,
    created_at: '2026-12-07T07:10:00Z',
    finished_at: '2026-12-07T07:10:02Z',
  }
}

describe('NotificationsView', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('lists channels, rules and deliveries, and sends a test', async () => {
    let log = [delivery('d1', 'failed', 500, 4)]
    const { calls } = routeFetch({
      'GET /api/notifications/channels': () => json([hook]),
      'GET /api/notifications/rules': () => json([rule]),
      'GET /api/notifications/deliveries': () =>
        json({ deliveries: log, total: log.length, page: 1, page_size: 20, total_pages: 1 }),
      'POST /api/notifications/channels/1/test': () => {
        log = [delivery('d2', 'delivered', 200, 2), ...log]
        return json(log[0])
      },
    })
    await mountApp(NotificationsView, { path: '/notifications', attachTo: document.body })
    await flushPromises()

    expect(document.querySelector('[data-channel=ops-hook]')?.textContent).toContain('https://hooks.example.org/mm')
    const row = document.querySelector('[data-rule="platform failures"]')?.textContent ?? ''
    expect(row).toContain('Mirror failed, Token expiring (30, 7, 1 days)')
    expect(row).toContain('after 3 failures in a row')
    expect(row).toContain('group platform')
    expect(document.querySelector('[data-delivery=d1]')?.textContent).toMatch(/failed.*webhook answered 500.*500\s*4/s)

    document.querySelector<HTMLButtonElement>('[aria-label="Send a test to ops-hook"]')!.click()
    await flushPromises()

    expect(calls.some((c) => c.method === 'POST' && c.url.pathname === '/api/notifications/channels/1/test')).toBe(true)
    expect(document.querySelector('[data-delivery=d2]')?.textContent).toMatch(/delivered.*200\s*2/s)
    expect(useToasts().toasts.at(-1)).toMatchObject({ kind: 'success', message: 'Test message delivered to ops-hook' })
  })

  it('adds a webhook channel, showing the field the server refuses, and never sends an empty secret', async () => {
    const channels: Channel[] = []
    const { calls } = routeFetch({
      'GET /api/notifications/channels': () => json(channels),
      'GET /api/notifications/rules': () => json([]),
      'GET /api/notifications/deliveries': () => json({ deliveries: [], total: 0, page: 1, page_size: 20, total_pages: 0 }),
      'POST /api/notifications/channels': (_url, init) => {
        const body = JSON.parse(String(init?.body)) as { webhook: { url: string } }
        if (body.webhook.url.startsWith('http://10.')) {
          return problem(422, [{ field: 'webhook.url', message: "'10.0.0.5' points to a loopback or private address" }])
        }
        channels.push(hook)
        return json(hook, 201)
      },
      'PUT /api/notifications/channels/1': () => json(hook),
    })
    await mountApp(NotificationsView, { path: '/notifications', attachTo: document.body })
    await flushPromises()

    button('Add channel').click()
    await flushPromises()
    await set('Name', 'ops-hook')
    await set('URL', 'http://10.0.0.5/hook')
    await set('Secret', 'a-secret-of-sixteen+')
    document.querySelector<HTMLButtonElement>('button[form=channel-form]')!.click()
    await flushPromises()
    expect(errorUnder('URL')).toContain('private address')

    await set('URL', 'https://hooks.example.org/mm')
    document.querySelector<HTMLButtonElement>('button[form=channel-form]')!.click()
    await flushPromises()
    expect(calls.filter((c) => c.method === 'POST').at(-1)?.body).toEqual({
      name: 'ops-hook',
      type: 'webhook',
      enabled: true,
      webhook: { url: 'https://hooks.example.org/mm', secret: 'a-secret-of-sixteen+' },
    })
    expect(document.querySelector('[data-channel=ops-hook]')).not.toBeNull()

    document.querySelector<HTMLButtonElement>('[aria-label="Edit ops-hook"]')!.click()
    await flushPromises()
    document.querySelector<HTMLButtonElement>('button[form=channel-form]')!.click()
    await flushPromises()
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
      name: 'ops-hook',
      type: 'webhook',
      enabled: true,
      webhook: { url: 'https://hooks.example.org/mm' },
    })
  })

  it('adds a rule for a channel with its events and scope', async () => {
    const { calls } = routeFetch({
      'GET /api/notifications/channels': () => json([hook]),
      'GET /api/notifications/rules': () => json([]),
      'GET /api/notifications/deliveries': () => json({ deliveries: [], total: 0, page: 1, page_size: 20, total_pages: 0 }),
      'POST /api/notifications/rules': () => json(rule, 201),
    })
    await mountApp(NotificationsView, { path: '/notifications', attachTo: document.body })
    await flushPromises()

    button('Add rule').click()
    await flushPromises()
    await set('Name', 'platform failures')
    await set('Failures in a row', '3')
    await set('Group paths', 'platform, tools/ci')
    const expiring = [...document.querySelectorAll<HTMLInputElement>('input[type=checkbox]')].find(
      (box) => box.value === 'token_expiring',
    )!
    expiring.click()
    await flushPromises()
    document.querySelector<HTMLButtonElement>('button[form=rule-form]')!.click()
    await flushPromises()

    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: 'platform failures',
      channel_id: 1,
      enabled: true,
      events: ['mirror_failed', 'mirror_recovered', 'token_expiring'],
      failure_threshold: 3,
      pair_ids: [],
      group_paths: ['platform', 'tools/ci'],
    })
  })
})
