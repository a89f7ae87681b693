/**
 * Dotted field paths (`'version'`, `'meta.updatedAt'`) into JSON documents: reading own properties only,
 * and writing copy-on-write. Used for versions carried in request and response bodies.
 */
import { ConflictSafeError } from '../errors.js'

/** Keys that would reach an object's prototype instead of its data. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/**
 * Split a dotted path into its keys.
 *
 * @throws ConflictSafeError (code `'INVALID_FIELD_PATH'`) for an empty path, an empty segment or a prototype key.
 */
export function splitFieldPath(path: string): string[] {
  const keys = path.split('.')
  for (const key of keys) {
    if (key === '' || FORBIDDEN_KEYS.has(key)) {
      throw new ConflictSafeError(
        'INVALID_FIELD_PATH',
        `Invalid field path ${JSON.stringify(path)}: use dot-separated keys such as 'version' or 'meta.updatedAt' ` +
          `(no empty keys, no __proto__, constructor or prototype).`,
      )
    }
  }
  return keys
}

/** Whether `value` is a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Read the value at a dotted path, following own properties only. `undefined` when any step is missing
 * or is not an object.
 */
export function getField(document: unknown, path: string): unknown {
  let current: unknown = document
  for (const key of splitFieldPath(path)) {
    if (!isJsonObject(current) || !Object.hasOwn(current, key)) return undefined
    current = current[key]
  }
  return current
}

/**
 * Return a copy of `document` with `value` at the dotted path; objects along the path are copied, missing
 * ones created. `document` itself is never changed.
 *
 * @throws ConflictSafeError (code `'INVALID_FIELD_PATH'`) when a step of the path holds a non-object value.
 */
export function setField(
  document: Record<string, unknown>,
  path: string,
  value: unknown,
): Record<string, unknown> {
  const keys = splitFieldPath(path)
  const write = (target: Record<string, unknown>, depth: number): Record<string, unknown> => {
    const key = keys[depth] as string
    const copy: Record<string, unknown> = { ...target }
    if (depth === keys.length - 1) {
      copy[key] = value
      return copy
    }
    const next = Object.hasOwn(target, key) ? target[key] : undefined
    if (next !== undefined && next !== null && !isJsonObject(next)) {
      throw new ConflictSafeError(
        'INVALID_FIELD_PATH',
        `Cannot write the version at ${JSON.stringify(path)}: ${JSON.stringify(keys.slice(0, depth + 1).join('.'))} ` +
          `holds a value that is not an object.`,
      )
    }
    copy[key] = write(isJsonObject(next) ? next : {}, depth + 1)
    return copy
  }
  return write(document, 0)
}
