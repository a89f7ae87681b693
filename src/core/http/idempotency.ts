/**
 * Idempotency keys: one per user action, sent on creates so that a retried POST is applied once.
 */

/** The default header that carries the idempotency key. */
export const DEFAULT_IDEMPOTENCY_HEADER = 'Idempotency-Key'

/**
 * A new idempotency key (a random UUID v4). Create one per user action and reuse it for every retry of that
 * action. Uses `crypto.randomUUID`; where that is missing (pages served over plain HTTP from a non-local
 * host), builds the UUID from `crypto.getRandomValues`.
 */
export function createIdempotencyKey(): string {
  const { crypto } = globalThis
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
