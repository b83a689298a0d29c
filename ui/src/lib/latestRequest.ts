import { getCurrentScope, onScopeDispose, ref } from 'vue'

/**
 * One request at a time for a view: a new run aborts the one before it, and only the newest run's answer or error
 * is handed on (a slow older answer never overwrites a newer one); `loading` is true while the newest one runs.
 * A run still going when the calling component or scope ends is aborted.
 */
export function useLatestRequest() {
  const loading = ref(false)
  let current: AbortController | null = null

  async function run<T>(
    request: (signal: AbortSignal) => Promise<T>,
    onAnswer: (value: T) => void,
    onError: (cause: unknown) => void,
  ): Promise<void> {
    current?.abort()
    const mine = new AbortController()
    current = mine
    loading.value = true
    try {
      const value = await request(mine.signal)
      if (!mine.signal.aborted) onAnswer(value)
    } catch (cause) {
      if (!mine.signal.aborted) onError(cause)
    } finally {
      if (current === mine) {
        current = null
        loading.value = false
      }
    }
  }

  function abort(): void {
    current?.abort()
  }

  if (getCurrentScope()) onScopeDispose(abort)
  return { loading, run, abort }
}
