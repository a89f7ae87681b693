/** Options and results of `createReferenceServer`. */
import type { JsonObject } from './json-path.js'

export type { JsonObject } from './json-path.js'

/** How a resource versions its records. */
export type Versioning =
  /** Strong ETags from content; writes are conditioned with If-Match (stale → 412). */
  | 'etag'
  /**
   * A version number in the body (`versionField`), incremented by the server on every write; a write
   * carries the version it is based on (stale → 409). ETags are still sent and If-Match still honoured.
   */
  | 'body'

/** A write a state rule is asked about. */
export interface WriteInput {
  /** What the request does. */
  readonly operation: 'create' | 'update' | 'delete'
  /** The resource name (`'notes'`). */
  readonly resource: string
  /** The record's id. */
  readonly id: string
  /** The record before the write (`undefined` on create). */
  readonly current: JsonObject | undefined
  /** The record after the write (`undefined` on delete). */
  readonly next: JsonObject | undefined
  /** Read-only access to every record of a resource, for rules that look across records. */
  readonly records: (resource: string) => readonly JsonObject[]
}

/** A state rule: returns a message when the write must be refused (409 `state-conflict`), else `undefined`. */
export type StateRule = (input: WriteInput) => string | undefined

/** The allowed transitions of one field: `{ draft: ['review'], review: ['draft', 'published'] }`. */
export type Transitions = Readonly<Record<string, readonly string[]>>

/** How one resource behaves. */
export interface ResourceOptions {
  /** How records are versioned. Default `'etag'`. */
  readonly versioning?: Versioning
  /** The body field holding the version when `versioning` is `'body'` (a dotted path). Default `'version'`. */
  readonly versionField?: string
  /** Refuse PUT, PATCH and DELETE that carry no precondition with 428. Default `false`. */
  readonly requirePrecondition?: boolean
  /** The field holding the record's id. Default `'id'`. */
  readonly idField?: string
  /** Fields (dotted paths) whose values must be unique across the resource (409 `duplicate`). Default none. */
  readonly unique?: readonly string[]
  /** Allowed transitions per field (`{ status: { draft: ['review'] } }`); others are refused with 409 `state-conflict`. Default none. */
  readonly transitions?: Readonly<Record<string, Transitions>>
  /** Fields that reference another resource's id (`{ notebookId: 'notebooks' }`): dangling references are 422, and deleting a referenced record is 409 `state-conflict`. Default none. */
  readonly references?: Readonly<Record<string, string>>
  /** Further state rules, checked after transitions and references (409 `state-conflict`). Default none. */
  readonly rules?: readonly StateRule[]
  /** Validation: returns a message when a record is invalid (422 `invalid`). Default: every JSON object is valid. */
  readonly validate?: (record: JsonObject) => string | undefined
}

/** Options of the Idempotency-Key store. */
export interface IdempotencyOptions {
  /** How long a key's first response is kept for replays, in milliseconds. Default 24 hours. */
  readonly ttlMs?: number
  /** The request header carrying the key. Default `'Idempotency-Key'`. */
  readonly header?: string
  /** The most keys kept; the oldest are dropped first. Default 10,000. */
  readonly maxEntries?: number
  /** The Retry-After (seconds) sent with a 409 while the first request is in progress. Default 1. */
  readonly retryAfterSeconds?: number
}

/** One request and its response, as `onExchange` reports it. */
export interface Exchange {
  /** The request id sent in `X-Request-Id`. */
  readonly requestId: string
  /** The request method. */
  readonly method: string
  /** The request URL. */
  readonly url: string
  /** The request's If-Match header, when sent. */
  readonly ifMatch?: string
  /** The request's Idempotency-Key, when sent. */
  readonly idempotencyKey?: string
  /** The response status. */
  readonly status: number
  /** The response ETag, when sent. */
  readonly etag?: string
  /** The response's problem `code`, when it is a problem. */
  readonly problemCode?: string
  /** True when the response replays an earlier one (same Idempotency-Key). */
  readonly replayed: boolean
}

/** Options of `createReferenceServer`. */
export interface ReferenceServerOptions {
  /** The resources the server serves, by name (the first path segment: `/notes/1`). */
  readonly resources: Readonly<Record<string, ResourceOptions>>
  /** Initial records per resource; each needs an id (or gets one). Default: empty. */
  readonly seed?: Readonly<Record<string, readonly JsonObject[]>>
  /** The path prefix the server is mounted at (`'/api'`). Default `''`. */
  readonly basePath?: string
  /** The Idempotency-Key store, or `false` to ignore the header. Default: enabled with its defaults. */
  readonly idempotency?: IdempotencyOptions | false
  /** The clock, in milliseconds since the epoch (for `at` and key expiry). Default `Date.now`. */
  readonly now?: () => number
  /** The header naming who makes a request (reported as `by` in stale problems and `modifiedByHeader`). Default `'X-User'`. */
  readonly userHeader?: string
  /**
   * The response header naming who last wrote a record (its writer's `userHeader`), sent with `Last-Modified` on
   * record reads (GET/HEAD) and writes, when known; `false` leaves it out. Default `'X-Modified-By'`.
   */
  readonly modifiedByHeader?: string | false
  /** Makes request ids. Default: the request's own valid `X-Request-Id`, else `req-<n>`. */
  readonly requestId?: () => string
  /** Makes ids for created records that have none. Default: the next free integer, as a string. */
  readonly generateId?: (resource: string) => string
  /** The largest accepted request body, in bytes. Default 1 MiB. */
  readonly maxBodyBytes?: number
  /** Simulated processing time in milliseconds (fixed, or per request). Default 0. */
  readonly delayMs?: number | ((request: Request) => number)
  /** Adds CORS headers and answers preflights: `true` allows any origin, a string allows that origin. Default `false`. */
  readonly cors?: boolean | string
  /** Called after every response (for request logs). Default none. */
  readonly onExchange?: (exchange: Exchange) => void
}

/** What the server knows about one stored record. */
export interface StoredRecord {
  /** The record as served. */
  readonly data: JsonObject
  /** Its strong ETag header value. */
  readonly etag: string
  /** Its body version, when the resource uses `versioning: 'body'`. */
  readonly version?: number
  /** Who saved it last (from `userHeader`), when known. */
  readonly by?: string
  /** When it was saved last (ISO 8601). */
  readonly at: string
}

/** A reference server: a Fetch handler plus access to its data. */
export interface ReferenceServer {
  /** Answers one request. Never rejects: failures become 500 problem responses. */
  handle(request: Request): Promise<Response>
  /** A deep copy of every record, per resource, in id order of creation. */
  snapshot(): Record<string, JsonObject[]>
  /** What the server holds for one record (a copy), or `undefined`. */
  inspect(resource: string, id: string): StoredRecord | undefined
  /** Drops every record, tombstone and idempotency key, then loads `seed` (default: the original seed). */
  reset(seed?: Readonly<Record<string, readonly JsonObject[]>>): void
}
