import { defineStore } from 'pinia'
import { shallowRef } from 'vue'

export interface ConfirmRequest {
  title: string
  message: string
  /** What will be removed or changed, one line each (e.g. from a delete-impact endpoint). */
  details?: string[]
  confirmLabel?: string
  /** A destructive action: the confirm button is red. */
  danger?: boolean
}

interface Pending extends ConfirmRequest {
  resolve: (confirmed: boolean) => void
}

/** Styled confirmation dialogs (never `window.confirm`): `await confirm.ask({...})` is true when confirmed. */
export const useConfirm = defineStore('confirm', () => {
  const pending = shallowRef<Pending | null>(null)

  function ask(request: ConfirmRequest): Promise<boolean> {
    pending.value?.resolve(false)
    return new Promise((resolve) => {
      pending.value = { ...request, resolve }
    })
  }

  function answer(confirmed: boolean): void {
    const current = pending.value
    pending.value = null
    current?.resolve(confirmed)
  }

  return { pending, ask, answer }
})
