import { watchEffect, type Directive, type WatchStopHandle } from 'vue'

import { useSession, type Permission } from './session'

type Guarded = HTMLElement & { __canStop?: WatchStopHandle }

/**
 * `v-can="'write'"` hides an element (a button that changes something) from users whose role
 * lacks the permission, and shows it again when the role allows it. The API refuses such
 * requests anyway; this only keeps the page from offering them.
 */
export const vCan: Directive<HTMLElement, Permission> = {
  mounted(el, binding) {
    const session = useSession()
    const guarded = el as Guarded
    guarded.__canStop = watchEffect(() => {
      guarded.style.display = session.can(binding.value) ? '' : 'none'
    })
  },
  unmounted(el) {
    ;(el as Guarded).__canStop?.()
  },
}
