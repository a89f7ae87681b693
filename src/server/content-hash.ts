/**
 * Deterministic content hashing for strong ETags: the same JSON value gives the same ETag in every
 * runtime (Node, Deno, Bun, browsers, edge), synchronously and with no platform crypto.
 */

/** JSON text of a value with object keys sorted at every level, so key order never changes the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value)
    return text === undefined ? 'null' : text
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => canonicalJson(item)).join(',')}]`
  }
  const record = value as Record<string, unknown>
  const members = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`)
  return `{${members.join(',')}}`
}

function hex32(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0')
}

/**
 * A 64-bit non-cryptographic hash of a string's UTF-16 code units, as 16 hex digits. Two
 * independent multiply-xorshift lanes, mixed at the end (in the style of cyrb53, widened to 64 bits).
 */
export function hash64(text: string): string {
  let h1 = 0xdeadbeef ^ text.length
  let h2 = 0x41c6ce57 ^ text.length
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index)
    h1 = Math.imul(h1 ^ unit, 2654435761)
    h2 = Math.imul(h2 ^ unit, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507)
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507)
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return hex32(h2) + hex32(h1)
}

/** The strong ETag header value of a JSON value: `"<16 hex digits>"` of its canonical JSON. */
export function contentETag(value: unknown): string {
  return `"${hash64(canonicalJson(value))}"`
}
