/**
 * A loopback static file server (node:http, 127.0.0.1, a free port) for the built demo app. GET and HEAD
 * only; paths cannot leave the served directory.
 */
import { createServer } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'

/** A running static server. */
export interface StaticServer {
  /** The origin, `http://127.0.0.1:<port>`. */
  readonly url: string
  /** Stops listening and closes every connection. */
  close(): Promise<void>
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
}

/** Serves `dir` on 127.0.0.1 (`/` is `index.html`). */
export async function serveStatic(dir: string): Promise<StaticServer> {
  const root = normalize(dir + sep)
  const sockets = new Set<Socket>()
  const server = createServer((request, response) => {
    void (async () => {
      const method = request.method ?? 'GET'
      if (method !== 'GET' && method !== 'HEAD') {
        response.writeHead(405, { Allow: 'GET, HEAD' }).end()
        return
      }
      const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname)
      const file = normalize(join(root, pathname.endsWith('/') ? `${pathname}index.html` : pathname))
      if (!file.startsWith(root)) {
        response.writeHead(403).end()
        return
      }
      try {
        const body = await readFile(file)
        response.writeHead(200, {
          'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
          'Content-Length': body.length,
          'Cache-Control': 'no-store',
        })
        response.end(method === 'HEAD' ? undefined : body)
      } catch {
        response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found')
      }
    })()
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
