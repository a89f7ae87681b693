/**
 * A real loopback HTTP server around the reference server, with hooks to misbehave on purpose: drop the
 * connection, answer a status, strip a conflict body, or rewrite any response. Every request is logged.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createReferenceServer } from '../../src/server/reference-server'
import type { ReferenceServerOptions } from '../../src/server/types'
import { startServer } from '../support/loopback'
import { toFetchRequest, writeFetchResponse } from '../support/node-adapter'

export interface LoggedRequest {
  readonly method: string
  readonly path: string
  readonly ifMatch: string | undefined
  readonly ifNoneMatch: string | undefined
  readonly idempotencyKey: string | undefined
  readonly body: unknown
  status?: number
}

/** What to do with one request before (or instead of) the reference server answering it. */
export type Interceptor = (
  request: Request,
  log: LoggedRequest,
  answer: () => Promise<Response>,
) => Promise<Response | 'drop'> | Response | 'drop'

export async function startTodoServer(options: Partial<ReferenceServerOptions> = {}) {
  const reference = createReferenceServer({
    resources: { todos: {} },
    seed: { todos: [{ id: '1', title: 'Buy milk', notes: 'two litres', done: false }] },
    ...options,
  })
  const log: LoggedRequest[] = []
  const interceptors: Interceptor[] = []
  let origin = ''
  const server = await startServer(async (message: IncomingMessage, response: ServerResponse) => {
    const request = toFetchRequest(message, origin)
    const text = request.method === 'GET' ? '' : await request.clone().text()
    const entry: LoggedRequest = {
      method: request.method,
      path: new URL(request.url).pathname,
      ifMatch: request.headers.get('if-match') ?? undefined,
      ifNoneMatch: request.headers.get('if-none-match') ?? undefined,
      idempotencyKey: request.headers.get('idempotency-key') ?? undefined,
      body: text ? JSON.parse(text) : undefined,
    }
    log.push(entry)
    const interceptor = interceptors.shift()
    // The reference server itself says who wrote a record last and when (X-Modified-By, Last-Modified).
    const answer = () => reference.handle(request)
    const result = interceptor ? await interceptor(request, entry, answer) : await answer()
    if (result === 'drop') {
      message.socket.destroy()
      return
    }
    entry.status = result.status
    await writeFetchResponse(result, response)
  })
  origin = server.url
  return {
    url: server.url,
    reference,
    log,
    /** Misbehave on the next request(s), in order. */
    intercept: (...next: Interceptor[]) => interceptors.push(...next),
    /** Requests by method. */
    count: (method: string) => log.filter((entry) => entry.method === method).length,
    /** Change a record as someone else would. */
    async changeElsewhere(id: string, change: Record<string, unknown>, user = 'ana') {
      const current = reference.inspect('todos', id)!
      const answer = await reference.handle(
        new Request(`${server.url}/todos/${id}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', 'If-Match': current.etag, 'X-User': user },
          body: JSON.stringify({ ...current.data, ...change }),
        }),
      )
      if (!answer.ok) throw new Error(`change elsewhere failed with ${answer.status}`)
      return answer.headers.get('etag')!
    },
    close: () => server.close(),
  }
}

/** An interceptor that answers with the reference server but removes the body of a 409/412 (no theirs). */
export const stripConflictBody: Interceptor = async (_request, _log, answer) => {
  const response = await answer()
  if (response.status !== 409 && response.status !== 412) return response
  return new Response(null, {
    status: response.status,
    headers: { 'x-request-id': response.headers.get('x-request-id') ?? '' },
  })
}
