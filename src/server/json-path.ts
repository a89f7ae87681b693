/**
 * Dotted paths into JSON records (`'slug'`, `'meta.version'`), safe against prototype pollution:
 * only own properties are read and the segments `__proto__`, `constructor` and `prototype` are refused.
 */

/** A JSON object as the server stores it. */
export type JsonObject = { [key: string]: unknown }

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype'])

/** True for a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function segments(path: string): string[] {
  const parts = path.split('.')
  for (const part of parts) {
    if (part === '' || FORBIDDEN.has(part)) {
      throw new TypeError(`conflict-safe/server: invalid field path '${path}'.`)
    }
  }
  return parts
}

/** The value at a dotted path, or `undefined` when any step is missing. */
export function getPath(record: unknown, path: string): unknown {
  let node: unknown = record
  for (const part of segments(path)) {
    if (!isJsonObject(node) || !Object.prototype.hasOwnProperty.call(node, part)) return undefined
    node = node[part]
  }
  return node
}

/** A copy of `record` with `value` at a dotted path (intermediate objects are created; `undefined` removes). */
export function setPath(record: JsonObject, path: string, value: unknown): JsonObject {
  const [head, ...rest] = segments(path)
  const copy: JsonObject = { ...record }
  if (head === undefined) return copy
  if (rest.length === 0) {
    if (value === undefined) delete copy[head]
    else copy[head] = value
    return copy
  }
  const child = Object.prototype.hasOwnProperty.call(record, head) ? record[head] : undefined
  copy[head] = setPath(isJsonObject(child) ? child : {}, rest.join('.'), value)
  return copy
}
