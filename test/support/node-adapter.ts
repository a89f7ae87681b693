/**
 * Serves a Fetch handler (`Request` → `Response`) on a real loopback `node:http` port. Test code only:
 * the package's server stays free of Node APIs; this is the glue a Node user would write.
 */
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { Readable } from 'node:stream'

/** A Fetch-style request handler. */
export type FetchHandler = (request: Request) => Promise<Response> | Response

/** A running loopback server. */
export interface NodeFetchServer {
  /** The origin, `http://127.0.0.1:<port>`. */
  readonly url: string
  /** The port. */
  readonly port: number
  /** The underlying node:http server. */
  readonly server: Server
  /** Stops listening and closes every open connection. */
  close(): Promise<void>
}

/** Converts a Node request to a Fetch `Request` (the body is streamed, not buffered). */
export function toFetchRequest(message: IncomingMessage, origin: string): Request {
  const headers = new Headers()
  const raw = message.rawHeaders
  for (let index = 0; index + 1 < raw.length; index += 2)
    headers.append(raw[index] as string, raw[index + 1] as string)
  const method = (message.method ?? 'GET').toUpperCase()
  const hasBody = method !== 'GET' && method !== 'HEAD'
  const init: RequestInit & { duplex?: 'half' } = { method, headers }
  if (hasBody) {
    init.body = Readable.toWeb(message) as unknown as ReadableStream<Uint8Array>
    init.duplex = 'half'
  }
  return new Request(new URL(message.url ?? '/', origin), init)
}

/** Writes a Fetch `Response` to a Node response, streaming its body. */
export async function writeFetchResponse(response: Response, target: ServerResponse): Promise<void> {
  const headers: string[] = []
  response.headers.forEach((value, name) => headers.push(name, value))
  target.writeHead(response.status, headers)
  if (response.body === null) {
    target.end()
    return
  }
  const reader = response.body.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (!target.write(value)) await new Promise<void>((resolve) => target.once('drain', resolve))
    }
  } finally {
    target.end()
  }
}

/** Starts `handler` on 127.0.0.1 (port 0 by default: any free port). */
export async function serveFetch(
  handler: FetchHandler,
  options: { port?: number } = {},
): Promise<NodeFetchServer> {
  const sockets = new Set<Socket>()
  let origin = ''
  const server = createServer((message, target) => {
    void (async () => {
      try {
        const response = await handler(toFetchRequest(message, origin))
        await writeFetchResponse(response, target)
      } catch (error) {
        if (!target.headersSent) {
          target.writeHead(500, { 'content-type': 'text/plain' })
          target.end(`adapter failure: ${error instanceof Error ? error.message : String(error)}`)
        } else {
          target.destroy()
        }
      }
    })()
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  origin = `http://127.0.0.1:${port}`
  return {
    url: origin,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
