import { defineStore } from 'pinia'
import { computed, ref } from 'vue'

import { ApiError, http, onUnauthorized, setCsrfToken } from './http'

/** What `GET /api/auth/me` and `POST /api/auth/login` answer. */
export interface Me {
  username: string
  role: 'admin' | 'operator' | 'viewer' | null
  /** `read`, `write`, `users`, `backup` */
  permissions: string[]
  /** `session`, `basic`, `token`, or `none` while authentication is off */
  method: string
  auth_enabled: boolean
  csrf_token: string | null
}

export interface SignInOptions {
  auth_enabled: boolean
  oidc: boolean
  oidc_login_url: string | null
}

export type Permission = 'read' | 'write' | 'users' | 'backup'

/**
 * Who is signed in and what they may do. The router asks {@link load} before the first page; a
 * 401 anywhere flips `signedOut` so the shell sends the user to the sign-in page. Until the user
 * is known, {@link can} answers yes: pages render as before and the API still refuses what the
 * role may not do.
 */
export const useSession = defineStore('session', () => {
  const me = ref<Me | null>(null)
  const loaded = ref(false)
  const signedOut = ref(false)
  onUnauthorized(() => {
    if (me.value) signedOut.value = true
  })

  function accept(answer: Me): Me {
    me.value = answer
    loaded.value = true
    signedOut.value = false
    setCsrfToken(answer.csrf_token)
    return answer
  }

  /** Asks the server who we are; `null` when nobody is signed in. */
  async function load(): Promise<Me | null> {
    try {
      return accept(await http.get<Me>('/api/auth/me'))
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
        me.value = null
        loaded.value = true
        setCsrfToken(null)
        return null
      }
      throw error
    }
  }

  async function signIn(username: string, password: string): Promise<Me> {
    return accept(await http.post<Me>('/api/auth/login', { username, password }))
  }

  async function signOut(): Promise<void> {
    try {
      await http.post('/api/auth/logout')
    } finally {
      me.value = null
      setCsrfToken(null)
      window.location.assign('/sign-in')
    }
  }

  function can(permission: Permission): boolean {
    return !me.value || me.value.permissions.includes(permission)
  }

  function signInAgain(): void {
    window.location.assign(`/sign-in?redirect=${encodeURIComponent(window.location.pathname + window.location.search)}`)
  }

  const signedIn = computed(() => me.value !== null)
  return { me, loaded, signedIn, signedOut, load, signIn, signOut, can, signInAgain }
})

export async function signInOptions(): Promise<SignInOptions> {
  return http.get<SignInOptions>('/api/auth/options')
}
