import { describe, expect, it } from 'vitest'
import { DEFAULT_MAX_BODY_BYTES, readBody } from '../../src/core/http/index'

const encoder = new TextEncoder()

/** A body stream of `chunks` chunks of `chunkSize` bytes; records how much was pulled and whether it was cancelled. */
function countingStream(chunkSize: number, chunks: number) {
  const state = { pulled: 0, cancelled: false }
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= chunkSize * chunks) {
        controller.close()
        return
      }
      state.pulled += chunkSize
      controller.enqueue(new Uint8Array(chunkSize).fill(0x61))
    },
    cancel() {
      state.cancelled = true
    },
  })
  return { stream, state }
}

describe('readBody', () => {
  it('reads and parses a JSON body', async () => {
    const body = await readBody(Response.json({ a: [1, 'two'] }))
    expect(body).toEqual({
      text: '{"a":[1,"two"]}',
      json: { a: [1, 'two'] },
      truncated: false,
      contentType: 'application/json',
    })
  })

  it('reports an empty body as empty text, without a defect', async () => {
    expect(await readBody(new Response(null, { status: 204 }))).toEqual({
      text: '',
      json: undefined,
      truncated: false,
      contentType: '',
    })
    expect((await readBody(new Response('  \n'))).unreadable).toBeUndefined()
  })

  it('reports a non-JSON body as not-json, keeping its text', async () => {
    const body = await readBody(
      new Response('<html>Bad gateway</html>', { headers: { 'content-type': 'text/html' } }),
    )
    expect(body).toMatchObject({
      text: '<html>Bad gateway</html>',
      json: undefined,
      unreadable: 'not-json',
      contentType: 'text/html',
    })
  })

  it('reports truncated JSON as not-json', async () => {
    expect((await readBody(new Response('{"type":"stale","current":{"na'))).unreadable).toBe('not-json')
  })

  it('reads at most maxBytes of a huge body and cancels the rest', async () => {
    const { stream, state } = countingStream(64 * 1024, 1000) // 64 MiB on offer
    const body = await readBody(new Response(stream))
    expect(body.truncated).toBe(true)
    expect(body.unreadable).toBe('too-large')
    expect(body.json).toBeUndefined()
    expect(body.text.length).toBe(DEFAULT_MAX_BODY_BYTES)
    expect(state.cancelled).toBe(true)
    expect(state.pulled).toBeLessThanOrEqual(DEFAULT_MAX_BODY_BYTES + 3 * 64 * 1024)
  })

  it('honours a custom maxBytes, and reads a body of exactly maxBytes in full', async () => {
    expect((await readBody(new Response('[1,2,3]'), { maxBytes: 7 })).json).toEqual([1, 2, 3])
    const cut = await readBody(new Response('[1,2,3]'), { maxBytes: 4 })
    expect(cut).toMatchObject({ text: '[1,2', truncated: true, unreadable: 'too-large' })
  })

  it('reports a stream that breaks as interrupted, keeping what arrived', async () => {
    let sent = false
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) {
          sent = true
          controller.enqueue(encoder.encode('{"a":'))
        } else controller.error(new TypeError('terminated'))
      },
    })
    const body = await readBody(new Response(stream))
    expect(body).toMatchObject({ text: '{"a":', truncated: true, unreadable: 'interrupted', json: undefined })
  })

  it('reports a body that was already read as interrupted instead of throwing', async () => {
    const response = new Response('{"a":1}')
    await response.text()
    expect((await readBody(response)).unreadable).toBe('interrupted')
  })

  it('rethrows an abort', async () => {
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new DOMException('The operation was aborted.', 'AbortError'))
      },
    })
    await expect(readBody(new Response(stream))).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('drops __proto__ keys at every depth so server data cannot reach a prototype', async () => {
    const body = await readBody(
      new Response('{"__proto__":{"polluted":1},"a":{"__proto__":{"polluted":2},"b":1}}'),
    )
    const json = body.json as Record<string, Record<string, unknown>>
    expect(Object.hasOwn(json, '__proto__')).toBe(false)
    expect(Object.hasOwn(json.a as object, '__proto__')).toBe(false)
    expect(json.a).toEqual({ b: 1 })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('decodes UTF-8, including a character split across chunks', async () => {
    const bytes = encoder.encode('{"name":"Zoë ✓"}')
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 11))
        controller.enqueue(bytes.slice(11))
        controller.close()
      },
    })
    expect((await readBody(new Response(stream))).json).toEqual({ name: 'Zoë ✓' })
  })
})
