/**
 * Runs `run` at most once per `intervalMs`: the first trigger runs at once, triggers inside the
 * interval are folded into one run at its end. `cancel` drops a pending run (on unmount).
 */
export function coalesce(run: () => void, intervalMs: number, now: () => number = Date.now) {
  let last = -Infinity
  let timer: ReturnType<typeof setTimeout> | null = null

  function fire(): void {
    timer = null
    last = now()
    run()
  }

  return {
    trigger(): void {
      if (timer !== null) return
      const wait = last + intervalMs - now()
      if (wait <= 0) fire()
      else timer = setTimeout(fire, wait)
    },
    cancel(): void {
      if (timer !== null) clearTimeout(timer)
      timer = null
    },
  }
}
