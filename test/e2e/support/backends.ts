/**
 * The two servers the end-to-end tests run the demo app against, behind one interface:
 * - `reference`: the reference server (`conflict-safe/server`) on a real loopback node:http port, with CORS
 *   on; the app is served by a separate loopback static server (a cross-origin API, as in most deployments);
 * - `webdav`: lighttpd with mod_webdav, a real third-party server: the record is a JSON file, its version is
 *   lighttpd's ETag, writes are PUT with If-Match, a stale one is a bare 412. The app is served from
 *   lighttpd's own document root (same origin).
 */
import { createReferenceServer } from '../../../src/server/index'
import type { JsonObject, ReferenceServer } from '../../../src/server/index'
import { startLighttpd } from '../../support/lighttpd'
import { serveFetch } from '../../support/node-adapter'
import type { BuiltDemoApp } from './build-demo-app'
import { serveStatic } from './static-server'

/** Which protocol shape the demo app talks to (its `backend` query parameter). */
export type BackendKind = 'reference' | 'webdav'

/** A running server with the demo app. */
export interface E2EBackend {
  readonly kind: BackendKind
  /** Every API URL starts with this (for the browser's exchange records). */
  readonly apiPrefix: string
  /** The demo app's URL for `user` editing record `id`. */
  appUrl(id: string, user: string): string
  /** The record's URL on the server. */
  recordUrl(id: string): string
  /** Stores a record before a test (created through the server's own HTTP API). */
  seed(id: string, data: JsonObject): Promise<void>
  /** Reads the record by GET, as the server has it now. */
  read(id: string): Promise<{ readonly data: unknown; readonly etag: string | null }>
  /** Stops the servers. */
  stop(): Promise<void>
  /** The same, for a resource whose version is a `version` field in the body (stale → 409), when the server has one. */
  readonly bodyVersion?: Pick<E2EBackend, 'appUrl' | 'seed' | 'read'>
}

function appQuery(
  api: string,
  id: string,
  user: string,
  kind: BackendKind,
  version: 'etag' | 'body' = 'etag',
): string {
  return new URLSearchParams({ api, id, user, backend: kind, version }).toString()
}

/** Creates a record through the reference server's HTTP API (POST with the id in the body). */
async function postRecord(collection: string, id: string, data: JsonObject): Promise<void> {
  const response = await fetch(collection, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...data, id }),
  })
  if (response.status !== 201)
    throw new Error(`seeding ${id} answered ${response.status}: ${await response.text()}`)
}

async function readJson(url: string): Promise<{ data: unknown; etag: string | null }> {
  const response = await fetch(url, { headers: { Accept: 'application/json' } })
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`)
  return { data: await response.json(), etag: response.headers.get('ETag') }
}

/** The reference server on a loopback port (CORS on), and the app on another. */
export async function startReferenceBackend(
  app: BuiltDemoApp,
): Promise<E2EBackend & { readonly server: ReferenceServer }> {
  const server = createReferenceServer({
    resources: { notes: {}, memos: { versioning: 'body' } },
    basePath: '/api',
    cors: true,
  })
  const api = await serveFetch((request) => server.handle(request))
  const site = await serveStatic(app.dir)
  const collection = `${api.url}/api/notes`
  const memos = `${api.url}/api/memos`
  return {
    kind: 'reference',
    server,
    apiPrefix: `${api.url}/api/`,
    appUrl: (id, user) => `${site.url}/index.html?${appQuery(collection, id, user, 'reference')}`,
    recordUrl: (id) => `${collection}/${encodeURIComponent(id)}`,
    seed: (id, data) => postRecord(collection, id, data),
    read: (id) => readJson(`${collection}/${encodeURIComponent(id)}`),
    bodyVersion: {
      appUrl: (id, user) => `${site.url}/index.html?${appQuery(memos, id, user, 'reference', 'body')}`,
      seed: (id, data) => postRecord(memos, id, data),
      read: (id) => readJson(`${memos}/${encodeURIComponent(id)}`),
    },
    async stop() {
      await site.close()
      await api.close()
    },
  }
}

/** lighttpd + mod_webdav serving both the app (`/app/`) and the records (`/data/<id>.json`). */
export async function startWebdavBackend(app: BuiltDemoApp): Promise<E2EBackend> {
  const files: Record<string, string> = { 'data/README.txt': 'One JSON file per record.\n' }
  for (const [path, text] of Object.entries(app.files)) files[`app/${path}`] = text
  const lighttpd = await startLighttpd({ files })
  const collection = `${lighttpd.url}/data`
  const recordUrl = (id: string) => `${collection}/${encodeURIComponent(id)}.json`
  return {
    kind: 'webdav',
    apiPrefix: `${collection}/`,
    appUrl: (id, user) => `${lighttpd.url}/app/index.html?${appQuery(collection, id, user, 'webdav')}`,
    recordUrl,
    async seed(id, data) {
      // If-None-Match: * — create only; lighttpd answers 201 for a new file.
      const response = await fetch(recordUrl(id), {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', 'If-None-Match': '*' },
        body: JSON.stringify(data),
      })
      if (response.status !== 201) throw new Error(`seeding ${id} answered ${response.status}`)
    },
    read: (id) => readJson(recordUrl(id)),
    stop: () => lighttpd.stop(),
  }
}
