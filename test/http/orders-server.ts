/**
 * A small conditional-write HTTP API for the real-HTTP tests, served by `startServer`:
 *
 * - `/orders/:id`: GET sends the order with an `ETag`; PUT and DELETE demand `If-Match` (428 without it) and answer
 *   412 with problem+json (the current order, its ETag and who changed it) when it does not match. With
 *   `weakETags`, ETags are weak (`W/"3"`) and If-Match is compared literally, as some servers do.
 * - `POST /orders`: needs an `Idempotency-Key`; replays a finished key, answers 409 `idempotency-key-in-use` for a
 *   running one and 409 `already-exists` for a taken name. `?slow` makes the create take 150 ms.
 * - `DELETE /orders/:id` of an order with `invoices > 0`: 409 `referenced`.
 * - `/notes/:id`: the version travels in the body; a mismatch is 409 `version-mismatch` with the current note.
 * - `/bad/*`: broken responses (HTML, huge, cut off, broken ETag).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { parseETagList, strongCompare, parseETag } from '../../src/core/http/index'
import { readRequestText, type LoopbackHandler } from '../support/loopback'

export interface Order {
  id: string
  name: string
  invoices: number
}

export interface Note {
  id: string
  text: string
  version: number
}

interface Stored<T> {
  data: T
  version: number
  modifiedBy?: string
}

interface Replay {
  status: number
  body: string
  headers: Record<string, string>
}

/** What the test can see of the server. */
export interface OrdersServer {
  handler: LoopbackHandler
  orders: Map<string, Stored<Order>>
  notes: Map<string, Note>
  /** Every request: method, path and the headers that matter here. */
  requests: Array<{ method: string; path: string; ifMatch?: string; idempotencyKey?: string; body: string }>
  /** How many orders POST actually created (replays excluded). */
  created: () => number
  /** Bytes the huge-body endpoint wrote before the client hung up, and how many it had to offer. */
  huge: { written: number; offered: number; closedEarly: boolean }
}

const PROBLEM = 'https://orders.example/problems/'

