/**
 * Debounce with a leading and/or trailing edge, on the controllable timers of `./timers`.
 *
 * - Leading edge (submit guard): the first call runs at once; calls within `wait` ms of the last call
 *   are dropped (each one restarts the quiet period). Ten rapid clicks → one run.
 * - Trailing edge (autosave): the call runs `wait` ms after the last call, with the latest arguments.
 */
import { clearTimer, setTimer, type TimerHandle } from './timers.js'

/** Which edges of a burst of calls run the function. */
export interface DebounceOptions {
  /** Run on the first call of a burst. Default `false`. */
  readonly leading?: boolean
  /** Run after the burst has been quiet for `wait` ms, with the latest arguments. Default `true`. */
  readonly trailing?: boolean
}

/** A debounced function. Calling it returns `true` when it ran the function synchronously. */
export interface Debounced<TArgs extends unknown[]> {
  (...args: TArgs): boolean
  /** Drops a pending trailing call and ends the quiet period. */
  cancel(): void
  /** Runs a pending trailing call now (no-op when none is pending). */
  flush(): void
  /** True while a burst is open (a timer is running). */
  isPending(): boolean
}

/** Debounces `fn` by `wait` ms. With `wait <= 0` and leading only, every call runs. */
export function debounce<TArgs extends unknown[]>(
  fn: (...args: TArgs) => void,
  wait: number,
  options: DebounceOptions = {},
): Debounced<TArgs> {
  const leading = options.leading ?? false
  const trailing = options.trailing ?? true
  let timer: TimerHandle | undefined
  let pendingArgs: TArgs | undefined

  const onQuiet = (): void => {
    timer = undefined
    const args = pendingArgs
    pendingArgs = undefined
    if (trailing && args) fn(...args)
  }

  const debounced = ((...args: TArgs): boolean => {
    const burstOpen = timer !== undefined
    clearTimer(timer)
    timer = undefined
    if (!burstOpen && leading) {
      if (wait > 0) timer = setTimer(onQuiet, wait)
      fn(...args)
      return true
    }
    if (trailing) pendingArgs = args
    timer = setTimer(onQuiet, wait)
    return false
  }) as Debounced<TArgs>

  debounced.cancel = () => {
    clearTimer(timer)
    timer = undefined
    pendingArgs = undefined
  }
  debounced.flush = () => {
    if (timer === undefined) return
    clearTimer(timer)
    onQuiet()
  }
  debounced.isPending = () => timer !== undefined
  return debounced
}
