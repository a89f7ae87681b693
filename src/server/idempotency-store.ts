/**
 * The Idempotency-Key store: the first response to a key is kept and replayed byte for byte;
 * a second request while the first is running is told so; a key reused for a different request is refused.
 */

type Entry<TResponse> =
  | { readonly state: 'in-progress'; readonly fingerprint: string; readonly expiresAt: number }
  | {
      readonly state: 'done'
      readonly fingerprint: string
      readonly expiresAt: number
      readonly response: TResponse
    }

/** What the store says about a request carrying a key. */
export type IdempotencyLookup<TResponse> =
  /** No live entry: the caller now holds the key and must `complete` or `release` it. */
  | { readonly kind: 'new' }
  /** The first request with this key is still running. */
  | { readonly kind: 'in-progress' }
  /** The key was used for a different request (method, path or body differ). */
  | { readonly kind: 'mismatch' }
  /** The key's first response, to replay. */
  | { readonly kind: 'replay'; readonly response: TResponse }

/** An in-memory Idempotency-Key store with expiry and a size bound; `TResponse` is what gets replayed. */
export class IdempotencyStore<TResponse> {
  readonly #entries = new Map<string, Entry<TResponse>>()
  readonly #ttlMs: number
  readonly #maxEntries: number
  readonly #now: () => number

  constructor(options: { ttlMs: number; maxEntries: number; now: () => number }) {
    this.#ttlMs = options.ttlMs
    this.#maxEntries = options.maxEntries
    this.#now = options.now
  }

  /** Looks a key up and, when it is new, reserves it as in progress. Synchronous, so check and reserve are atomic. */
  begin(key: string, fingerprint: string): IdempotencyLookup<TResponse> {
    const now = this.#now()
    const entry = this.#entries.get(key)
    if (entry !== undefined && entry.expiresAt > now) {
      if (entry.fingerprint !== fingerprint) return { kind: 'mismatch' }
      if (entry.state === 'in-progress') return { kind: 'in-progress' }
      return { kind: 'replay', response: entry.response }
    }
    this.#entries.delete(key)
    this.#evict(now)
    this.#entries.set(key, { state: 'in-progress', fingerprint, expiresAt: now + this.#ttlMs })
    return { kind: 'new' }
  }

  /** Stores the first response of a reserved key. */
  complete(key: string, fingerprint: string, response: TResponse): void {
    this.#entries.set(key, { state: 'done', fingerprint, expiresAt: this.#now() + this.#ttlMs, response })
  }

  /** Gives a reserved key up (the request failed on the server), so a retry runs again. */
  release(key: string): void {
    this.#entries.delete(key)
  }

  /** Drops every key. */
  clear(): void {
    this.#entries.clear()
  }

  /** The number of live keys. */
  get size(): number {
    return this.#entries.size
  }

  #evict(now: number): void {
    if (this.#entries.size < this.#maxEntries) return
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt <= now) this.#entries.delete(key)
    }
    // Map iteration is insertion order: the oldest keys go first.
    for (const key of this.#entries.keys()) {
      if (this.#entries.size < this.#maxEntries) break
      this.#entries.delete(key)
    }
  }
}
