/**
 * Preconditions for a write: `If-Match` with the entity tag exactly as the server sent it, the version
 * written into the body, or both. A write with no known version is refused unless it is explicitly unconditional.
 */
import { InvalidBodyError, MissingVersionError } from '../errors.js'
import { isJsonObject, setField } from './field-path.js'
import type { ResourceVersion } from './version.js'

/** How a write carries its version: the `If-Match` header, a body field, or both. */
export type PreconditionMode = 'if-match' | 'body' | 'both'

/** How to condition a write on the version the form loaded. */
export interface PreconditionOptions {
  /** Where the version goes. Default: `'if-match'` when an ETag is known, else `'body'`. */
  readonly mode?: PreconditionMode
  /** Dotted body path the version is written to in `'body'` and `'both'` modes. Default: `'version'`. */
  readonly field?: string
  /** Send the write with no precondition at all (last write wins), on purpose. Default: false. */
  readonly unconditional?: boolean
}

/** A write's precondition: headers to add and the body to send. */
export interface Precondition<TBody> {
  /** Headers to send, e.g. `{ 'If-Match': 'W/"7"' }`; empty for a body-only or unconditional write. */
  readonly headers: Record<string, string>
  /** The body to send: the caller's body, with the version written in for `'body'` and `'both'` modes. */
  readonly body: TBody
}

/** The default body field of the version. */
export const DEFAULT_VERSION_FIELD = 'version'

/**
 * Build the precondition of a write from the version the form loaded.
 *
 * `If-Match` carries `version.etag` byte for byte as the server sent it (weak tags included: some servers
 * compare them literally). The body is never mutated; a copy gets the version at `options.field`. A body of
 * `undefined` or `null` becomes `{ [field]: version }` in body mode.
 *
 * @throws MissingVersionError when the mode needs a version part that is not known, unless `unconditional`.
 * @throws InvalidBodyError when the version must go into a body that is not a JSON object (an array, a string…).
 */
export function buildPrecondition<TBody>(
  version: ResourceVersion | undefined,
  body: TBody,
  options: PreconditionOptions = {},
): Precondition<TBody> {
  if (options.unconditional === true) return { headers: {}, body }
  if (version === undefined || (version.etag === undefined && version.value === undefined)) {
    throw new MissingVersionError('version')
  }
  const mode: PreconditionMode = options.mode ?? (version.etag !== undefined ? 'if-match' : 'body')
  const headers: Record<string, string> = {}
  if (mode === 'if-match' || mode === 'both') {
    if (version.etag === undefined)
      throw new MissingVersionError('etag', `precondition mode '${mode}' sends If-Match`)
    headers['If-Match'] = version.etag
  }
  if (mode === 'if-match') return { headers, body }
  if (version.value === undefined) {
    throw new MissingVersionError('value', `precondition mode '${mode}' writes the version into the body`)
  }
  const field = options.field ?? DEFAULT_VERSION_FIELD
  const target: unknown = body === undefined || body === null ? {} : body
  if (!isJsonObject(target)) {
    throw new InvalidBodyError(
      `precondition mode '${mode}' writes the version into the body at ${JSON.stringify(field)}, but the body is ` +
        `${Array.isArray(target) ? 'an array' : `a ${typeof target}`}; send an object, or use mode 'if-match'`,
    )
  }
  return { headers, body: setField(target, field, version.value) as TBody }
}
