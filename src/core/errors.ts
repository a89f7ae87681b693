/**
 * The errors of conflict-safe. Every error is a `ConflictSafeError` with a stable `code` and a message that
 * says what went wrong and what to do; bad server input never surfaces as a bare `TypeError`.
 */
import type { ProblemDetails } from './http/problem.js'

/** The longest piece of server text quoted in a message; the full value stays on the error's fields. */
const QUOTE_LIMIT = 200

/** Quote untrusted text for a message: JSON-escaped (control characters visible) and shortened. */
export function quoteForMessage(text: string): string {
  const short = text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT)}…` : text
  return JSON.stringify(short)
}

/** Options every conflict-safe error accepts. */
export interface ConflictSafeErrorOptions {
  /** The underlying error, when this one wraps another. Default: none. */
  readonly cause?: unknown
}

/** The base class of every error conflict-safe throws or reports. Check `code` rather than the message. */
export class ConflictSafeError extends Error {
  /** A stable, machine-readable code such as `'MALFORMED_ETAG'`. */
  readonly code: string

  /**
   * @param code A stable, machine-readable code.
   * @param message What went wrong and what to do about it.
   * @param options The wrapped cause, if any.
   */
  constructor(code: string, message: string, options?: ConflictSafeErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'ConflictSafeError'
    this.code = code
  }
}

/** An `ETag` or `If-Match` value that is not a valid entity tag (RFC 9110 §8.8.3). The message quotes it. */
export class MalformedETagError extends ConflictSafeError {
  /** The header value exactly as received. */
  readonly header: string
  /** What is wrong with it, for example `'missing opening quote'`. */
  readonly reason: string

  /**
   * @param header The header value as received.
   * @param reason What is wrong with it.
   */
  constructor(header: string, reason: string) {
    super(
      'MALFORMED_ETAG',
      `Malformed entity tag ${quoteForMessage(header)}: ${reason}. An entity tag is a quoted string such as "abc" ` +
        `or W/"abc" (RFC 9110 section 8.8.3); fix the server's ETag header, or read the version from the body ` +
        `with versionSource: { field: 'version' }.`,
    )
    this.name = 'MalformedETagError'
    this.header = header
    this.reason = reason
  }
}

/** A conditional write for which no version is known, without `unconditional: true`. */
export class MissingVersionError extends ConflictSafeError {
  /** What the precondition needed and did not have: the ETag, the body version, or any version. */
  readonly missing: 'etag' | 'value' | 'version'

  /**
   * @param missing Which part of the version was needed.
   * @param detail Extra context for the message (for example the precondition mode). Default: none.
   */
  constructor(missing: 'etag' | 'value' | 'version', detail?: string) {
    const what =
      missing === 'etag'
        ? 'no ETag is known for this record'
        : missing === 'value'
          ? 'no body version is known for this record'
          : 'no version is known for this record'
    super(
      'MISSING_VERSION',
      `Refusing a conditional write: ${what}${detail ? ` (${detail})` : ''}. Load the record first and keep the ` +
        `version it came with (the ETag header, or a body field via versionSource), or pass ` +
        `precondition: { unconditional: true } to overwrite whatever the server has on purpose.`,
    )
    this.name = 'MissingVersionError'
    this.missing = missing
  }
}

/** A version that is neither a non-empty string nor a finite number (for example `true` or `{}`). */
export class InvalidVersionError extends ConflictSafeError {
  /** Where the version was read: the body field path, or `'versionSource()'` for a function source. */
  readonly field: string
  /** The value found there, as received. */
  readonly value: unknown

  /**
   * @param field Where the version was read.
   * @param value The value found there.
   */
  constructor(field: string, value: unknown) {
    super(
      'INVALID_VERSION',
      `The version at ${quoteForMessage(field)} is ${describeValue(value)}; a version must be a non-empty string ` +
        `or a finite number. Point versionSource at the field that holds the record's version.`,
    )
    this.name = 'InvalidVersionError'
    this.field = field
    this.value = value
  }
}

