import { effectScope } from 'vue'
import { describe, expect, it } from 'vitest'

import { useLatestRequest } from './latestRequest'

function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (cause: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('useLatestRequest', () => {
  it('hands on only the newest answer and is loading until the newest one ends', async () => {
    const { loading, run } = useLatestRequest()
    const first = deferred<string>()
    const second = deferred<string>()
    const answers: string[] = []
    const signals: AbortSignal[] = []

    const one = run((signal) => (signals.push(signal), first.promise), (v) => answers.push(v), () => answers.push('error'))
    const two = run((signal) => (signals.push(signal), second.promise), (v) => answers.push(v), () => answers.push('error'))
    expect(signals[0]!.aborted).toBe(true)
    expect(loading.value).toBe(true)

    second.resolve('new')
    await two
    expect(loading.value).toBe(false)
    first.resolve('old')
    await one
    expect(answers).toEqual(['new'])
  })

  it('hands on the error of the newest run only', async () => {
    const { run } = useLatestRequest()
    const errors: unknown[] = []
    const stale = deferred<string>()
    const old = run(() => stale.promise, () => undefined, (e) => errors.push(e))
    await run(() => Promise.reject(new Error('boom')), () => undefined, (e) => errors.push(e))
    stale.reject(new Error('aborted late'))
    await old
    expect(errors.map((e) => (e as Error).message)).toEqual(['boom'])
  })

  it('aborts a running request when its scope ends', () => {
    const scope = effectScope()
    let signal: AbortSignal | undefined
    scope.run(() => {
      const { run } = useLatestRequest()
      void run((s) => ((signal = s), new Promise(() => undefined)), () => undefined, () => undefined)
    })
    scope.stop()
    expect(signal?.aborted).toBe(true)
  })
})
