/**
 * Theirs from a conflict response: the current resource and its version, when the 409/412 body carries them.
 */
import { ConflictSafeError } from '../errors.js'
import { parseETag } from './etag.js'
import type { ProblemDetails } from './problem.js'
import type { Theirs } from './outcome.js'
import { readVersion, type ResourceVersion, type VersionSource } from './version.js'

/** What a `theirs` reader returns: the current resource and, when known, its version. */
export interface TheirsFromProblem<TData> {
  /** The resource as the server has it now. */
  readonly data: TData
  /** Its version, when the body says. Default: unknown. */
  readonly version?: ResourceVersion
}

function own(problem: ProblemDetails, key: string): unknown {
  return Object.hasOwn(problem, key) ? problem[key] : undefined
}

function validETag(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  try {
    parseETag(value)
    return value
  } catch {
    return undefined
  }
}

function validValue(value: unknown): string | number | undefined {
  return (typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value))
    ? value
    : undefined
}

/**
 * The default reader of theirs: the member `current` (or `resource`) is the resource as is; the members
 * `etag` and `version` are its version. `undefined` when the problem carries no resource.
 */
export function defaultTheirs(problem: ProblemDetails): TheirsFromProblem<unknown> | undefined {
  const data = own(problem, 'current') ?? own(problem, 'resource')
  if (data === undefined || data === null) return undefined
  const etag = validETag(own(problem, 'etag'))
  const value = validValue(own(problem, 'version'))
  if (etag === undefined && value === undefined) return { data }
  return { data, version: { ...(etag !== undefined && { etag }), ...(value !== undefined && { value }) } }
}

/**
 * Read theirs from a conflict's problem details, completing its version: a body-field or function
 * `versionSource` is applied to the resource itself, and the response's `ETag` header stands in when the body
 * names no entity tag. A version part that is malformed is left out rather than failing the conflict.
 */
export function readTheirs<TData>(
  problem: ProblemDetails | undefined,
  options: {
    /** Where versions come from for this resource. Default: `'etag'`. */
    readonly versionSource?: VersionSource
    /** A custom reader of the problem. Default: `defaultTheirs`. */
    readonly theirs?: (problem: ProblemDetails) => TheirsFromProblem<TData> | undefined
    /** The conflict response's headers (for its `ETag`). */
    readonly headers: Headers
  },
): Theirs<TData> | undefined {
  if (problem === undefined) return undefined
  const found =
    options.theirs !== undefined
      ? options.theirs(problem)
      : (defaultTheirs(problem) as TheirsFromProblem<TData> | undefined)
  if (found === undefined) return undefined
  if (options.theirs !== undefined) return { data: found.data, version: found.version }
  let etag = found.version?.etag ?? validETag(options.headers.get('etag'))
  let value = found.version?.value
  const source = options.versionSource ?? 'etag'
  if (source !== 'etag') {
    try {
      const fromData = readVersion(source, {
        headers: new Headers(etag === undefined ? {} : { etag }),
        body: found.data,
      })
      value = fromData?.value ?? value
      etag = fromData?.etag ?? etag
    } catch (error) {
      if (!(error instanceof ConflictSafeError)) throw error
    }
  }
  if (etag === undefined && value === undefined) return { data: found.data, version: undefined }
  return {
    data: found.data,
    version: { ...(etag !== undefined && { etag }), ...(value !== undefined && { value }) },
  }
}
