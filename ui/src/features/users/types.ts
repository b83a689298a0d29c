export type Role = 'admin' | 'operator' | 'viewer'

export const ROLES: readonly Role[] = ['viewer', 'operator', 'admin']

export const ROLE_HINTS: Readonly<Record<Role, string>> = {
  viewer: 'reads everything',
  operator: 'also changes instances, pairs, tokens, mirrors, imports and batches',
  admin: 'also manages users and backups',
}

export interface User {
  username: string
  role: Role
  /** `local` (a password here) or `oidc` (signs in through single sign-on) */
  source: string
  created_at: string | null
  updated_at: string | null
}

export interface ApiToken {
  id: string
  name: string
  /** The token's first characters, to tell tokens apart. */
  prefix: string
  created_at: string
}

/** A token just created: the only answer that holds the token itself. */
export interface CreatedApiToken extends ApiToken {
  token: string
}
