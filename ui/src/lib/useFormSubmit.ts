import { ref } from 'vue'

import { ApiError, unclaimedErrors } from './http'
import { useToasts } from './toasts'

export interface FormSubmitOptions {
  /** Server fields shown under another field, e.g. `{ source_project_id: 'source_project_path' }`. */
  fieldOf?: Readonly<Record<string, string>>
  /** Handles some errors itself (e.g. a 409 shown in the form); true when it did. */
  handled?: (error: unknown) => boolean
}

/**
 * Submitting a dialog form: the server's field errors (`errors[]` of a problem+json answer) go next to the
 * named fields, anything no field shows goes to an error toast. The dialog stays open on failure.
 * `errors` is writable, for the form's own checks before it submits.
 */
export function useFormSubmit(fields: readonly string[], options: FormSubmitOptions = {}) {
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
      if (options.handled?.(error)) return false
      if (error instanceof ApiError && error.status !== 401 && error.problem.errors.length > 0) {
        const byField = error.fieldErrors
        const shown: Record<string, string> = {}
        for (const field of fields) {
          const message = byField[field]
          if (message) shown[options.fieldOf?.[field] ?? field] = message
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
