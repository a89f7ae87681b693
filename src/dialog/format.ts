/**
 * How values and paths become text in the dialog, and how edit-box text becomes a value again.
 * Everything here returns strings that React renders as text, never HTML.
 */
import type { Path } from '../core/merge/types.js'
import type { Decision } from './decisions.js'
import type { ConflictMessages } from './messages.js'

/** Labels of fields, keyed by conflict id or by dotted field name (`'title'`, `'address.city'`, `'lines.qty'`). */
export type ConflictLabels = Readonly<Record<string, string>>

/** `'shippingAddress'` → `'Shipping address'`, `'first_name'` → `'First name'`. */
export function humanise(name: string): string {
  const words = name
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/[\s_-]+/g, ' ')
    .trim()
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/**
 * The label of a path: `labels[id]`, else each named part labelled by its dotted name or humanised,
 * array items as `messages.item(position or key)`, joined with ' › '.
 */
export function labelOf(path: Path, labels: ConflictLabels, messages: ConflictMessages, id?: string): string {
  if (id !== undefined && Object.hasOwn(labels, id)) return labels[id]!
  const parts: string[] = []
  const names: string[] = []
  let afterItem = 0
  for (const segment of path) {
    if (typeof segment === 'string') {
      names.push(segment)
      const name = names.join('.')
      if (Object.hasOwn(labels, name)) parts.splice(afterItem, Infinity, labels[name]!)
      else parts.push(humanise(segment))
    } else {
      afterItem = parts.push(messages.item(typeof segment === 'object' ? segment.key : segment + 1))
    }
  }
  return parts.join(' › ') || messages.absent
}

/** The name an array item shows for itself (`name`, `title` or `label`), if it has one. */
export function itemName(...values: unknown[]): string | undefined {
  for (const value of values) {
    if (value && typeof value === 'object') {
      const { name, title, label } = value as Record<string, unknown>
      const own = [name, title, label].find((text) => typeof text === 'string' && text)
      if (own) return own as string
    }
  }
  return undefined
}

/** A value that is neither absent nor an object, as text (for the duplicate's value); else `undefined`. */
export const plainText = (value: unknown): string | undefined =>
  value === undefined || typeof value === 'object' ? undefined : String(value)

const isPlain = (value: unknown) => value === null || typeof value !== 'object'

/**
 * A value as text: strings as they are, `null`/`''` as empty, absent as absent, booleans as yes/no,
 * lists of plain values comma-separated, records of plain values as "Name: value" lines, the rest as JSON.
 */
export function displayValue(value: unknown, messages: ConflictMessages): string {
  if (value === undefined) return messages.absent
  if (value === null || value === '') return messages.empty
  if (typeof value === 'boolean') return value ? messages.yes : messages.no
  if (typeof value === 'object') {
    const list = Array.isArray(value)
    const entries = Object.entries(value)
    if (entries.length && entries.every(([, item]) => isPlain(item)))
      return entries
        .map(([key, item]) => (list ? '' : `${humanise(key)}: `) + displayValue(item, messages))
        .join(list ? ', ' : '\n')
  }
  return toEditText(value)
}

/** A value as the text of an edit box (strings as they are, numbers as digits, anything else as JSON). */
export function toEditText(value: unknown): string {
  if (typeof value === 'string') return value
  if (value === undefined) return ''
  try {
    return typeof value === 'object' ? (JSON.stringify(value, null, 2) ?? '') : String(value)
  } catch {
    return String(value)
  }
}

/** Edit-box text as a decision, typed like `like`: text, a number, or JSON; an `error` when it does not parse. */
export function fromEditText(text: string, like: unknown, messages: ConflictMessages): Decision {
  if (typeof like === 'string') return { value: text }
  if (typeof like === 'number') {
    const number = Number(text)
    return text.trim() && Number.isFinite(number)
      ? { value: number }
      : { value: text, error: messages.invalidNumber }
  }
  try {
    return { value: JSON.parse(text) as unknown }
  } catch {
    return { value: text, error: messages.invalidJson }
  }
}

/** `url` when it is a web address (http, https, or relative to the page); `undefined` otherwise. */
export function safeHref(url: unknown): string | undefined {
  try {
    // A fixed base: relative addresses count as web addresses, absolute ones keep their scheme.
    if (typeof url === 'string' && /^https?:$/.test(new URL(url, 'https://relative.invalid/').protocol))
      return url
  } catch {
    // Not an address at all.
  }
  return undefined
}
