/**
 * The demo backend of the stories: the reference server (`conflict-safe/server`) running inside MSW, with
 * its data in the browser, so every story works with no server. Each story gets a fresh server (its own
 * loader makes one), mounted at its own path (`/demo-api/<n>`), so stories never share data — not even two
 * stories rendered on one docs page. Every exchange goes to the backend's request log; faults (a dropped
 * connection, a lost response) can be injected for the next requests.
 */
import { http, HttpResponse } from 'msw'
import { DEFAULT_DRAFT_PREFIX } from '../../src/core/save/index'
import { createReferenceServer } from '../../src/server/index'
import type { ReferenceServer, ReferenceServerOptions } from '../../src/server/index'
import { RequestLog } from './request-log'

/** The path every demo backend is mounted under. */
export const DEMO_API_ROOT = '/demo-api'

/**
 * A fault for the next matching requests:
 * - `'network'`: the connection fails before the request reaches the server (nothing is processed);
 * - `'lost-response'`: the request reaches the server, which goes on processing it, but the connection
 *   drops at once and no response arrives (as when a proxy gives up on a slow write).
 */
export type DemoFault = 'network' | 'lost-response'

/** Which requests a fault applies to. */
export interface FaultOptions {
  /** How many requests fail. Default 1. */
  readonly count?: number
  /** Only requests with this method. Default: any write (POST, PUT, PATCH, DELETE). */
  readonly method?: string
}

/** Options of a demo backend: those of the reference server, minus where it is mounted. */
export type DemoBackendOptions = Omit<ReferenceServerOptions, 'basePath' | 'onExchange' | 'delayMs'> & {
  /** Simulated processing time in ms, fixed or per request. Default 0; `setDelay` changes it later. */
  readonly delayMs?: number | ((request: Request) => number)
}

