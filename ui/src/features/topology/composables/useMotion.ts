import { onScopeDispose, ref } from 'vue'

/**
 * Whether animations may run: false while the tab is hidden (`document.visibilityState`) or when the
 * user prefers reduced motion. `reducedMotion` is exposed on its own (layout settles at once then).
 */
export function useMotion() {
  const query = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-reduced-motion: reduce)') : null
  const reducedMotion = ref(query?.matches ?? false)
  const visible = ref(typeof document === 'undefined' || document.visibilityState !== 'hidden')

  const onMotion = (event: MediaQueryListEvent) => {
    reducedMotion.value = event.matches
  }
  const onVisibility = () => {
    visible.value = document.visibilityState !== 'hidden'
  }
  query?.addEventListener?.('change', onMotion)
  document.addEventListener('visibilitychange', onVisibility)
  onScopeDispose(() => {
    query?.removeEventListener?.('change', onMotion)
    document.removeEventListener('visibilitychange', onVisibility)
  })
  return { reducedMotion, visible }
}
