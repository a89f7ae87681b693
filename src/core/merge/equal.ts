/**
 * Deep equality as the merge engine sees it.
 *
 * - A missing key and a key holding `undefined` are the same (JSON cannot tell them apart);
 *   `null` is a value of its own.
 * - `NaN` equals `NaN`; `0` equals `-0`.
 * - Dates are equal when they hold the same time; arrays compare item by item (a hole reads as
 *   `undefined`); plain objects compare their own enumerable keys, in any order.
 * - Other objects (class instances, maps, functions) are equal only to themselves.
 *
 * The comparison is iterative, so any depth is fine, and it terminates on cyclic values.
 */
import { isPlainObject, type AnyRecord } from './safe-object.js'

/** What kind of value the engine sees; values of different kinds never merge with each other. */
export type ValueKind =
  | 'absent'
  | 'null'
  | 'boolean'
  | 'number'
  | 'string'
  | 'bigint'
  | 'symbol'
  | 'function'
  | 'date'
  | 'array'
  | 'object'
  | 'other'

/** The kind of `value` (`undefined` is `'absent'`). */
export function kindOf(value: unknown): ValueKind {
  if (value === undefined) return 'absent'
  if (value === null) return 'null'
  const type = typeof value
  if (type === 'object') {
    if (Array.isArray(value)) return 'array'
    if (value instanceof Date) return 'date'
    return isPlainObject(value) ? 'object' : 'other'
  }
  return type as ValueKind
}

function sameScalar(a: unknown, b: unknown): boolean {
  // NaN is the one value not equal to itself: two NaNs count as the same value.
  return a === b || (a !== a && b !== b)
}

/** True when `a` and `b` hold the same data (see the module comment for the rules). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  const stack: unknown[] = [a, b]
  // Pairs already compared (or being compared): assumed equal, which is sound for cycles and DAGs.
  let seen: Map<object, Set<object>> | undefined
  while (stack.length > 0) {
    const right = stack.pop()
    const left = stack.pop()
    if (left === right) continue
    if (left === null || right === null || typeof left !== 'object' || typeof right !== 'object') {
      if (!sameScalar(left, right)) return false
      continue
    }
    seen ??= new Map()
    let partners = seen.get(left)
    if (partners?.has(right)) continue
    if (!partners) seen.set(left, (partners = new Set()))
    partners.add(right)

    const leftIsArray = Array.isArray(left)
    if (leftIsArray !== Array.isArray(right)) return false
    if (leftIsArray) {
      const l = left as unknown[]
      const r = right as unknown[]
      if (l.length !== r.length) return false
      for (let i = 0; i < l.length; i++) {
        const x = l[i]
        const y = r[i]
        if (x === y) continue
        if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) {
          if (!sameScalar(x, y)) return false
          continue
        }
        stack.push(x, y)
      }
      continue
    }
    if (left instanceof Date || right instanceof Date) {
      if (!(left instanceof Date && right instanceof Date)) return false
      if (!sameScalar(left.getTime(), right.getTime())) return false
      continue
    }
    if (!isPlainObject(left) || !isPlainObject(right)) return false
    if (!pushObjectPairs(left, right, stack)) return false
  }
  return true
}

/** Queues the values of both objects' keys; false when a key is defined on one side only. */
function pushObjectPairs(left: AnyRecord, right: AnyRecord, stack: unknown[]): boolean {
  const hasOwn = Object.prototype.hasOwnProperty
  let definedLeft = 0
  for (const key of Object.keys(left)) {
    const x = left[key]
    if (x === undefined) continue
    definedLeft++
    if (!hasOwn.call(right, key)) return false
    const y = right[key]
    if (x === y) continue
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) {
      if (!sameScalar(x, y)) return false
      continue
    }
    stack.push(x, y)
  }
  let definedRight = 0
  for (const key of Object.keys(right)) if (right[key] !== undefined) definedRight++
  return definedLeft === definedRight
}
