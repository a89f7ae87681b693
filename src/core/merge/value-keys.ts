/**
 * Identity tokens for values, so arrays of values can be diffed like lines of text.
 *
 * `keyOf(value)` returns something usable as a `Map` key that is the same for two values exactly
 * when `deepEqual` says they are equal: primitives stand for themselves (a `Map` already treats
 * `NaN` as `NaN` and `0` as `-0`), and every other value gets a token object shared by all values
 * with the same canonical form. Tokens are objects, so no string a server sends can collide with
 * the encoding of an object.
 */
import { MergeError } from './errors.js'
import { isPlainObject, type AnyRecord } from './safe-object.js'

const referenceIds = new WeakMap<object, number>()
let nextReferenceId = 1

function referenceId(value: object): number {
  let id = referenceIds.get(value)
  if (id === undefined) referenceIds.set(value, (id = nextReferenceId++))
  return id
}

const EXIT = Symbol('exit')

/** A piece of output text on the work stack (as opposed to a value still to encode). */
class Literal {
  constructor(readonly text: string) {}
}
const CLOSE_ARRAY = /* @__PURE__ */ new Literal(']')
const CLOSE_OBJECT = /* @__PURE__ */ new Literal('}')

/** Encodes `value` as a string that is equal for deep-equal values. Iterative; refuses cycles. */
export function canonicalForm(value: unknown): string {
  const parts: string[] = []
  const stack: unknown[] = [value]
  const ancestors = new Set<object>()
  while (stack.length > 0) {
    const item = stack.pop()
    if (item === EXIT) {
      ancestors.delete(stack.pop() as object)
      continue
    }
    if (item instanceof Literal) {
      parts.push(item.text)
      continue
    }
    switch (typeof item) {
      case 'undefined':
        parts.push('u')
        continue
      case 'boolean':
        parts.push(item ? 't' : 'f')
        continue
      case 'number':
        parts.push('d', Object.is(item, -0) ? '0' : String(item), ',')
        continue
      case 'bigint':
        parts.push('b', String(item), ',')
        continue
      case 'string':
        parts.push('s', JSON.stringify(item))
        continue
      case 'symbol':
      case 'function':
        parts.push('r', String(symbolOrFunctionId(item)), ',')
        continue
    }
    if (item === null) {
      parts.push('n')
      continue
    }
    const object = item as object
    if (object instanceof Date) {
      parts.push('D', String(object.getTime()), ',')
      continue
    }
    const isArray = Array.isArray(object)
    if (!isArray && !isPlainObject(object)) {
      parts.push('r', String(referenceId(object)), ',')
      continue
    }
    if (ancestors.has(object)) {
      throw new MergeError(
        'cyclic-value',
        'an array item contains itself (a cycle); merge values without cycles.',
      )
    }
    ancestors.add(object)
    stack.push(object, EXIT)
    if (isArray) {
      const array = object as unknown[]
      stack.push(CLOSE_ARRAY)
      for (let i = array.length - 1; i >= 0; i--) stack.push(array[i])
      parts.push('[')
    } else {
      const record = object as AnyRecord
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort()
      stack.push(CLOSE_OBJECT)
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string
        stack.push(record[key], new Literal(`${JSON.stringify(key)}:`))
      }
      parts.push('{')
    }
  }
  return parts.join('')
}

const otherIds = new Map<unknown, number>()
function symbolOrFunctionId(value: symbol | object): number {
  if (typeof value !== 'symbol') return referenceId(value)
  let id = otherIds.get(value)
  if (id === undefined) otherIds.set(value, (id = nextReferenceId++))
  return id
}

/** Hands out `Map`-ready keys for values, equal exactly when the values are deep-equal. */
export class ValueKeys {
  private readonly tokens = new Map<string, object>()

  /** The key of `value`: the value itself for primitives, a shared token otherwise. */
  keyOf = (value: unknown): unknown => {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value
    const form = canonicalForm(value)
    let token = this.tokens.get(form)
    if (!token) this.tokens.set(form, (token = { form }))
    return token
  }
}
