/** Reading a request's JSON body: bounded in size, strict about the media type, safe to merge. */

/** The outcome of reading a request body. */
export type RequestBody =
  /** No body (or an empty one). */
  | { readonly kind: 'empty'; readonly text: '' }
  /** A JSON body; `value` has every `__proto__` member removed. */
  | { readonly kind: 'json'; readonly text: string; readonly value: unknown }
  /** The body is not valid JSON. */
  | { readonly kind: 'malformed'; readonly text: string; readonly message: string }
  /** The Content-Type is not JSON. */
  | { readonly kind: 'unsupported-media-type'; readonly contentType: string }
  /** The body is larger than the limit. */
  | { readonly kind: 'too-large'; readonly maxBytes: number }

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i

async function readText(request: Request, maxBytes: number): Promise<string | undefined> {
  if (request.body === null) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined)
      return undefined
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return new TextDecoder().decode(bytes)
}

/** Drops `__proto__` members while parsing, so later spreads and merges cannot touch a prototype. */
function withoutProtoKeys(key: string, value: unknown): unknown {
  return key === '__proto__' ? undefined : value
}

/**
 * Reads and parses a JSON request body of at most `maxBytes` bytes. A missing Content-Type is
 * accepted when the body parses as JSON; any other non-JSON media type is refused.
 */
export async function readRequestBody(request: Request, maxBytes: number): Promise<RequestBody> {
  const contentType = (request.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? ''
  const text = await readText(request, maxBytes)
  if (text === undefined) return { kind: 'too-large', maxBytes }
  if (text.trim() === '') return { kind: 'empty', text: '' }
  if (contentType !== '' && !JSON_MEDIA_TYPE.test(contentType)) {
    return { kind: 'unsupported-media-type', contentType }
  }
  try {
    return { kind: 'json', text, value: JSON.parse(text, withoutProtoKeys) as unknown }
  } catch (error) {
    return { kind: 'malformed', text, message: error instanceof Error ? error.message : String(error) }
  }
}
