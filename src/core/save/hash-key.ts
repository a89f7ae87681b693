/**
 * A stable string for a query key (`['todo', 1, { lang: 'en' }]`): object keys are sorted, so
 * `{ a, b }` and `{ b, a }` name the same record. Matches TanStack Query's `hashKey` for JSON keys.
 */

/** The stable string form of `queryKey`, used to key the save queue and stored drafts. */
export function hashKey(queryKey: readonly unknown[]): string {
  return JSON.stringify(queryKey, (_name, value: unknown) => {
    if (!isPlainObject(value)) return value
    const sorted: Record<string, unknown> = {}
    for (const key of Object.keys(value).sort()) sorted[key] = (value as Record<string, unknown>)[key]
    return sorted
  })
}

function isPlainObject(value: unknown): value is object {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}