/** One story's backend. */
export interface DemoBackend {
  /** Its number, unique in this page. */
  readonly id: number
  /** Its base URL (`/demo-api/<n>`), the root of every resource path. */
  readonly baseUrl: string
  /** The URL of a resource path: `url('/notes/1')` → `/demo-api/<n>/notes/1`. */
  url(path: string): string
  /** The reference server holding the data (`snapshot()`, `inspect()`, and `handle()` for direct writes). */
  readonly server: ReferenceServer
  /** Every exchange of this backend, with the browser. */
  readonly log: RequestLog
  /** Makes the next matching requests fail with `fault`. */
  failNext(fault: DemoFault, options?: FaultOptions): void
  /** Changes the simulated processing time (ms, fixed or per request). */
  setDelay(delayMs: number | ((request: Request) => number)): void
  /**
   * Writes to the server as another person would, from outside this page (not logged): `method` on `path`
   * (a record's path; for POST the collection's) with `body` as JSON, conditioned on the record's current
   * ETag. Returns the server's response.
   */
  writeAs(
    user: string,
    method: 'PUT' | 'PATCH' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<Response>
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const backends = new Map<number, DemoBackend>()
const takeFault = new WeakMap<DemoBackend, (request: Request) => DemoFault | undefined>()
let nextId = 1

interface PendingFault {
  readonly fault: DemoFault
  remaining: number
  readonly method: string | undefined
}

/** Creates a fresh backend and registers it with the MSW handler (older ones stay until 50 exist). */
export function createDemoBackend(options: DemoBackendOptions): DemoBackend {
  const id = nextId++
  const baseUrl = `${DEMO_API_ROOT}/${id}`
  const log = new RequestLog()
  const faults: PendingFault[] = []
  let delay: number | ((request: Request) => number) = options.delayMs ?? 0
  const { delayMs: _ignored, ...serverOptions } = options
  const server = createReferenceServer({
    ...serverOptions,
    basePath: baseUrl,
    delayMs: (request) => (typeof delay === 'function' ? delay(request) : delay),
  })
  const url = (path: string) => `${baseUrl}${path.startsWith('/') ? path : `/${path}`}`
  const backend: DemoBackend = {
    id,
    baseUrl,
    url,
    server,
    log,
    failNext(fault, faultOptions = {}) {
      faults.push({ fault, remaining: faultOptions.count ?? 1, method: faultOptions.method?.toUpperCase() })
    },
    setDelay(delayMs) {
      delay = delayMs
    },
    async writeAs(user, method, path, body) {
      const target = new URL(url(path), location.origin)
      const headers: Record<string, string> = { 'X-User': user }
      if (method !== 'POST') {
        const current = await server.handle(new Request(target))
        const etag = current.headers.get('ETag')
        if (etag !== null) headers['If-Match'] = etag
      }
      if (body !== undefined)
        headers['Content-Type'] = method === 'PATCH' ? 'application/merge-patch+json' : 'application/json'
      return server.handle(
        new Request(target, { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) }),
      )
    },
  }
  // Consumed by the handler, in order: the first pending fault that matches the request.
  takeFault.set(backend, (request: Request) => {
    const method = request.method.toUpperCase()
    const index = faults.findIndex((pending) =>
      pending.method === undefined ? WRITES.has(method) : pending.method === method,
    )
    if (index === -1) return undefined
    const pending = faults[index] as PendingFault
    pending.remaining -= 1
    if (pending.remaining <= 0) faults.splice(index, 1)
    return pending.fault
  })
  backends.set(id, backend)
  for (const old of backends.keys()) {
    if (backends.size <= 50) break
    backends.delete(old)
  }
  return backend
}

function optionalHeader(headers: Headers, name: string): string | undefined {
  return headers.get(name) ?? undefined
}

async function problemCode(response: Response): Promise<string | undefined> {
  if (!(response.headers.get('Content-Type') ?? '').includes('problem+json')) return undefined
  try {
    const body: unknown = await response.clone().json()
    const code = typeof body === 'object' && body !== null ? (body as { code?: unknown }).code : undefined
    return typeof code === 'string' ? code : undefined
  } catch {
    return undefined
  }
}

/** Answers one request for the backend its path names, logging the exchange. */
async function answer(request: Request): Promise<Response> {
  const url = new URL(request.url)
  const match = /^\/demo-api\/(\d+)(\/.*)?$/.exec(url.pathname)
  const backend = match !== null ? backends.get(Number(match[1])) : undefined
  if (backend === undefined) {
    return HttpResponse.json(
      { title: 'No demo backend here', detail: `${url.pathname} belongs to no live story.` },
      { status: 404, headers: { 'Content-Type': 'application/problem+json' } },
    )
  }
  const entry = {
    method: request.method.toUpperCase(),
    path: `${match?.[2] ?? '/'}${url.search}`,
    ...(optionalHeader(request.headers, 'X-User') !== undefined && {
      user: request.headers.get('X-User') as string,
    }),
    ...(optionalHeader(request.headers, 'If-Match') !== undefined && {
      ifMatch: request.headers.get('If-Match') as string,
    }),
    ...(optionalHeader(request.headers, 'Idempotency-Key') !== undefined && {
      idempotencyKey: request.headers.get('Idempotency-Key') as string,
    }),
  }
  const fault = takeFault.get(backend)?.(request)
  if (fault === 'network') {
    backend.log.add({ ...entry, status: 'network error', replayed: false })
    return HttpResponse.error()
  }
  if (fault === 'lost-response') {
    // The server goes on processing; the connection drops before its answer comes back.
    void backend.server.handle(request)
    backend.log.add({ ...entry, status: 'network error', replayed: false })
    return HttpResponse.error()
  }
  const response = await backend.server.handle(request)
  const etag = response.headers.get('ETag') ?? undefined
  const problem = await problemCode(response)
  backend.log.add({
    ...entry,
    status: response.status,
    ...(etag !== undefined && { etag }),
    ...(problem !== undefined && { problem }),
    replayed: response.headers.get('Idempotent-Replayed') === 'true',
  })
  return response
}

/** The MSW handler of every demo backend (`/demo-api/<n>/…`). */
export const demoBackendHandler = http.all(`${DEMO_API_ROOT}/*`, ({ request }) => answer(request))

/**
 * A story loader that gives each render a fresh demo backend. Put it in a story file's meta together with
 * the MSW handler, both written out (Storybook's Vitest transform keeps only a literal `parameters`):
 *
 *   loaders: [demoBackendLoader({ resources, seed })],
 *   parameters: { msw: { handlers: [demoBackendHandler] } },
 *
 * then read the backend with `demoBackendOf(context)` in `render` and `play`.
 */
export function demoBackendLoader(options: DemoBackendOptions | (() => DemoBackendOptions)) {
  return async (): Promise<{ demoBackend: DemoBackend }> => {
    clearStoredDrafts()
    return { demoBackend: createDemoBackend(typeof options === 'function' ? options() : options) }
  }
}

/** The backend `demoBackendLoader` made for this render. Throws when the story has none. */
export function demoBackendOf(context: { readonly loaded: Record<string, unknown> }): DemoBackend {
  const backend = context.loaded['demoBackend']
  if (backend === undefined)
    throw new Error('This story has no demo backend: add demoBackendLoader(...) to its loaders.')
  return backend as DemoBackend
}

/**
 * Forgets drafts a previous story left in sessionStorage (the library keeps unsaved drafts there across
 * reloads), so every story starts clean. Only keys of the library's draft store are removed.
 */
export function clearStoredDrafts(): void {
  if (typeof sessionStorage === 'undefined') return
  for (let index = sessionStorage.length - 1; index >= 0; index--) {
    const key = sessionStorage.key(index)
    if (key !== null && key.startsWith(DEFAULT_DRAFT_PREFIX)) sessionStorage.removeItem(key)
  }
}