/** Why a response body could not be used. */
export type ResponseBodyFailure = 'not-json' | 'empty' | 'too-large' | 'interrupted'

/** A response body the client needed but could not use: not JSON, empty, too large or cut off. */
export class ResponseBodyError extends ConflictSafeError {
  /** The HTTP status of the response. */
  readonly status: number
  /** What is wrong with the body. */
  readonly reason: ResponseBodyFailure
  /** The response's Content-Type header (`''` when absent). */
  readonly contentType: string
  /** The start of the body as text (at most 200 characters), for logs. */
  readonly snippet: string

  /**
   * @param init The status, what is wrong, the content type and the text read.
   */
  constructor(init: { status: number; reason: ResponseBodyFailure; contentType: string; text: string }) {
    const snippet = init.text.slice(0, QUOTE_LIMIT)
    const what: Record<ResponseBodyFailure, string> = {
      'not-json': `is not JSON (Content-Type ${quoteForMessage(init.contentType || 'none')}, starts with ${quoteForMessage(snippet)})`,
      empty: 'is empty where a JSON document was expected',
      'too-large': 'is larger than the read limit (maxBodyBytes) and was not read in full',
      interrupted: 'was cut off before it ended (the connection broke)',
    }
    super(
      'RESPONSE_BODY',
      `The server answered ${init.status} but its body ${what[init.reason]}. ` +
        (init.status >= 200 && init.status < 300
          ? 'The write may have taken effect: reload the record before saving again.'
          : 'Check the server, or raise maxBodyBytes if the body is legitimately large.'),
    )
    this.name = 'ResponseBodyError'
    this.status = init.status
    this.reason = init.reason
    this.contentType = init.contentType
    this.snippet = snippet
  }
}

/** The request never got a response: `fetch` rejected (offline, DNS, refused, reset). Wraps the cause. */
export class NetworkError extends ConflictSafeError {
  /**
   * @param cause The rejection of `fetch`.
   */
  constructor(cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    super('NETWORK', `The request failed before a response arrived (${reason}). It is safe to retry.`, {
      cause,
    })
    this.name = 'NetworkError'
  }
}

/** A response whose status means failure and has no more specific class (for example 403 or 503). */
export class HttpError extends ConflictSafeError {
  /** The HTTP status. */
  readonly status: number
  /** The server's problem details, when it sent any. */
  readonly problem?: ProblemDetails
  /** The request id the server reported, when it did. */
  readonly requestId?: string

  /**
   * @param init The status, the status text, and the problem details and request id when known.
   */
  constructor(init: { status: number; statusText?: string; problem?: ProblemDetails; requestId?: string }) {
    const said = init.problem?.detail ?? init.problem?.title
    super(
      'HTTP',
      `The server answered ${init.status}${init.statusText ? ` ${init.statusText}` : ''}` +
        `${said ? `: ${said}` : ''}${init.requestId ? ` (request id ${init.requestId})` : ''}.`,
    )
    this.name = 'HttpError'
    this.status = init.status
    if (init.problem !== undefined) this.problem = init.problem
    if (init.requestId !== undefined) this.requestId = init.requestId
  }
}

/** A request body the client cannot send: not JSON-serializable, or not an object where a version must go. */
export class InvalidBodyError extends ConflictSafeError {
  /**
   * @param reason What is wrong with the body and what to do.
   * @param options The wrapped cause, if any.
   */
  constructor(reason: string, options?: ConflictSafeErrorOptions) {
    super('INVALID_BODY', `Cannot send this request body: ${reason}.`, options)
    this.name = 'InvalidBodyError'
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'number') return `the number ${String(value)}`
  if (typeof value === 'string') return 'an empty string'
  if (typeof value === 'object') return 'an object'
  if (typeof value === 'function') return 'a function'
  return `${typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`} (${String(value)})`
}
