import { defineStore } from 'pinia'
import { computed, ref, watchEffect } from 'vue'

export type ThemeChoice = 'system' | 'light' | 'dark'
export const THEME_STORAGE_KEY = 'mm.theme'

function stored(): ThemeChoice {
  try {
    const value = localStorage.getItem(THEME_STORAGE_KEY)
    return value === 'light' || value === 'dark' ? value : 'system'
  } catch {
    return 'system'
  }
}

/**
 * Light or dark: follows `prefers-color-scheme` until the user picks, then remembers the pick.
 * The effective theme is set as `data-theme` on `<html>`, where the CSS variables switch.
 */
export const useTheme = defineStore('theme', () => {
  const choice = ref<ThemeChoice>(stored())
  const media = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null
  const systemDark = ref(media?.matches ?? false)
  media?.addEventListener?.('change', (event) => {
    systemDark.value = event.matches
  })

  const effective = computed<'light' | 'dark'>(() =>
    choice.value === 'system' ? (systemDark.value ? 'dark' : 'light') : choice.value,
  )

  watchEffect(() => {
    document.documentElement.dataset.theme = effective.value
    document.documentElement.style.colorScheme = effective.value
  })

  function choose(next: ThemeChoice): void {
    choice.value = next
    try {
      if (next === 'system') localStorage.removeItem(THEME_STORAGE_KEY)
      else localStorage.setItem(THEME_STORAGE_KEY, next)
    } catch {
      // private mode: the choice lasts for this page only
    }
  }

  /** Switches to the other theme than the one shown, and remembers it. */
  function toggle(): void {
    choose(effective.value === 'dark' ? 'light' : 'dark')
  }

  return { choice, effective, choose, toggle }
})
