/**
 * A loopback HTTP proxy that injects faults between a client and a real server, for soak tests:
 * dropped connections, 500s, slow responses and truncated bodies, each at a configurable rate, with a
 * bounded count per kind and a bounded total time. Decisions come from a seeded generator, so a run
 * can be repeated. Drops and 500s happen either before the request reaches the server (nothing applied)
 * or after it answered (applied, but the client never learns it): the two cases a client must survive.
 */
import { Agent, createServer, request as httpRequest } from 'node:http'
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { seededRandom as seeded } from './random'

/** The faults the proxy can inject. */
export type FaultKind = 'drop-before' | 'drop-after' | 'error-before' | 'error-after' | 'slow' | 'truncate'

/** Probability per request (0..1) of each fault family. */
export interface FaultRates {
  /** Close the connection without an answer (half before forwarding, half after). Default 0. */
  readonly drop?: number
  /** Answer 500 (half before forwarding, half after). Default 0. */
  readonly error?: number
  /** Hold the answer back for `slowMs`. Default 0. */
  readonly slow?: number
  /** Send the headers and part of the body, then close. Only for answers with a body of 2+ bytes. Default 0. */
  readonly truncate?: number
}

/** Options of `startFaultProxy`. */
export interface FaultProxyOptions {
  /** The upstream origin (`http://127.0.0.1:1234`). Required. */
  readonly target: string
  /** Fault rates. Default: no faults. */
  readonly rates?: FaultRates
  /** The most faults injected of each kind. Default 25. */
  readonly maxPerKind?: number
  /** Faults are injected only during this long after start (ms). Default: forever. */
  readonly activeForMs?: number
  /** The delay of a slow answer, in ms: `[min, max]`. Default `[20, 120]`. */
  readonly slowMs?: readonly [number, number]
  /** Seed of the fault decisions. Default 1. */
  readonly seed?: number
  /** Called for every upstream answer before any fault is applied (ground truth of what the server did). */
  readonly onUpstream?: (record: UpstreamRecord) => void
}

/** What the upstream server answered to one request. */
export interface UpstreamRecord {
  readonly method: string
  readonly path: string
  readonly requestHeaders: Readonly<Record<string, string>>
  readonly requestBody: string
  readonly status: number
  readonly responseHeaders: Readonly<Record<string, string>>
  readonly responseBody: string
}

/** Counts of one proxy's life. */
export interface FaultStats {
  /** Requests received from clients. */
  readonly requests: number
  /** Requests forwarded to the server. */
  readonly forwarded: number
  /** Upstream statuses, by code. */
  readonly upstreamStatuses: Readonly<Record<number, number>>
  /** Faults injected, by kind. */
  readonly faults: Readonly<Record<FaultKind, number>>
}

/** A running fault proxy. */
export interface FaultProxy {
  /** The proxy's origin; send requests here instead of to the target. */
  readonly url: string
  /** The counts so far. */
  stats(): FaultStats
  /** Stops injecting faults (requests still pass through). */
  disable(): void
  /** Stops the proxy and closes every connection. */
  close(): Promise<void>
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'proxy-connection',
  'te',
  'trailer',
])

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    stream.on('data', (chunk: Buffer) => chunks.push(chunk))
    stream.on('end', () => resolve(Buffer.concat(chunks)))
    stream.on('error', reject)
  })
}

function headerRecord(message: IncomingMessage): Record<string, string> {
  const record: Record<string, string> = {}
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) record[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return record
}

