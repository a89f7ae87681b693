/**
 * The `Retry-After` header (RFC 9110 §10.2.3): delay-seconds or an HTTP date.
 */

/**
 * How long to wait, in milliseconds, according to a `Retry-After` value. `undefined` when the header is
 * absent or unreadable; a date in the past gives 0.
 *
 * @param header The header value (`null` when absent).
 * @param now The current time in milliseconds since the epoch. Default: `Date.now()`.
 */
export function parseRetryAfter(
  header: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (header === null || header === undefined) return undefined
  const text = header.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  if (!/[a-z]/i.test(text)) return undefined
  const at = Date.parse(text)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}
