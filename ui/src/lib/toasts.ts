import { defineStore } from 'pinia'
import { ref } from 'vue'

import { ApiError, describeError } from './http'

export type ToastKind = 'success' | 'error' | 'info'

export interface Toast {
  id: number
  kind: ToastKind
  message: string
}

/** How long a success or info toast stays; errors stay until dismissed. */
export const FADE_AFTER_MS = 5000

/** Notifications of the whole app: errors stay until dismissed, successes fade. */
export const useToasts = defineStore('toasts', () => {
  const toasts = ref<Toast[]>([])
  let next = 1

  function dismiss(id: number): void {
    toasts.value = toasts.value.filter((toast) => toast.id !== id)
  }

  function push(kind: ToastKind, message: string): number {
    const id = next++
    toasts.value = [...toasts.value, { id, kind, message }]
    if (kind !== 'error') setTimeout(() => dismiss(id), FADE_AFTER_MS)
    return id
  }

  return {
    toasts,
    dismiss,
    success: (message: string) => push('success', message),
    info: (message: string) => push('info', message),
    error: (message: string) => push('error', message),
    /** An error from the HTTP client or elsewhere, prefixed with what was being done. */
    failure: (what: string, error: unknown) => {
      if (error instanceof ApiError && error.status === 401) return -1 // the sign-in prompt says it
      return push('error', `${what}: ${describeError(error)}`)
    },
  }
})
