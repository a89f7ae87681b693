/**
 * The per-record serial queue: writes to one record never run in parallel.
 *
 * - The in-flight lock is taken synchronously inside `run` (a plain Map entry, not React state, which
 *   lags a render), so two calls in the same tick can never both start a write.
 * - At most one task waits behind the running one: a newer task takes that slot and the task it
 *   replaces is never run; its callers receive the newer task's result (the latest draft wins).
 * - Manual saves and autosave of one record share the queue, whichever component started them.
 */

/** A unit of work for one record. */
export type SaveTask<T> = () => Promise<T>

interface Waiting<T> {
  task: SaveTask<T>
  resolve: (value: T) => void
  reject: (reason: unknown) => void
  promise: Promise<T>
}

interface Lane {
  running: boolean
  // A lane holds tasks of any result type; each `run` gets its own typed promise back.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  next: Waiting<any> | undefined
}

function deferred<T>(task: SaveTask<T>): Waiting<T> {
  let resolve!: (value: T) => void
  let reject!: (reason: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { task, resolve, reject, promise }
}

/** Serial queues keyed by record. One instance is shared by default (`defaultSaveQueue`). */
export class SaveQueue {
  readonly #lanes = new Map<string, Lane>()

  /** True while a task for `key` runs (synchronous: set by `run` before it returns). */
  isBusy(key: string): boolean {
    return this.#lanes.get(key)?.running ?? false
  }

  /** True when a task for `key` waits for the running one. */
  hasNext(key: string): boolean {
    return this.#lanes.get(key)?.next !== undefined
  }

  /**
   * Runs `task` now when `key` is idle; otherwise puts it in the one waiting slot, replacing (and
   * superseding) any task already waiting. Resolves with the result of `task`, or of the task that
   * superseded it.
   */
  run<T>(key: string, task: SaveTask<T>): Promise<T> {
    let lane = this.#lanes.get(key)
    if (!lane) {
      lane = { running: false, next: undefined }
      this.#lanes.set(key, lane)
    }
    if (!lane.running) {
      lane.running = true
      return this.#start(key, lane, task)
    }
    const waiting = deferred(task)
    const replaced = lane.next
    lane.next = waiting
    if (replaced) waiting.promise.then(replaced.resolve, replaced.reject)
    return waiting.promise
  }

  /** Drops the waiting task of `key`; its callers are rejected with `reason`. The running task is untouched. */
  dropNext(key: string, reason: unknown): void {
    const lane = this.#lanes.get(key)
    const waiting = lane?.next
    if (!lane || !waiting) return
    lane.next = undefined
    waiting.reject(reason)
    if (!lane.running) this.#lanes.delete(key)
  }

  #start<T>(key: string, lane: Lane, task: SaveTask<T>): Promise<T> {
    let result: Promise<T>
    try {
      result = Promise.resolve(task())
    } catch (error) {
      result = Promise.reject(error)
    }
    const advance = (): void => {
      const waiting = lane.next
      lane.next = undefined
      if (!waiting) {
        lane.running = false
        if (this.#lanes.get(key) === lane) this.#lanes.delete(key)
        return
      }
      this.#start(key, lane, waiting.task).then(waiting.resolve, waiting.reject)
    }
    result.then(advance, advance)
    return result
  }
}

/** The queue shared by every save controller that is not given its own. */
export const defaultSaveQueue = /* @__PURE__ */ new SaveQueue()
