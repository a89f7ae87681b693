/**
 * RFC 9457 problem details (`application/problem+json`). The protocol core reads 409/412/428 bodies
 * into this shape; extension members (such as the current resource and its version) are kept.
 */
export interface ProblemDetails {
  /** A URI reference that identifies the problem type. */
  readonly type?: string
  /** A short, human-readable summary of the problem type. */
  readonly title?: string
  /** The HTTP status code. */
  readonly status?: number
  /** A human-readable explanation specific to this occurrence. */
  readonly detail?: string
  /** A URI reference that identifies this occurrence. */
  readonly instance?: string
  /** Extension members, as sent. */
  readonly [extension: string]: unknown
}

/** Keys never copied from server data: they would reach an object's prototype. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/** The members RFC 9457 defines, with the JSON type each must have; a member of another type is ignored. */
const STANDARD_MEMBERS: ReadonlyMap<string, 'string' | 'number'> = new Map([
  ['type', 'string'],
  ['title', 'string'],
  ['status', 'number'],
  ['detail', 'string'],
  ['instance', 'string'],
])

/** Whether a Content-Type names JSON (`application/json`, `application/problem+json`, any `+json`) or is absent. */
export function isJsonContentType(contentType: string): boolean {
  const media = (contentType.split(';')[0] ?? '').trim().toLowerCase()
  return media === '' || media === 'application/json' || media.endsWith('+json')
}

/**
 * Read a parsed JSON body as RFC 9457 problem details. Accepts `application/problem+json`, plain JSON content
 * types and a missing Content-Type; returns `undefined` for any other content type and for JSON that is not an
 * object. Safe with untrusted input: copies own enumerable keys except `__proto__`, `constructor` and
 * `prototype`, and drops standard members of the wrong type (a numeric `title`, a string `status`).
 */
export function toProblemDetails(json: unknown, contentType: string): ProblemDetails | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined
  if (!isJsonContentType(contentType)) return undefined
  const problem: Record<string, unknown> = {}
  for (const key of Object.keys(json)) {
    if (UNSAFE_KEYS.has(key)) continue
    const value = (json as Record<string, unknown>)[key]
    const expected = STANDARD_MEMBERS.get(key)
    if (expected !== undefined && typeof value !== expected) continue
    problem[key] = value
  }
  return problem
}
