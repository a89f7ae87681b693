/**
 * Reading a response body safely: at most a bounded number of bytes, JSON parsed without prototype keys,
 * and every kind of bad body reported as data instead of an exception.
 */

/** The default read limit of a response body: 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024

/** Why the body could not be read as JSON (absent when it could, or when it is empty). */
export type UnreadableBody = 'not-json' | 'too-large' | 'interrupted'

/** A response body as read by `readBody`. */
export interface ResponseBody {
  /** The body as text (UTF-8), at most `maxBytes` bytes of it; `''` for an empty body. */
  readonly text: string
  /** The parsed JSON, when the whole body was read and is JSON; `undefined` otherwise (and for an empty body). */
  readonly json: unknown | undefined
  /** True when `text` is only the start of the body: it was larger than `maxBytes`, or the stream broke. */
  readonly truncated: boolean
  /** The Content-Type header as sent; `''` when absent. */
  readonly contentType: string
  /** Why the body is not usable JSON, when it is not empty and not JSON. */
  readonly unreadable?: UnreadableBody
}

/** Options of `readBody`. */
export interface ReadBodyOptions {
  /** The most bytes to read; the rest of the stream is cancelled. Default: 1 MiB (`DEFAULT_MAX_BODY_BYTES`). */
  readonly maxBytes?: number
}

/** Keys dropped while parsing JSON, at every depth, so that server data can never reach a prototype. */
function withoutProtoKeys(key: string, value: unknown): unknown {
  return key === '__proto__' ? undefined : value
}

/** Whether `error` is the rejection of an aborted request or body read. */
export function isAbortError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'name' in error &&
    (error as { name: unknown }).name === 'AbortError'
  )
}

async function readBytes(
  response: Response,
  maxBytes: number,
): Promise<{ bytes: Uint8Array; truncated: boolean; interrupted: boolean }> {
  if (response.body === null) return { bytes: new Uint8Array(0), truncated: false, interrupted: false }
  const chunks: Uint8Array[] = []
  let size = 0
  let truncated = false
  let interrupted = false
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined
  try {
    reader = response.body.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (size + value.byteLength > maxBytes) {
        chunks.push(value.subarray(0, maxBytes - size))
        size = maxBytes
        truncated = true
        break
      }
      chunks.push(value)
      size += value.byteLength
    }
  } catch (error) {
    if (isAbortError(error)) throw error
    truncated = true
    interrupted = true
  }
  if (truncated && reader !== undefined) {
    // Stop the download; a failure to cancel changes nothing about what was read.
    reader.cancel().catch(() => undefined)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return { bytes, truncated, interrupted }
}

/**
 * Read a response body: at most `maxBytes` bytes (streamed; the rest is cancelled), decoded as UTF-8 and parsed
 * as JSON when possible. Never throws for a bad body: a body that is not JSON, too large, or cut off is reported
 * in `unreadable`. Only an aborted request rethrows its AbortError. `__proto__` keys are dropped from the JSON.
 */
export async function readBody(response: Response, options: ReadBodyOptions = {}): Promise<ResponseBody> {
  const limit = options.maxBytes ?? DEFAULT_MAX_BODY_BYTES
  const maxBytes = Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : DEFAULT_MAX_BODY_BYTES
  const contentType = response.headers.get('content-type') ?? ''
  const { bytes, truncated, interrupted } = await readBytes(response, maxBytes)
  const text = new TextDecoder('utf-8').decode(bytes)
  const base = { text, truncated, contentType }
  if (interrupted) return { ...base, json: undefined, unreadable: 'interrupted' }
  if (truncated) return { ...base, json: undefined, unreadable: 'too-large' }
  if (text.trim() === '') return { ...base, json: undefined }
  try {
    return { ...base, json: JSON.parse(text, withoutProtoKeys) as unknown }
  } catch {
    return { ...base, json: undefined, unreadable: 'not-json' }
  }
}
