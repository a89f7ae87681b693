/** Small helpers for driving a reference server through `handle()` in tests. */
import type { ReferenceServer } from '../../src/server/index'

/** What a test sends. */
export interface Send {
  readonly body?: unknown
  readonly headers?: Record<string, string>
}

/** A response with its body read. */
export interface Received {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  readonly json: any // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Reads a response's body as text and, when it parses, JSON. */
export async function receive(response: Response): Promise<Received> {
  const text = await response.text()
  let json: unknown
  try {
    json = text === '' ? undefined : JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: response.status, headers: response.headers, text, json }
}

/** Builds a request to `http://test.local<path>` with a JSON body. */
export function request(
  method: string,
  path: string,
  send: Send = {},
  origin = 'http://test.local',
): Request {
  const headers = new Headers(send.headers)
  const init: RequestInit = { method, headers }
  if (send.body !== undefined) {
    init.body = typeof send.body === 'string' ? send.body : JSON.stringify(send.body)
    if (!headers.has('content-type')) headers.set('content-type', 'application/json')
  }
  return new Request(`${origin}${path}`, init)
}

/** Sends one request through `server.handle()` and reads the answer. */
export async function call(
  server: ReferenceServer,
  method: string,
  path: string,
  send: Send = {},
): Promise<Received> {
  return receive(await server.handle(request(method, path, send)))
}
