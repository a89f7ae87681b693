/**
 * The request log of a demo backend: every HTTP exchange a story makes, as a person would want to see it
 * (method, path, If-Match, Idempotency-Key, status, ETag). A tiny external store for `useSyncExternalStore`.
 */

/** One request and what came back. */
export interface RequestLogEntry {
  /** Position in the log, from 1. */
  readonly seq: number
  /** The request method. */
  readonly method: string
  /** The path under the demo API (`/notes/1`), with the query string. */
  readonly path: string
  /** Who sent it (the `X-User` header), when set. */
  readonly user?: string
  /** The request's If-Match header, exactly as sent. */
  readonly ifMatch?: string
  /** The request's Idempotency-Key header. */
  readonly idempotencyKey?: string
  /** The response status, or `'network error'` when the connection failed. */
  readonly status: number | 'network error'
  /** The response ETag, when sent. */
  readonly etag?: string
  /** The problem `code` of an error response (`stale`, `duplicate`…), when it is one. */
  readonly problem?: string
  /** The response replays an earlier one (same Idempotency-Key). */
  readonly replayed: boolean
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** True for POST, PUT, PATCH and DELETE. */
export function isWrite(entry: RequestLogEntry): boolean {
  return WRITE_METHODS.has(entry.method)
}

/** The log of one demo backend. */
export class RequestLog {
  #entries: readonly RequestLogEntry[] = []
  readonly #listeners = new Set<() => void>()

  /** Every exchange so far, oldest first. The same array until something is added. */
  get entries(): readonly RequestLogEntry[] {
    return this.#entries
  }

  /** The writes (POST, PUT, PATCH, DELETE) so far. */
  get writes(): readonly RequestLogEntry[] {
    return this.#entries.filter(isWrite)
  }

  /** Appends an exchange. */
  add(entry: Omit<RequestLogEntry, 'seq'>): void {
    this.#entries = [...this.#entries, { ...entry, seq: this.#entries.length + 1 }]
    for (const listener of this.#listeners) listener()
  }

  /** Forgets every entry. */
  clear(): void {
    this.#entries = []
    for (const listener of this.#listeners) listener()
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** The entries, for `useSyncExternalStore`. */
  getSnapshot = (): readonly RequestLogEntry[] => this.#entries
}
