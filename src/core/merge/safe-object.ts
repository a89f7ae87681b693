/**
 * Building objects from untrusted data without touching any prototype.
 *
 * Server data may carry the keys `__proto__`, `constructor` and `prototype`. Reading them with
 * `obj[key]` can return inherited values (`Object.prototype`, the `Object` function) and writing
 * `obj['__proto__'] = value` replaces the object's prototype. The merge engine therefore reads
 * only own properties and writes with `Object.defineProperty` where plain assignment is unsafe.
 */

const hasOwnProperty = Object.prototype.hasOwnProperty

/** An object that may be read key by key. */
export type AnyRecord = Record<string, unknown>

/** True when `key` is an own property of `object`. */
export function hasOwn(object: object, key: string): boolean {
  return hasOwnProperty.call(object, key)
}

/** The own property `key` of `object`, or `undefined` (never an inherited value). */
export function getOwn(object: unknown, key: string): unknown {
  if (object === null || typeof object !== 'object') return undefined
  return hasOwnProperty.call(object, key) ? (object as AnyRecord)[key] : undefined
}

/** Sets an own, enumerable property, even for `__proto__` (which `=` would treat as the prototype). */
export function setOwn(object: AnyRecord, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true })
  } else {
    object[key] = value
  }
}

/** True for objects made by `{}`, `JSON.parse` or `Object.create(null)` (not arrays, dates or class instances). */
export function isPlainObject(value: unknown): value is AnyRecord {
  if (value === null || typeof value !== 'object') return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** An empty object with the same prototype as `like` (`Object.prototype` or `null`). */
export function emptyLike(like: object): AnyRecord {
  return Object.getPrototypeOf(like) === null ? (Object.create(null) as AnyRecord) : {}
}

/** A shallow copy of a plain object's own enumerable string keys, safe for `__proto__`. */
export function copyObject(object: AnyRecord): AnyRecord {
  const copy = emptyLike(object)
  for (const key of Object.keys(object)) setOwn(copy, key, object[key])
  return copy
}
