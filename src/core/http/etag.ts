/**
 * Entity tags (RFC 9110 §8.8.3): parsing, formatting and the strong and weak comparison functions.
 *
 * ```
 * entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE
 * etagc      = %x21 / %x23-7E / obs-text        ; any visible character but DQUOTE, or %x80-FF
 * If-Match   = "*" / #entity-tag
 * ```
 */
import { MalformedETagError } from '../errors.js'

/** A parsed entity tag. */
export interface EntityTag {
  /** True for a weak tag (`W/"…"`): it marks semantically equivalent representations, not identical bytes. */
  readonly weak: boolean
  /** The opaque tag without its quotes (`abc` for `"abc"`). */
  readonly opaque: string
}

/** Whether `code` may appear inside the quotes of an entity tag (`etagc`). */
function isETagChar(code: number): boolean {
  return code === 0x21 || (code >= 0x23 && code <= 0x7e) || (code >= 0x80 && code <= 0xff)
}

/** Optional whitespace (OWS): space or horizontal tab. */
function isOWS(code: number): boolean {
  return code === 0x20 || code === 0x09
}

/**
 * Read one entity tag of `header` starting at `start`; returns the tag and the index after it.
 * Throws MalformedETagError (quoting the whole header) when the text there is not an entity tag.
 */
function readETag(header: string, start: number): { tag: EntityTag; end: number } {
  let index = start
  let weak = false
  if (header.startsWith('W/', index)) {
    weak = true
    index += 2
  } else if (header.startsWith('w/', index)) {
    throw new MalformedETagError(header, 'the weak prefix is case-sensitive: write W/ not w/')
  }
  if (header.charCodeAt(index) !== 0x22) {
    throw new MalformedETagError(
      header,
      index >= header.length
        ? 'it ends where an opening quote was expected'
        : `missing opening quote at position ${index}`,
    )
  }
  index += 1
  const opaqueStart = index
  while (index < header.length && header.charCodeAt(index) !== 0x22) {
    const code = header.charCodeAt(index)
    if (!isETagChar(code)) {
      throw new MalformedETagError(
        header,
        `character ${JSON.stringify(header[index])} at position ${index} is not allowed in an entity tag`,
      )
    }
    index += 1
  }
  if (index >= header.length) throw new MalformedETagError(header, 'missing closing quote')
  return { tag: { weak, opaque: header.slice(opaqueStart, index) }, end: index + 1 }
}

function skipOWS(header: string, start: number): number {
  let index = start
  while (index < header.length && isOWS(header.charCodeAt(index))) index += 1
  return index
}

/**
 * Parse a single entity tag, such as the value of an `ETag` header: `"abc"` or `W/"abc"`.
 * Surrounding whitespace is ignored.
 *
 * @throws MalformedETagError (quoting the header) when it is not exactly one valid entity tag.
 */
export function parseETag(header: string): EntityTag {
  const start = skipOWS(header, 0)
  const { tag, end } = readETag(header, start)
  if (skipOWS(header, end) !== header.length) {
    throw new MalformedETagError(header, `unexpected text after the closing quote at position ${end}`)
  }
  return tag
}

/**
 * Parse a list of entity tags, such as an `If-Match` or `If-None-Match` value: `*`, or a comma-separated list
 * (`"a", W/"b"`). Commas inside quotes belong to the tag; empty list elements are ignored; an empty header is `[]`.
 *
 * @throws MalformedETagError (quoting the header) when an element is not a valid entity tag.
 */
export function parseETagList(header: string): '*' | EntityTag[] {
  const first = skipOWS(header, 0)
  if (header[first] === '*' && skipOWS(header, first + 1) === header.length) return '*'
  const tags: EntityTag[] = []
  let index = 0
  while (index < header.length) {
    index = skipOWS(header, index)
    if (index >= header.length) break
    if (header.charCodeAt(index) === 0x2c) {
      index += 1
      continue
    }
    if (header[index] === '*') throw new MalformedETagError(header, '"*" cannot be combined with entity tags')
    const { tag, end } = readETag(header, index)
    tags.push(tag)
    index = skipOWS(header, end)
    if (index < header.length && header.charCodeAt(index) !== 0x2c) {
      throw new MalformedETagError(header, `expected a comma at position ${index}`)
    }
  }
  return tags
}

/**
 * Format an entity tag for a header: `"abc"` or `W/"abc"`. `parseETag(formatETag(tag))` equals `tag`.
 *
 * @throws MalformedETagError when the opaque part holds a character an entity tag cannot carry (such as `"`).
 */
export function formatETag(tag: EntityTag): string {
  const header = `${tag.weak ? 'W/' : ''}"${tag.opaque}"`
  for (let index = 0; index < tag.opaque.length; index += 1) {
    if (!isETagChar(tag.opaque.charCodeAt(index))) {
      throw new MalformedETagError(
        header,
        `character ${JSON.stringify(tag.opaque[index])} is not allowed in an entity tag`,
      )
    }
  }
  return header
}

/**
 * Strong comparison (RFC 9110 §8.8.3.2): both tags are strong and their opaque parts are identical.
 * `If-Match` uses this comparison.
 */
export function strongCompare(a: EntityTag, b: EntityTag): boolean {
  return !a.weak && !b.weak && a.opaque === b.opaque
}

/**
 * Weak comparison (RFC 9110 §8.8.3.2): the opaque parts are identical, whether either tag is weak or not.
 * `If-None-Match` uses this comparison.
 */
export function weakCompare(a: EntityTag, b: EntityTag): boolean {
  return a.opaque === b.opaque
}
