import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue'

/**
 * The content width of an element, followed with a ResizeObserver, so a chart can lay itself out
 * in real pixels (text stays readable) instead of scaling a fixed viewBox. `fallback` until mounted.
 */
export function useElementWidth(target: Ref<HTMLElement | null>, fallback: number): Ref<number> {
  const width = ref(fallback)
  let observer: ResizeObserver | null = null
  onMounted(() => {
    const element = target.value
    if (!element) return
    if (element.clientWidth > 0) width.value = element.clientWidth
    observer = new ResizeObserver((entries) => {
      const measured = entries[0]?.contentRect.width
      if (measured && measured > 0) width.value = Math.round(measured)
    })
    observer.observe(element)
  })
  onBeforeUnmount(() => observer?.disconnect())
  return width
}
