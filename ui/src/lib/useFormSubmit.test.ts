import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'

import { ApiError, type Problem } from './http'
import { useToasts } from './toasts'
import { useFormSubmit } from './useFormSubmit'

function problem(status: number, errors: { field: string; message: string }[], detail = 'Request refused'): ApiError {
  const body: Problem = { title: 'Bad Request', status, detail, errors }
  return new ApiError(body)
}

describe('useFormSubmit', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('puts field errors under their fields and the rest in one toast; the form stays open', async () => {
    const form = useFormSubmit(['name', 'token'])
    const ok = await form.submit('Could not add the instance', async () => {
      throw problem(400, [
        { field: 'token', message: 'GitLab refused the token' },
        { field: 'url', message: 'not reachable' },
      ])
    })
    expect(ok).toBe(false)
    expect(form.errors.value).toEqual({ token: 'GitLab refused the token' })
    expect(useToasts().toasts.map((t) => t.message)).toEqual(['Could not add the instance: url: not reachable'])
    expect(form.submitting.value).toBe(false)
  })

  it('toasts a problem without field errors, stays quiet on 401, and clears errors on success', async () => {
    const form = useFormSubmit(['name'])
    await form.submit('Could not save', async () => {
      throw problem(400, [{ field: 'name', message: 'taken' }])
    })
    expect(form.errors.value).toEqual({ name: 'taken' })
    await form.submit('Could not save', async () => {
      throw problem(503, [], 'GitLab is down')
    })
    await form.submit('Could not save', async () => {
      throw problem(401, [], 'Sign in')
    })
    expect(useToasts().toasts.map((t) => t.message)).toEqual(['Could not save: GitLab is down'])
    expect(await form.submit('Could not save', async () => undefined)).toBe(true)
    expect(form.errors.value).toEqual({})
  })

  it('shows a server field under another field, and lets the form handle some errors itself', async () => {
    const handled: unknown[] = []
    const form = useFormSubmit(['source_project_id', 'source_project_path'], {
      fieldOf: { source_project_id: 'source_project_path' },
      handled: (error) => error instanceof ApiError && error.status === 409 && handled.push(error) > 0,
    })
    await form.submit('Could not create the mirror', async () => {
      throw problem(400, [{ field: 'source_project_id', message: 'no such project' }])
    })
    expect(form.errors.value).toEqual({ source_project_path: 'no such project' })
    await form.submit('Could not create the mirror', async () => {
      throw problem(409, [], 'exists')
    })
    expect(handled).toHaveLength(1)
    expect(useToasts().toasts).toHaveLength(0)
  })
})
