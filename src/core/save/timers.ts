/**
 * Every timer of the save engine (submit debounce, autosave, retry back-off) goes through this one
 * module, so tests can drive time with `vi.useFakeTimers()` / `vi.advanceTimersByTimeAsync()` and an
 * app can route timers elsewhere with `setTimerProvider`.
 *
 * The default provider looks up `globalThis.setTimeout` at call time (never at import), so fake
 * timers installed after import still apply and server rendering never touches `window`.
 */

/** A handle returned by `setTimer`; pass it to `clearTimer`. */
export type TimerHandle = { readonly id: unknown }

/** The backend of every timer: `setTimeout` / `clearTimeout` shaped. */
export interface TimerProvider {
  /** Used in dev warnings. */
  readonly name: string
  /** Calls `callback` after `delay` milliseconds; returns an id for `clear`. */
  set(callback: () => void, delay: number): unknown
  /** Cancels a timer made by `set`. */
  clear(id: unknown): void
}

/** The platform's timers, looked up on every call. */
export const systemTimerProvider: TimerProvider = {
  name: 'system',
  set: (callback, delay) => globalThis.setTimeout(callback, delay),
  clear: (id) => globalThis.clearTimeout(id as ReturnType<typeof globalThis.setTimeout>),
}

let provider: TimerProvider = systemTimerProvider

/** Route every save-engine timer through `next` (default: the platform's `setTimeout`). */
export function setTimerProvider(next: TimerProvider): void {
  provider = next
}

/** The provider in use. */
export function getTimerProvider(): TimerProvider {
  return provider
}

/** Runs `callback` once after `delay` ms through the current provider. */
export function setTimer(callback: () => void, delay: number): TimerHandle {
  const owner = provider
  const id = owner.set(callback, Math.max(0, delay))
  return { id, owner } as TimerHandle
}

/** Cancels a timer made by `setTimer`; `undefined` is ignored. */
export function clearTimer(handle: TimerHandle | undefined): void {
  if (!handle) return
  const { id, owner } = handle as TimerHandle & { owner: TimerProvider }
  owner.clear(id)
}

/** A promise resolved after `delay` ms, or rejected with the signal's reason when it aborts. */
export function sleep(delay: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason)
      return
    }
    const onAbort = (): void => {
      clearTimer(handle)
      reject(signal?.reason)
    }
    const handle = setTimer(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, delay)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/** The current time in ms (`Date.now()`, which fake timers also control). */
export function now(): number {
  return Date.now()
}
