import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { beforeEach, describe, expect, it, vi } from 'vitest'

import { THEME_STORAGE_KEY, useTheme } from './theme'

function prefersDark(dark: boolean) {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: dark && query.includes('dark'),
    addEventListener: () => undefined,
  }))
}

describe('theme', () => {
  beforeEach(() => {
    localStorage.clear()
    setActivePinia(createPinia())
  })

  it('follows the system preference until the user picks, then remembers the pick', async () => {
    prefersDark(true)
    const theme = useTheme()
    await nextTick()
    expect(theme.choice).toBe('system')
    expect(document.documentElement.dataset.theme).toBe('dark')

    theme.toggle()
    await nextTick()
    expect(document.documentElement.dataset.theme).toBe('light')
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('light')

    setActivePinia(createPinia())
    const reloaded = useTheme()
    await nextTick()
    expect(reloaded.effective).toBe('light')
  })

  it('forgets the pick when the user goes back to the system setting', async () => {
    prefersDark(false)
    const theme = useTheme()
    theme.choose('dark')
    await nextTick()
    expect(document.documentElement.dataset.theme).toBe('dark')
    theme.choose('system')
    await nextTick()
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBeNull()
    expect(document.documentElement.dataset.theme).toBe('light')
  })
})
