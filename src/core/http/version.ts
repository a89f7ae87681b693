/**
 * Versions of a resource and where to read them: the `ETag` response header, a body field, or a function.
 */
import { InvalidVersionError, MalformedETagError } from '../errors.js'
import { parseETag, weakCompare } from './etag.js'
import { getField } from './field-path.js'

/** The version of a resource as the server reported it. At least one field is set. */
export interface ResourceVersion {
  /** The `ETag` header value exactly as the server sent it (weak tags included), e.g. `W/"7"`. */
  readonly etag?: string
  /** The version carried in the body (`version`, `_rev`, `updatedAt`…): a non-empty string or a finite number. */
  readonly value?: string | number
}

/** What a version source reads from: a response's headers and its parsed JSON body. */
export interface VersionInput {
  /** The response headers. */
  readonly headers: Headers
  /** The parsed JSON body (`undefined` when there is none). */
  readonly body: unknown
}

/** Read the version from a body field. */
export interface FieldVersionSource {
  /** Dotted path of the version in the body: `'version'`, `'_rev'`, `'meta.updatedAt'`. */
  readonly field: string
  /** Also read the `ETag` header, so both an If-Match and a body version can be sent. Default: false. */
  readonly etag?: boolean
}

/**
 * A function that reads the version from a response; returns `undefined` when there is none. Fields set to
 * `undefined` are ignored; what it returns is checked like any other version.
 */
export type VersionSourceFunction = (
  input: VersionInput,
) => { readonly etag?: string | undefined; readonly value?: string | number | undefined } | undefined

/**
 * Where a resource's version comes from: `'etag'` (the `ETag` response header), a body field
 * (`{ field: 'meta.updatedAt' }`), or a function of the headers and body.
 */
export type VersionSource = 'etag' | FieldVersionSource | VersionSourceFunction

/** Check a body version: a non-empty string or a finite number, else InvalidVersionError. */
function checkValue(field: string, value: unknown): string | number {
  if ((typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value)))
    return value
  throw new InvalidVersionError(field, value)
}

/** Check an ETag value: one valid entity tag, else MalformedETagError. Returns it unchanged. */
function checkETag(header: string): string {
  parseETag(header)
  return header
}

function readETagHeader(headers: Headers): string | undefined {
  const header = headers.get('etag')
  return header === null ? undefined : checkETag(header)
}

function fromParts(
  etag: string | undefined,
  value: string | number | undefined,
): ResourceVersion | undefined {
  if (etag === undefined && value === undefined) return undefined
  return { ...(etag !== undefined && { etag }), ...(value !== undefined && { value }) }
}

/**
 * Read a resource's version from a response. `undefined` when the source finds none (no `ETag` header,
 * no such field, or the field is `null`).
 *
 * @throws InvalidVersionError when the body version is of the wrong type (a boolean, an object, `NaN`…).
 * @throws MalformedETagError when the `ETag` header (or a function's `etag`) is not a valid entity tag.
 */
export function readVersion(source: VersionSource, input: VersionInput): ResourceVersion | undefined {
  if (source === 'etag') return fromParts(readETagHeader(input.headers), undefined)
  if (typeof source === 'function') {
    const found: unknown = source(input)
    if (found === undefined || found === null) return undefined
    if (typeof found !== 'object') throw new InvalidVersionError('versionSource()', found)
    const { etag, value } = found as { etag?: unknown; value?: unknown }
    if (etag !== undefined && typeof etag !== 'string')
      throw new MalformedETagError(String(etag), 'an ETag must be a string')
    return fromParts(
      etag === undefined ? undefined : checkETag(etag),
      value === undefined ? undefined : checkValue('versionSource()', value),
    )
  }
  const raw = getField(input.body, source.field)
  const value = raw === undefined || raw === null ? undefined : checkValue(source.field, raw)
  return fromParts(source.etag === true ? readETagHeader(input.headers) : undefined, value)
}

/** Weak comparison of two ETag header values; raw equality when either does not parse. */
function sameETag(a: string, b: string): boolean {
  try {
    return weakCompare(parseETag(a), parseETag(b))
  } catch {
    return a === b
  }
}

/**
 * Whether two versions denote the same state of the resource. Compares what both carry: ETags by weak
 * comparison (`"7"` matches `W/"7"`, since proxies may weaken tags), body values by their string form.
 * An unknown version (`undefined`, or `'unknown'` as in `OkOutcome.version`) is never the same as anything, so
 * `sameVersion(undefined, undefined)` is false, as are two versions with no field in common.
 */
export function sameVersion(a?: ResourceVersion | 'unknown', b?: ResourceVersion | 'unknown'): boolean {
  if (a === undefined || b === undefined || a === 'unknown' || b === 'unknown') return false
  let compared = false
  if (a.etag !== undefined && b.etag !== undefined) {
    if (!sameETag(a.etag, b.etag)) return false
    compared = true
  }
  if (a.value !== undefined && b.value !== undefined) {
    if (String(a.value) !== String(b.value)) return false
    compared = true
  }
  return compared
}
