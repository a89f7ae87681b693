/**
 * A real HTTP server on the loopback interface for tests: `startServer(handler)` listens on 127.0.0.1 with a
 * port chosen by the system and returns its base URL and a `close()` that ends every open connection.
 *
 * ```ts
 * const server = await startServer((req, res) => res.end('hi'))
 * await fetch(`${server.url}/anything`)
 * await server.close()
 * ```
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** Handles one request; a thrown error or rejection answers 500 with its message. */
export type LoopbackHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>

/** A running loopback server. */
export interface LoopbackServer {
  /** The base URL, `http://127.0.0.1:<port>` (no trailing slash). */
  readonly url: string
  /** Stop listening and end every open connection. */
  close(): Promise<void>
}

/** Start an HTTP server on 127.0.0.1 with a free port. */
export async function startServer(handler: LoopbackHandler): Promise<LoopbackServer> {
  const server = createServer((request, response) => {
    Promise.resolve()
      .then(() => handler(request, response))
      .catch((error: unknown) => {
        if (response.headersSent) {
          response.destroy()
          return
        }
        response.writeHead(500, { 'content-type': 'text/plain' })
        response.end(error instanceof Error ? error.message : String(error))
      })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}

/** Read a request's whole body as text. */
export async function readRequestText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}