/** Starts a fault proxy on 127.0.0.1 and a free port. */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target)
  if (target.hostname !== '127.0.0.1' && target.hostname !== 'localhost') {
    throw new Error(`fault proxy: the target must be a loopback address, not ${target.hostname}`)
  }
  const rates = options.rates ?? {}
  const maxPerKind = options.maxPerKind ?? 25
  const [slowMin, slowMax] = options.slowMs ?? [20, 120]
  const random = seeded(options.seed ?? 1)
  const startedAt = Date.now()
  const agent = new Agent({ keepAlive: true, maxSockets: 64 })
  const sockets = new Set<Socket>()
  const faults: Record<FaultKind, number> = {
    'drop-before': 0,
    'drop-after': 0,
    'error-before': 0,
    'error-after': 0,
    slow: 0,
    truncate: 0,
  }
  const upstreamStatuses: Record<number, number> = {}
  let requests = 0
  let forwarded = 0
  let enabled = true

  /** Decides one request's fault (at most one), within the bounds. */
  function decide(): FaultKind | undefined {
    if (!enabled) return undefined
    if (options.activeForMs !== undefined && Date.now() - startedAt > options.activeForMs) return undefined
    const roll = random()
    const half = random() < 0.5
    const families: [number | undefined, FaultKind][] = [
      [rates.drop, half ? 'drop-before' : 'drop-after'],
      [rates.error, half ? 'error-before' : 'error-after'],
      [rates.slow, 'slow'],
      [rates.truncate, 'truncate'],
    ]
    let threshold = 0
    for (const [rate, kind] of families) {
      threshold += rate ?? 0
      if (roll < threshold) return faults[kind] < maxPerKind ? kind : undefined
    }
    return undefined
  }

  function forward(
    message: IncomingMessage,
    body: Buffer,
  ): Promise<{ status: number; headers: OutgoingHttpHeaders; raw: Record<string, string>; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const headers: OutgoingHttpHeaders = {}
      for (const [name, value] of Object.entries(message.headers)) {
        if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value
      }
      headers['host'] = target.host
      headers['content-length'] = String(body.length)
      const upstream = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: message.method,
          path: message.url,
          headers,
          agent,
        },
        (response) => {
          readAll(response).then((responseBody) => {
            const out: OutgoingHttpHeaders = {}
            for (const [name, value] of Object.entries(response.headers)) {
              if (!HOP_BY_HOP.has(name) && value !== undefined) out[name] = value
            }
            out['content-length'] = String(responseBody.length)
            resolve({
              status: response.statusCode ?? 502,
              headers: out,
              raw: headerRecord(response),
              body: responseBody,
            })
          }, reject)
        },
      )
      upstream.on('error', reject)
      upstream.end(body)
    })
  }

  function answer500(response: ServerResponse): void {
    const body = JSON.stringify({ title: 'Injected fault', status: 500 })
    response.writeHead(500, {
      'content-type': 'application/problem+json',
      'content-length': String(Buffer.byteLength(body)),
    })
    response.end(body)
  }

  async function handle(message: IncomingMessage, response: ServerResponse): Promise<void> {
    requests += 1
    const body = await readAll(message)
    let fault = decide()
    if (fault !== undefined) faults[fault] += 1
    if (fault === 'drop-before') {
      message.socket.destroy()
      return
    }
    if (fault === 'error-before') {
      answer500(response)
      return
    }
    forwarded += 1
    const upstream = await forward(message, body)
    upstreamStatuses[upstream.status] = (upstreamStatuses[upstream.status] ?? 0) + 1
    options.onUpstream?.({
      method: message.method ?? 'GET',
      path: message.url ?? '/',
      requestHeaders: headerRecord(message),
      requestBody: body.toString('utf8'),
      status: upstream.status,
      responseHeaders: upstream.raw,
      responseBody: upstream.body.toString('utf8'),
    })
    if (fault === 'truncate' && upstream.body.length < 2) {
      faults.truncate -= 1
      fault = undefined
    }
    switch (fault) {
      case 'drop-after':
        message.socket.destroy()
        return
      case 'error-after':
        answer500(response)
        return
      case 'slow':
        await new Promise((resolve) => setTimeout(resolve, slowMin + random() * (slowMax - slowMin)))
        break
      case 'truncate':
        response.writeHead(upstream.status, upstream.headers)
        response.write(upstream.body.subarray(0, Math.floor(upstream.body.length / 2)))
        await new Promise((resolve) => setTimeout(resolve, 5))
        message.socket.destroy()
        return
      default:
        break
    }
    response.writeHead(upstream.status, upstream.headers)
    response.end(upstream.body)
  }

  const server = createServer((message, response) => {
    handle(message, response).catch((error: unknown) => {
      if (!response.headersSent) {
        response.writeHead(502, { 'content-type': 'text/plain' })
        response.end(
          `fault proxy: upstream failed: ${error instanceof Error ? error.message : String(error)}`,
        )
      } else {
        message.socket.destroy()
      }
    })
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
    stats: () => ({ requests, forwarded, upstreamStatuses: { ...upstreamStatuses }, faults: { ...faults } }),
    disable() {
      enabled = false
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        agent.destroy()
        server.close(() => resolve())
      }),
  }
}
