import { ref } from 'vue'

import { ApiError, unclaimedErrors } from '@/lib/http'
import { useToasts } from '@/lib/toasts'

/**
 * Submitting a dialog form: the server's field errors (`errors[]` of a problem+json answer) go next to the
 * named fields, anything no field shows goes to an error toast. The dialog stays open on failure.
 */
export function useFormSubmit(fields: readonly string[]) {
  const errors = ref<Record<string, string>>({})
  const submitting = ref(false)
  const toasts = useToasts()

  /** Runs `action`; true when it succeeded, false when it failed (errors shown). */
  async function submit(what: string, action: () => Promise<unknown>): Promise<boolean> {
    if (submitting.value) return false
    submitting.value = true
    errors.value = {}
    try {
      await action()
      return true
    } catch (error) {
      if (error instanceof ApiError && error.status !== 401 && error.problem.errors.length > 0) {
        const byField = error.fieldErrors
        const shown: Record<string, string> = {}
        for (const field of fields) {
          const message = byField[field]
          if (message) shown[field] = message
        }
        errors.value = shown
        const rest = unclaimedErrors(error, fields)
        if (rest.length > 0) toasts.error(`${what}: ${rest.join('; ')}`)
      } else {
        toasts.failure(what, error)
      }
      return false
    } finally {
      submitting.value = false
    }
  }

  function reset(): void {
    errors.value = {}
  }

  return { errors, submitting, submit, reset }
}
