/**
 * The problem `type` URIs of the reference server (RFC 9457). Every problem body also carries a short
 * `code` member with the same name, so a client can map either one to a class. The URIs identify the
 * problem; they are not meant to be fetched.
 */
const BASE = 'https://conflict-safe.dev/problems/'

/** Problem type URIs by code. */
export const PROBLEM_TYPES = {
  /** 412 (If-Match) or 409 (version in the body): the record changed since the client loaded it. Carries `current`, `etag`, `version`, `by`, `at`. */
  stale: `${BASE}stale`,
  /** 428: the resource requires a precondition (If-Match or the version in the body) and the request had none. */
  preconditionRequired: `${BASE}precondition-required`,
  /** 409: a uniqueness rule; carries `field`, `value` and `existing` (the URL of the record holding the value). */
  duplicate: `${BASE}duplicate`,
  /** 409: a state rule refused the write (an illegal transition, a delete blocked by references). */
  stateConflict: `${BASE}state-conflict`,
  /** 409: a request with the same Idempotency-Key is still being processed (see Retry-After). */
  inProgress: `${BASE}in-progress`,
  /** 422: an Idempotency-Key was reused with a different request. */
  idempotencyKeyReused: `${BASE}idempotency-key-reused`,
  /** 400 or 422: the request is malformed or the record fails validation. */
  invalid: `${BASE}invalid`,
  /** 404: no such resource or record. */
  notFound: `${BASE}not-found`,
  /** 410: the record was deleted. */
  gone: `${BASE}gone`,
  /** 405: the method is not supported on this route (see Allow). */
  methodNotAllowed: `${BASE}method-not-allowed`,
  /** 413: the request body is larger than `maxBodyBytes`. */
  payloadTooLarge: `${BASE}payload-too-large`,
  /** 415: the request body is not JSON. */
  unsupportedMediaType: `${BASE}unsupported-media-type`,
  /** 500: the server failed (a bug or a throwing rule). */
  internal: `${BASE}internal`,
} as const

/** The short name of a problem type (the `code` member of every problem body). */
export type ProblemCode =
  | 'stale'
  | 'precondition-required'
  | 'duplicate'
  | 'state-conflict'
  | 'in-progress'
  | 'idempotency-key-reused'
  | 'invalid'
  | 'not-found'
  | 'gone'
  | 'method-not-allowed'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'internal'

const TYPE_BY_CODE: Readonly<Record<ProblemCode, string>> = {
  stale: PROBLEM_TYPES.stale,
  'precondition-required': PROBLEM_TYPES.preconditionRequired,
  duplicate: PROBLEM_TYPES.duplicate,
  'state-conflict': PROBLEM_TYPES.stateConflict,
  'in-progress': PROBLEM_TYPES.inProgress,
  'idempotency-key-reused': PROBLEM_TYPES.idempotencyKeyReused,
  invalid: PROBLEM_TYPES.invalid,
  'not-found': PROBLEM_TYPES.notFound,
  gone: PROBLEM_TYPES.gone,
  'method-not-allowed': PROBLEM_TYPES.methodNotAllowed,
  'payload-too-large': PROBLEM_TYPES.payloadTooLarge,
  'unsupported-media-type': PROBLEM_TYPES.unsupportedMediaType,
  internal: PROBLEM_TYPES.internal,
}

/** The problem `type` URI for a code. */
export function problemType(code: ProblemCode): string {
  return TYPE_BY_CODE[code]
}
