/**
 * Evaluating If-Match and If-None-Match against a record's ETag (RFC 9110 §13.1): If-Match uses the
 * strong comparison, If-None-Match the weak one; `*` matches any current representation.
 * Parsing is the core's (`src/core/http/etag`), so client and server read entity-tags the same way.
 */
import { parseETag, parseETagList, strongCompare, weakCompare } from '../core/http/etag.js'
import type { EntityTag } from '../core/http/etag.js'

/** The result of evaluating one conditional header. */
export type ConditionResult =
  /** The header was not sent. */
  | 'absent'
  /** The condition holds (If-Match: a tag matches; If-None-Match: no tag matches). */
  | 'pass'
  /** The condition fails. */
  | 'fail'
  /** The header is not a valid entity-tag list. */
  | 'malformed'

function parseList(header: string): '*' | EntityTag[] | undefined {
  try {
    return parseETagList(header)
  } catch {
    return undefined
  }
}

/** Evaluates If-Match against the current ETag (`undefined` when there is no current record). */
export function evaluateIfMatch(header: string | null, currentETag: string | undefined): ConditionResult {
  if (header === null) return 'absent'
  const list = parseList(header)
  if (list === undefined) return 'malformed'
  if (currentETag === undefined) return 'fail'
  if (list === '*') return 'pass'
  const current = parseETag(currentETag)
  return list.some((tag) => strongCompare(tag, current)) ? 'pass' : 'fail'
}

/** Evaluates If-None-Match against the current ETag (`undefined` when there is no current record). */
export function evaluateIfNoneMatch(header: string | null, currentETag: string | undefined): ConditionResult {
  if (header === null) return 'absent'
  const list = parseList(header)
  if (list === undefined) return 'malformed'
  if (currentETag === undefined) return 'pass'
  if (list === '*') return 'fail'
  const current = parseETag(currentETag)
  return list.some((tag) => weakCompare(tag, current)) ? 'fail' : 'pass'
}
