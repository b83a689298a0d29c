import type { Router } from 'vue-router'

import { useSession, type Permission } from '@/lib/session'

declare module 'vue-router' {
  interface RouteMeta {
    /** Shown without signing in (the sign-in page). */
    public?: boolean
    /** What the signed-in user must be allowed, e.g. `users` for the Users page. */
    permission?: Permission
  }
}

/**
 * Before each page: find out who is signed in (once), send a visitor who is not to the sign-in
 * page (coming back afterwards), and keep pages a role may not use out of reach.
 */
export function installSessionGuard(router: Router): void {
  router.beforeEach(async (to) => {
    if (to.meta.public) return true
    const session = useSession()
    if (!session.loaded) {
      try {
        await session.load()
      } catch {
        return true // the server is away: the page shows its own error
      }
    }
    if (!session.me) return { name: 'sign-in', query: { redirect: to.fullPath } }
    if (to.meta.permission && !session.can(to.meta.permission)) return { name: 'dashboard' }
    return true
  })
}

/** Where to go after signing in: the page asked for, if it is one of ours. */
export function afterSignIn(redirect: unknown): string {
  return typeof redirect === 'string' && redirect.startsWith('/') && !redirect.startsWith('//') ? redirect : '/'
}