export function ordersServer(options: { weakETags?: boolean } = {}): OrdersServer {
  const orders = new Map<string, Stored<Order>>()
  const notes = new Map<string, Note>()
  const requests: OrdersServer['requests'] = []
  const keys = new Map<string, Replay | 'running'>()
  const huge = { written: 0, offered: 64 * 1024 * 1024, closedEarly: false }
  let nextId = 1
  let created = 0
  let requestCount = 0

  const etagOf = (stored: Stored<unknown>) =>
    options.weakETags ? `W/"${stored.version}"` : `"${stored.version}"`

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    const text = body === undefined ? '' : JSON.stringify(body)
    res.writeHead(status, {
      ...(body !== undefined && {
        'content-type': status >= 400 ? 'application/problem+json' : 'application/json',
      }),
      ...headers,
    })
    res.end(text)
  }

  function ifMatchSatisfied(header: string, stored: Stored<unknown>): boolean {
    if (options.weakETags) return header === etagOf(stored)
    const list = parseETagList(header)
    return list === '*' || list.some((tag) => strongCompare(tag, parseETag(etagOf(stored))))
  }

  /** Check If-Match; answers 428/412/400 itself and returns false when the write must not go ahead. */
  function checkPrecondition(req: IncomingMessage, res: ServerResponse, stored: Stored<Order>): boolean {
    const header = req.headers['if-match']
    if (header === undefined) {
      send(res, 428, {
        type: `${PROBLEM}precondition-required`,
        title: 'Precondition Required',
        status: 428,
        detail: 'Send If-Match with the ETag of the order you loaded.',
      })
      return false
    }
    let ok: boolean
    try {
      ok = ifMatchSatisfied(header, stored)
    } catch {
      send(res, 400, { title: 'Bad Request', status: 400, detail: 'If-Match is not a list of entity tags.' })
      return false
    }
    if (!ok) {
      send(res, 412, {
        type: `${PROBLEM}stale`,
        title: 'Precondition Failed',
        status: 412,
        detail: `Order ${stored.data.id} was changed since you loaded it.`,
        current: stored.data,
        etag: etagOf(stored),
        ...(stored.modifiedBy !== undefined && { modifiedBy: stored.modifiedBy }),
      })
      return false
    }
    return true
  }

  const handler: LoopbackHandler = async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const body = await readRequestText(req)
    const method = req.method ?? 'GET'
    const ifMatch = req.headers['if-match']
    const idempotencyKey = req.headers['idempotency-key']
    requests.push({
      method,
      path: url.pathname,
      body,
      ...(typeof ifMatch === 'string' && { ifMatch }),
      ...(typeof idempotencyKey === 'string' && { idempotencyKey }),
    })
    requestCount += 1
    res.setHeader('x-request-id', `req-${requestCount}`)
    const [, collection, id] = url.pathname.split('/')

    if (collection === 'bad') return badResponse(id ?? '', res)

    if (collection === 'notes' && id !== undefined) {
      const note = notes.get(id)
      if (note === undefined) return send(res, 404, { title: 'Not Found', status: 404 })
      if (method === 'GET') return send(res, 200, note)
      const next = JSON.parse(body) as Note
      if (next.version !== note.version) {
        return send(res, 409, {
          type: `${PROBLEM}version-mismatch`,
          title: 'Version mismatch',
          status: 409,
          current: note,
        })
      }
      const saved: Note = { ...next, id, version: note.version + 1 }
      notes.set(id, saved)
      return send(res, 200, saved)
    }

    if (collection !== 'orders') return send(res, 404, { title: 'Not Found', status: 404 })

    if (method === 'POST' && id === undefined) {
      if (typeof idempotencyKey !== 'string') {
        return send(res, 400, { title: 'Bad Request', status: 400, detail: 'Idempotency-Key is required.' })
      }
      const previous = keys.get(idempotencyKey)
      if (previous === 'running') {
        return send(
          res,
          409,
          { type: `${PROBLEM}idempotency-key-in-use`, title: 'In progress', status: 409 },
          { 'retry-after': '1' },
        )
      }
      if (previous !== undefined) {
        res.writeHead(previous.status, previous.headers)
        return void res.end(previous.body)
      }
      const input = JSON.parse(body) as Omit<Order, 'id'>
      const taken = [...orders.values()].find((stored) => stored.data.name === input.name)
      if (taken !== undefined) {
        return send(res, 409, {
          type: `${PROBLEM}already-exists`,
          title: 'Already exists',
          status: 409,
          detail: `An order named '${input.name}' already exists.`,
          field: 'name',
          value: input.name,
          existing: `/orders/${taken.data.id}`,
        })
      }
      keys.set(idempotencyKey, 'running')
      if (url.searchParams.has('slow')) await new Promise((resolve) => setTimeout(resolve, 150))
      const order: Order = { ...input, id: String(nextId++) }
      const stored: Stored<Order> = { data: order, version: 1 }
      orders.set(order.id, stored)
      created += 1
      const replay: Replay = {
        status: 201,
        body: JSON.stringify(order),
        headers: {
          'content-type': 'application/json',
          etag: etagOf(stored),
          location: `/orders/${order.id}`,
        },
      }
      keys.set(idempotencyKey, replay)
      res.writeHead(replay.status, replay.headers)
      return void res.end(replay.body)
    }

    const stored = id === undefined ? undefined : orders.get(id)
    if (stored === undefined) return send(res, 404, { title: 'Not Found', status: 404 })
    if (method === 'GET') return send(res, 200, stored.data, { etag: etagOf(stored) })

    if (method === 'PUT') {
      if (!checkPrecondition(req, res, stored)) return
      const next = JSON.parse(body) as Order
      if (typeof next.name !== 'string' || next.name === '') {
        return send(res, 422, { title: 'Invalid order', status: 422, detail: 'name is required.' })
      }
      stored.data = { ...next, id: stored.data.id }
      stored.version += 1
      const user = req.headers['x-user']
      if (typeof user === 'string') stored.modifiedBy = user
      else delete stored.modifiedBy
      return send(res, 200, stored.data, { etag: etagOf(stored) })
    }

    if (method === 'DELETE') {
      if (!checkPrecondition(req, res, stored)) return
      if (stored.data.invoices > 0) {
        return send(res, 409, {
          type: `${PROBLEM}referenced`,
          title: 'Still referenced',
          status: 409,
          detail: `Order ${stored.data.id} is referenced by ${stored.data.invoices} invoices.`,
        })
      }
      orders.delete(stored.data.id)
      return send(res, 204, undefined)
    }
    return send(res, 405, { title: 'Method Not Allowed', status: 405 })
  }

  function badResponse(kind: string, res: ServerResponse): void {
    switch (kind) {
      case 'html':
        res.writeHead(200, { 'content-type': 'text/html' })
        return void res.end('<html><body><p>Saved!</p></body></html>')
      case 'etag':
        res.writeHead(200, { 'content-type': 'application/json', etag: 'abc"' })
        return void res.end('{"id":"1"}')
      case 'empty-conflict':
        res.writeHead(409)
        return void res.end()
      case 'html-conflict':
        res.writeHead(409, { 'content-type': 'text/html' })
        return void res.end('<h1>409 Conflict</h1>')
      case 'cut': {
        // Promise 1000 bytes, send a few, then drop the connection.
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' })
        res.write('{"id":"1","na')
        setTimeout(() => res.destroy(), 20)
        return
      }
      case 'huge-conflict': {
        res.writeHead(409, { 'content-type': 'application/problem+json' })
        const chunk = Buffer.alloc(64 * 1024, 'x')
        res.write('{"current":{"blob":"')
        res.on('close', () => {
          if (huge.written < huge.offered) huge.closedEarly = true
        })
        const pump = () => {
          while (huge.written < huge.offered && !res.destroyed) {
            huge.written += chunk.length
            if (!res.write(chunk)) return void res.once('drain', pump)
          }
          if (!res.destroyed) res.end('"}}')
        }
        return pump()
      }
      default:
        res.writeHead(404)
        return void res.end()
    }
  }

  return { handler, orders, notes, requests, created: () => created, huge }
}
