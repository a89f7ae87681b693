/**
 * The outcome of a write: one discriminated union (`kind`) that every response and failure is classified into.
 */
import type { ConflictSafeError } from '../errors.js'
import type { ProblemDetails } from './problem.js'
import type { ResourceVersion } from './version.js'

/** What every outcome may carry for logs and display. */
export interface OutcomeMeta {
  /** The request id the server reported (`X-Request-Id` or the configured header), for logs. */
  readonly requestId?: string
  /** The server's RFC 9457 problem details, when it sent any. */
  readonly problem?: ProblemDetails
}

/** The current state of the resource on the server, as the conflict response carried it. */
export interface Theirs<TData> {
  /** The resource as the server has it now. */
  readonly data: TData
  /** Its version, when the response said; `undefined` when unknown. */
  readonly version: ResourceVersion | undefined
}

/** The write succeeded. */
export interface OkOutcome<TData> extends OutcomeMeta {
  readonly kind: 'ok'
  /** The 2xx status. */
  readonly status: number
  /** The response body, `undefined` when the server sent none (204, or an empty 200/201). */
  readonly data: TData | undefined
  /** The new version read from the response, or `'unknown'` when it carries none. */
  readonly version: ResourceVersion | 'unknown'
  /** The `Location` header (where a created record lives; absolute when the response URL is known), when sent. */
  readonly location?: string
}

/** The version did not match: someone else saved first (412, or a 409 that says so). Merge with theirs. */
export interface StaleOutcome<TData> extends OutcomeMeta {
  readonly kind: 'stale'
  /** 412 Precondition Failed, or 409 Conflict. */
  readonly status: 409 | 412
  /** The current resource, when the body carried it; otherwise fetch it with one GET (`fetchResource`). */
  readonly theirs?: Theirs<TData>
  /** Who saved the other change, when the server says. */
  readonly by?: string
  /** When the other change was saved (as the server wrote it), when it says. */
  readonly at?: string
  /** The server's explanation, as text, when it gave one. */
  readonly message?: string
}

/** A uniqueness rule refused the write ("'acme' is already taken"). */
export interface DuplicateOutcome extends OutcomeMeta {
  readonly kind: 'duplicate'
  readonly status: 409
  /** The field the server named, when it did. */
  readonly field?: string
  /** The value that is taken, when the server says. */
  readonly value?: unknown
  /** Where the existing record lives (the problem's `existing` member, or the Location header). */
  readonly existing?: string
  /** The server's explanation, as text, when it gave one. */
  readonly message?: string
}

/** A workflow or reference rule refused the write (an illegal transition, a delete blocked by references). */
export interface StateOutcome extends OutcomeMeta {
  readonly kind: 'state'
  readonly status: 409
  /** The server's explanation, as text, when it gave one. */
  readonly message?: string
}

/** A request with the same Idempotency-Key is still running on the server: retry the same action later. */
export interface InProgressOutcome extends OutcomeMeta {
  readonly kind: 'in-progress'
  readonly status: 409
  /** How long the server asked to wait (`Retry-After`), in milliseconds, when it said. */
  readonly retryAfterMs?: number
}

/** 428: the server demands a precondition the client did not send. A configuration error for developers. */
export interface PreconditionRequiredOutcome extends OutcomeMeta {
  readonly kind: 'precondition-required'
  readonly status: 428
  /** What is wrong and how to fix the configuration. */
  readonly message: string
}

/** The server rejected the input (400 / 422). */
export interface InvalidOutcome extends OutcomeMeta {
  readonly kind: 'invalid'
  readonly status: 400 | 422
  /** The server's explanation, as text, when it gave one. */
  readonly message?: string
}

/** The record is gone: it was deleted on the server (404 / 410 on an update or delete). */
export interface GoneOutcome extends OutcomeMeta {
  readonly kind: 'gone'
  readonly status: 404 | 410
}

/** Any other failure: no response (network), an unusable response, 5xx, 408, 429, other 4xx. */
export interface ErrorOutcome extends OutcomeMeta {
  readonly kind: 'error'
  /** The HTTP status, when a response arrived. */
  readonly status?: number
  /** What went wrong, typed: NetworkError, HttpError, ResponseBodyError, MalformedETagError… */
  readonly error: ConflictSafeError
  /** Whether sending the same action again may succeed: network failures, 5xx, 408 and 429. */
  readonly retryable: boolean
  /** How long the server asked to wait (`Retry-After`), in milliseconds, when it said. */
  readonly retryAfterMs?: number
}

/** The outcome of a write, discriminated by `kind`. */
export type SaveOutcome<TData = unknown> =
  | OkOutcome<TData>
  | StaleOutcome<TData>
  | DuplicateOutcome
  | StateOutcome
  | InProgressOutcome
  | PreconditionRequiredOutcome
  | InvalidOutcome
  | GoneOutcome
  | ErrorOutcome

/** Every `kind` of `SaveOutcome`. */
export type SaveOutcomeKind = SaveOutcome['kind']
