import { defineStore } from 'pinia'
import { ref } from 'vue'

import { onUnauthorized } from './http'

/**
 * Whether the API still accepts our credentials. The browser holds HTTP Basic credentials
 * itself; when the API answers 401 (password changed, credentials forgotten) the shell shows a
 * sign-in prompt whose button reloads the page, which makes the browser ask again.
 */
export const useSession = defineStore('session', () => {
  const signedOut = ref(false)
  onUnauthorized(() => {
    signedOut.value = true
  })
  function signInAgain(): void {
    window.location.reload()
  }
  return { signedOut, signInAgain }
})
