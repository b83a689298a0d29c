/** How often, at most, the dashboard refetches while changes keep arriving. */
export const REFRESH_INTERVAL_MS = 2000

export interface Coalescer {
  /** Something changed: run now if idle, else once more when the interval is over and the last run ended. */
  trigger(): void
  dispose(): void
}

/**
 * Runs `run` at most once per `intervalMs` however often `trigger` is called: the first trigger
 * runs at once, every trigger during the interval (or while a run is still in flight) collapses
 * into one more run afterwards. A burst of 10,000 activity entries costs two fetches, not 10,000,
 * and a slow server never has two of our fetches in flight at once.
 */
export function createCoalescer(run: () => unknown, intervalMs: number = REFRESH_INTERVAL_MS): Coalescer {
  let timer: ReturnType<typeof setTimeout> | undefined
  let inFlight = false
  let pending = false
  let disposed = false

  function settle(): void {
    if (!disposed && pending && timer === undefined && !inFlight) start()
  }

  function start(): void {
    pending = false
    inFlight = true
    timer = setTimeout(() => {
      timer = undefined
      settle()
    }, intervalMs)
    let result: Promise<unknown>
    try {
      result = Promise.resolve(run())
    } catch (error) {
      result = Promise.reject(error)
    }
    result
      .catch(() => undefined) // the run reports its own errors
      .finally(() => {
        inFlight = false
        settle()
      })
  }

  return {
    trigger() {
      if (disposed) return
      if (timer !== undefined || inFlight) pending = true
      else start()
    },
    dispose() {
      disposed = true
      pending = false
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
    },
  }
}
