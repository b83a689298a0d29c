import { http } from '@/lib/http'

import type { ApiToken, CreatedApiToken, Role, User } from './types'

export const fetchUsers = (signal?: AbortSignal) => http.get<User[]>('/api/users', undefined, signal)

export const createUser = (username: string, password: string, role: Role) =>
  http.post<User>('/api/users', { username, password, role })

export const changeRole = (username: string, role: Role) =>
  http.put<User>(`/api/users/${encodeURIComponent(username)}/role`, { role })

export const resetPassword = (username: string, password: string) =>
  http.put<User>(`/api/users/${encodeURIComponent(username)}/password`, { password })

export const deleteUser = (username: string) => http.delete(`/api/users/${encodeURIComponent(username)}`)

export const fetchTokens = (signal?: AbortSignal) =>
  http.get<ApiToken[]>('/api/users/me/tokens', undefined, signal)

export const createToken = (name: string) => http.post<CreatedApiToken>('/api/users/me/tokens', { name })

export const revokeToken = (id: string) => http.delete(`/api/users/me/tokens/${encodeURIComponent(id)}`)

export const changeOwnPassword = (currentPassword: string, password: string) =>
  http.put<User>('/api/users/me/password', { current_password: currentPassword, password })
