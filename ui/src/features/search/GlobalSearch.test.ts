import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { json, routeFetch } from '@/test/fetchRouter'
import { mountApp } from '@/test/mountApp'

import GlobalSearch from './GlobalSearch.vue'
import { isSearchShortcut } from './shortcut'
import { SEARCH_DEBOUNCE_MS } from './useSearch'

const answer = {
  query: 'core',
  total_count: 4,
  instances: [{ type: 'instance', id: 1, title: 'gitlab-a', subtitle: 'http://gitlab-a', url: '/instances' }],
  pairs: [{ type: 'pair', id: 3, title: 'a to b', subtitle: 'push', url: '/pairs/3' }],
  mirrors: [
    { type: 'mirror', id: 42, title: 'platform/core', subtitle: 'a to b', url: '/mirrors/42' },
    { type: 'mirror', id: 43, title: 'platform/core-web', subtitle: 'a to b', url: '/mirrors/43' },
  ],
}

const pause = () => new Promise((resolve) => setTimeout(resolve, SEARCH_DEBOUNCE_MS + 30))

describe('GlobalSearch', () => {
  let wrapper: VueWrapper | undefined
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
  })

  async function mountSearch() {
    const api = routeFetch({ 'GET /api/search': () => json(answer) })
    const mounted = await mountApp(GlobalSearch, { path: '/', attachTo: document.body })
    wrapper = mounted.wrapper
    return { ...mounted, ...api }
  }

  const input = () => document.querySelector<HTMLInputElement>('input[role="combobox"]')!
  const key = (k: string) => wrapper!.get('input').trigger('keydown', { key: k })
  const activeTitle = () => {
    const id = input().getAttribute('aria-activedescendant')
    return id ? document.getElementById(id)?.querySelector('.global-search__title')?.textContent : null
  }

  it('is a combobox named "Search" with the "/" hint', async () => {
    await mountSearch()
    expect(input().labels?.[0]?.textContent).toBe('Search')
    expect(input().placeholder).toBe('Search  /')
    expect(input().getAttribute('aria-expanded')).toBe('false')
  })

  it('focuses on "/" typed anywhere but in an input', async () => {
    await mountSearch()
    const outside = document.createElement('button')
    document.body.appendChild(outside)
    outside.focus()
    const event = new KeyboardEvent('keydown', { key: '/', bubbles: true, cancelable: true })
    outside.dispatchEvent(event)
    expect(document.activeElement).toBe(input())
    expect(event.defaultPrevented).toBe(true)
  })

  it('leaves "/" alone while the user types in another field', async () => {
    await mountSearch()
    const field = document.createElement('input')
    document.body.appendChild(field)
    field.focus()
    const event = new KeyboardEvent('keydown', { key: '/', bubbles: true, cancelable: true })
    field.dispatchEvent(event)
    expect(document.activeElement).toBe(field)
    expect(event.defaultPrevented).toBe(false)

    const area = document.createElement('textarea')
    expect(isSearchShortcut({ key: '/', target: area } as unknown as KeyboardEvent)).toBe(false)
    expect(isSearchShortcut({ key: '/', target: document.body, ctrlKey: true } as unknown as KeyboardEvent)).toBe(false)
    expect(isSearchShortcut({ key: '/', target: document.body } as unknown as KeyboardEvent)).toBe(true)
  })

  it('searches once the typing pauses, and groups the results by category', async () => {
    const { calls } = await mountSearch()
    input().focus()
    for (const text of ['c', 'co', 'cor', 'core']) await wrapper!.get('input').setValue(text)
    expect(calls).toHaveLength(0)
    await pause()
    await flushPromises()
    expect(calls).toHaveLength(1)
    expect(calls[0]!.url.searchParams.get('q')).toBe('core')
    expect(calls[0]!.url.searchParams.get('limit')).toBe('5')

    expect(input().getAttribute('aria-expanded')).toBe('true')
    const groups = [...document.querySelectorAll('[role="listbox"] [role="group"]')].map((g) => ({
      label: document.getElementById(g.getAttribute('aria-labelledby')!)!.textContent,
      options: [...g.querySelectorAll('[role="option"] .global-search__title')].map((o) => o.textContent),
    }))
    expect(groups).toEqual([
      { label: 'Instances', options: ['gitlab-a'] },
      { label: 'Pairs', options: ['a to b'] },
      { label: 'Mirrors', options: ['platform/core', 'platform/core-web'] },
    ])
  })

  it('moves through the results across categories with the arrow keys, wrapping around', async () => {
    await mountSearch()
    input().focus()
    await wrapper!.get('input').setValue('core')
    await pause()
    await flushPromises()

    expect(activeTitle()).toBeNull()
    await key('ArrowDown')
    expect(activeTitle()).toBe('gitlab-a')
    await key('ArrowDown')
    await key('ArrowDown')
    expect(activeTitle()).toBe('platform/core')
    expect(document.querySelector('[aria-selected="true"]')?.id).toBe('global-search-mirror-42')
    await key('ArrowDown')
    await key('ArrowDown')
    expect(activeTitle()).toBe('gitlab-a')
    await key('ArrowUp')
    expect(activeTitle()).toBe('platform/core-web')
  })

  it('opens the active result’s url on Enter', async () => {
    const { router } = await mountSearch()
    input().focus()
    await wrapper!.get('input').setValue('core')
    await pause()
    await flushPromises()
    await key('ArrowDown')
    await key('ArrowDown')
    await key('ArrowDown')
    await key('Enter')
    // the route's view is loaded lazily before the navigation completes
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/mirrors/42'), { timeout: 5000 })
    expect(input().value).toBe('')
  })

  it('says when nothing matched, and Escape closes then clears', async () => {
    routeFetch({ 'GET /api/search': () => json({ query: 'zzz', total_count: 0, instances: [], pairs: [], mirrors: [] }) })
    const mounted = await mountApp(GlobalSearch, { path: '/', attachTo: document.body })
    wrapper = mounted.wrapper
    input().focus()
    await wrapper.get('input').setValue('zzz')
    await pause()
    await flushPromises()
    expect(document.querySelector('[role="status"]')?.textContent).toContain('Nothing found for “zzz”')
    await key('Escape')
    expect(input().value).toBe('')
  })
})
