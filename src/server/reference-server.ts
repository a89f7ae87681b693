/**
 * `createReferenceServer`: a REST server for JSON records that speaks the conflict-safe protocol,
 * written against the Fetch API only (`Request` → `Promise<Response>`), so the same code runs in Node,
 * Deno, Bun, edge runtimes, Next.js route handlers and inside MSW.
 *
 * Routes (under `basePath`): `GET|HEAD|POST /<resource>`, `GET|HEAD|PUT|PATCH|DELETE /<resource>/<id>`,
 * `OPTIONS` everywhere. PATCH bodies are JSON Merge Patches (RFC 7396).
 */
import { contentETag, hash64 } from './content-hash.js'
import { IdempotencyStore } from './idempotency-store.js'
import { getPath, isJsonObject, setPath } from './json-path.js'
import type { JsonObject } from './json-path.js'
import { applyMergePatch } from './merge-patch.js'
import { evaluateIfMatch, evaluateIfNoneMatch } from './preconditions.js'
import type { ConditionResult } from './preconditions.js'
import { readRequestBody } from './read-request-body.js'
import type { RequestBody } from './read-request-body.js'
import { RecordStore } from './record-store.js'
import { emptyReply, jsonReply, problemReply, toResponse } from './reply.js'
import type { Reply } from './reply.js'
import type {
  Exchange,
  ReferenceServer,
  ReferenceServerOptions,
  ResourceOptions,
  StoredRecord,
  Versioning,
  WriteInput,
} from './types.js'
import { checkDelete, checkWrite } from './write-rules.js'
import type { RuleScope } from './write-rules.js'

/** A resource's options with defaults applied. */
interface Resource {
  readonly name: string
  readonly versioning: Versioning
  readonly versionField: string
  readonly requirePrecondition: boolean
  readonly idField: string
  readonly options: ResourceOptions
}

/** A reply and whether it replays an earlier one. */
interface Routed {
  readonly reply: Reply
  readonly replayed: boolean
}

type HeaderList = readonly (readonly [string, string])[]

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024
const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const REQUEST_ID = /^[\w.:@-]{1,128}$/
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/
const NO_CACHE: HeaderList = [['Cache-Control', 'no-cache']]

/** A header value safe to send (visible ASCII, Latin-1 and spaces; no control characters). */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/

/** `Last-Modified` (an HTTP date) and who wrote the record, when known. */
function modifiedHeadersOf(record: StoredRecord, byHeader: string | undefined): HeaderList {
  const headers: [string, string][] = []
  const time = Date.parse(record.at)
  if (!Number.isNaN(time)) headers.push(['Last-Modified', new Date(time).toUTCString()])
  if (byHeader !== undefined && record.by !== undefined && record.by !== '' && HEADER_VALUE.test(record.by)) {
    headers.push([byHeader, record.by])
  }
  return headers
}

function fail(message: string): never {
  throw new TypeError(`conflict-safe/server: ${message}`)
}

function resolveResources(resources: Readonly<Record<string, ResourceOptions>>): Map<string, Resource> {
  const resolved = new Map<string, Resource>()
  for (const [name, options] of Object.entries(resources)) {
    if (!/^[\w.~-]+$/.test(name))
      fail(`resource name '${name}' must be one URL path segment (letters, digits, - _ . ~).`)
    const resource: Resource = {
      name,
      versioning: options.versioning ?? 'etag',
      versionField: options.versionField ?? 'version',
      requirePrecondition: options.requirePrecondition ?? false,
      idField: options.idField ?? 'id',
      options,
    }
    if (resource.versioning !== 'etag' && resource.versioning !== 'body') {
      fail(`resource '${name}': versioning must be 'etag' or 'body', not '${String(resource.versioning)}'.`)
    }
    getPath({}, resource.versionField)
    getPath({}, resource.idField)
    for (const field of options.unique ?? []) getPath({}, field)
    resolved.set(name, resource)
  }
  for (const resource of resolved.values()) {
    for (const [field, target] of Object.entries(resource.options.references ?? {})) {
      getPath({}, field)
      if (!resolved.has(target))
        fail(`resource '${resource.name}': references.${field} names unknown resource '${target}'.`)
    }
  }
  return resolved
}

function resolveBasePath(basePath: string | undefined): string {
  if (basePath === undefined || basePath === '' || basePath === '/') return ''
  const trimmed = basePath.replace(/\/+$/, '')
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** The body version a request carries: absent, a number, or of the wrong type. */
type SentVersion =
  | { readonly kind: 'absent' }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'invalid'; readonly value: unknown }

function readSentVersion(value: unknown): SentVersion {
  if (value === undefined || value === null) return { kind: 'absent' }
  if (typeof value === 'number' && Number.isSafeInteger(value)) return { kind: 'number', value }
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return { kind: 'number', value: Number(value) }
  return { kind: 'invalid', value }
}

/** Creates a reference server. Throws a `TypeError` naming the problem when the options are invalid. */
export function createReferenceServer(options: ReferenceServerOptions): ReferenceServer {
  const resources = resolveResources(options.resources)
  const basePath = resolveBasePath(options.basePath)
  const now = options.now ?? Date.now
  const userHeader = options.userHeader ?? 'X-User'
  const modifiedByHeader =
    options.modifiedByHeader === false ? undefined : (options.modifiedByHeader ?? 'X-Modified-By')
  if (modifiedByHeader !== undefined && !/^[!#$%&'*+.^`|~\w-]+$/.test(modifiedByHeader)) {
    fail(`modifiedByHeader '${modifiedByHeader}' is not a valid header name.`)
  }
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const idempotency =
    options.idempotency === false
      ? undefined
      : {
          header: options.idempotency?.header ?? 'Idempotency-Key',
          retryAfterSeconds: options.idempotency?.retryAfterSeconds ?? 1,
          store: new IdempotencyStore<Reply>({
            ttlMs: options.idempotency?.ttlMs ?? DEFAULT_TTL_MS,
            maxEntries: options.idempotency?.maxEntries ?? 10_000,
            now,
          }),
        }
  const store = new RecordStore([...resources.keys()])
  const modifiedHeaders = (record: StoredRecord): HeaderList => modifiedHeadersOf(record, modifiedByHeader)
  const ruleResources: ReadonlyMap<string, ResourceOptions> = new Map(
    [...resources].map(([name, value]) => [name, value.options]),
  )
  const initialSeed = options.seed ?? {}
  let requestCount = 0

  function resourceOf(name: string): Resource {
    return resources.get(name) ?? fail(`unknown resource '${name}'.`)
  }

  function idOf(resource: string, record: JsonObject): string {
    return String(getPath(record, resourceOf(resource).idField))
  }

  function load(seed: Readonly<Record<string, readonly JsonObject[]>>): void {
    const at = new Date(now()).toISOString()
    for (const [name, records] of Object.entries(seed)) {
      const resource = resources.get(name) ?? fail(`seed names unknown resource '${name}'.`)
      for (const record of records) {
        if (!isJsonObject(record)) fail(`seed records of '${name}' must be JSON objects.`)
        const given = getPath(record, resource.idField)
        const id = given === undefined || given === null ? store.nextId(name) : String(given)
        let data = setPath(record, resource.idField, id)
        let version: number | undefined
        if (resource.versioning === 'body') {
          const sent = readSentVersion(getPath(record, resource.versionField))
          version = sent.kind === 'number' ? sent.value : 1
          data = setPath(data, resource.versionField, version)
        }
        store.save(name, id, data, { by: undefined, at, version })
      }
    }
  }

  load(initialSeed)

  function makeRequestId(request: Request): string {
    const sent = request.headers.get('X-Request-Id')
    if (sent !== null && REQUEST_ID.test(sent)) return sent
    if (options.requestId !== undefined) return options.requestId()
    requestCount += 1
    return `req-${requestCount}`
  }

  function corsHeaders(request: Request): HeaderList {
    if (options.cors === undefined || options.cors === false) return []
    const origin = options.cors === true ? '*' : options.cors
    const headers: [string, string][] = [
      ['Access-Control-Allow-Origin', origin],
      [
        'Access-Control-Expose-Headers',
        ['ETag', 'Location', 'Retry-After', 'X-Request-Id', 'Idempotent-Replayed', 'Last-Modified']
          .concat(modifiedByHeader === undefined ? [] : [modifiedByHeader])
          .join(', '),
      ],
    ]
    if (origin !== '*') headers.push(['Vary', 'Origin'])
    if (request.method.toUpperCase() === 'OPTIONS') {
      const allowHeaders = ['Content-Type', 'If-Match', 'If-None-Match', 'X-Request-Id', userHeader]
      if (idempotency !== undefined) allowHeaders.push(idempotency.header)
      headers.push(
        ['Access-Control-Allow-Methods', 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS'],
        ['Access-Control-Allow-Headers', allowHeaders.join(', ')],
        ['Access-Control-Max-Age', '600'],
      )
    }
    return headers
  }

  async function handle(request: Request): Promise<Response> {
    const requestId = makeRequestId(request)
    const method = request.method.toUpperCase()
    let routed: Routed
    try {
      routed = await route(request, method)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      routed = {
        reply: problemReply({
          code: 'internal',
          status: 500,
          detail: `The reference server failed: ${message}`,
        }),
        replayed: false,
      }
    }
    const extra: (readonly [string, string])[] = [['X-Request-Id', requestId], ...corsHeaders(request)]
    if (routed.replayed) extra.push(['Idempotent-Replayed', 'true'])
    const response = toResponse(routed.reply, extra, method === 'HEAD')
    if (options.onExchange !== undefined)
      report(options.onExchange, request, method, requestId, routed, response)
    return response
  }

  function report(
    onExchange: (exchange: Exchange) => void,
    request: Request,
    method: string,
    requestId: string,
    routed: Routed,
    response: Response,
  ): void {
    const ifMatch = request.headers.get('If-Match')
    const key = idempotency !== undefined ? request.headers.get(idempotency.header) : null
    const etag = response.headers.get('ETag')
    const exchange: Exchange = {
      requestId,
      method,
      url: request.url,
      status: response.status,
      replayed: routed.replayed,
      ...(ifMatch !== null ? { ifMatch } : {}),
      ...(key !== null ? { idempotencyKey: key } : {}),
      ...(etag !== null ? { etag } : {}),
      ...(routed.reply.problemCode !== undefined ? { problemCode: routed.reply.problemCode } : {}),
    }
    try {
      onExchange(exchange)
    } catch {
      // A failing logger must not change the answer.
    }
  }

  async function route(request: Request, method: string): Promise<Routed> {
    const url = new URL(request.url)
    let path = url.pathname
    if (basePath !== '') {
      if (path !== basePath && !path.startsWith(`${basePath}/`)) return notFound(path)
      path = path.slice(basePath.length)
    }
    let parts: string[]
    try {
      parts = path
        .split('/')
        .filter((part) => part !== '')
        .map((part) => decodeURIComponent(part))
    } catch {
      return done(
        problemReply({
          code: 'invalid',
          status: 400,
          detail: `The path '${url.pathname}' is not validly encoded.`,
        }),
      )
    }
    const [name, id, ...rest] = parts
    const resource = name !== undefined ? resources.get(name) : undefined
    if (resource === undefined || rest.length > 0) return notFound(url.pathname)
    const allow = id === undefined ? 'GET, HEAD, POST, OPTIONS' : 'GET, HEAD, PUT, PATCH, DELETE, OPTIONS'
    if (method === 'OPTIONS') return done(emptyReply(204, [['Allow', allow]]))

    const context = new RequestContext(request, url, resource)
    if (method === 'GET' || method === 'HEAD') {
      await delay(request)
      return done(id === undefined ? context.list() : context.read(id))
    }
    if (id === undefined ? method !== 'POST' : !UNSAFE_METHODS.has(method) || method === 'POST') {
      return done(
        problemReply({
          code: 'method-not-allowed',
          status: 405,
          detail: `${method} is not supported on ${url.pathname}; use ${allow}.`,
          instance: url.pathname,
          headers: [['Allow', allow]],
        }),
      )
    }
    const body = await readRequestBody(request, maxBodyBytes)
    if (body.kind !== 'json' && body.kind !== 'empty') return done(refuseBody(body, url.pathname))
    const runWrite = (): Reply => {
      if (method === 'POST') return context.create(body)
      if (method === 'DELETE') return context.remove(id as string, body)
      return context.update(id as string, body, method === 'PATCH')
    }
    return withIdempotency(request, method, url, body.text, runWrite)
  }

  function done(reply: Reply): Routed {
    return { reply, replayed: false }
  }

  function notFound(path: string): Routed {
    return done(
      problemReply({
        code: 'not-found',
        status: 404,
        detail: `Nothing is served at ${path}.`,
        instance: path,
      }),
    )
  }

  async function delay(request: Request): Promise<void> {
    const ms = typeof options.delayMs === 'function' ? options.delayMs(request) : (options.delayMs ?? 0)
    if (ms > 0) await sleep(ms)
  }

  function refuseBody(body: Exclude<RequestBody, { kind: 'json' | 'empty' }>, instance: string): Reply {
    switch (body.kind) {
      case 'too-large':
        return problemReply({
          code: 'payload-too-large',
          status: 413,
          detail: `The body is larger than ${body.maxBytes} bytes.`,
          instance,
        })
      case 'unsupported-media-type':
        return problemReply({
          code: 'unsupported-media-type',
          status: 415,
          detail: `The body is ${body.contentType}; send application/json (or application/merge-patch+json for PATCH).`,
          instance,
        })
      case 'malformed':
        return problemReply({
          code: 'invalid',
          status: 400,
          detail: `The body is not valid JSON: ${body.message}`,
          instance,
        })
    }
  }

  async function withIdempotency(
    request: Request,
    method: string,
    url: URL,
    bodyText: string,
    runWrite: () => Reply,
  ): Promise<Routed> {
    const key = idempotency !== undefined ? request.headers.get(idempotency.header) : null
    if (idempotency === undefined || key === null) {
      await delay(request)
      return done(runWrite())
    }
    if (!IDEMPOTENCY_KEY.test(key)) {
      return done(
        problemReply({
          code: 'invalid',
          status: 400,
          detail: `${idempotency.header} must be 1 to 255 visible ASCII characters.`,
          instance: url.pathname,
        }),
      )
    }
    const scopedKey = `${request.headers.get(userHeader) ?? ''}\n${key}`
    const fingerprint = `${method} ${url.pathname} ${bodyText.length} ${hash64(bodyText)}`
    const lookup = idempotency.store.begin(scopedKey, fingerprint)
    switch (lookup.kind) {
      case 'mismatch':
        return done(
          problemReply({
            code: 'idempotency-key-reused',
            status: 422,
            detail: `${idempotency.header} '${key}' was first used for a different request; use a new key for a new request.`,
            instance: url.pathname,
          }),
        )
      case 'in-progress':
        return done(
          problemReply({
            code: 'in-progress',
            status: 409,
            detail: `The first request with ${idempotency.header} '${key}' is still being processed; retry after ${idempotency.retryAfterSeconds} s.`,
            instance: url.pathname,
            extensions: { retryAfterMs: idempotency.retryAfterSeconds * 1000 },
            headers: [['Retry-After', String(idempotency.retryAfterSeconds)]],
          }),
        )
      case 'replay':
        return { reply: lookup.response, replayed: true }
      case 'new':
        break
    }
    try {
      await delay(request)
      const reply = runWrite()
      if (reply.status >= 500) idempotency.store.release(scopedKey)
      else idempotency.store.complete(scopedKey, fingerprint, reply)
      return done(reply)
    } catch (error) {
      idempotency.store.release(scopedKey)
      throw error
    }
  }

  /** Everything one request needs: its URL, resource, user and clock. Methods are synchronous, so each write is atomic. */
  class RequestContext {
    readonly #request: Request
    readonly #url: URL
    readonly #resource: Resource
    readonly #scope: RuleScope

    constructor(request: Request, url: URL, resource: Resource) {
      this.#request = request
      this.#url = url
      this.#resource = resource
      this.#scope = {
        resources: ruleResources,
        records: (name) => store.data(name),
        exists: (name, id) => store.get(name, id) !== undefined,
        recordUrl: (name, id) => this.recordUrl(name, id),
        idOf,
      }
    }

    recordUrl(name: string, id: string): string {
      return `${this.#url.origin}${basePath}/${encodeURIComponent(name)}/${encodeURIComponent(id)}`
    }

    get #name(): string {
      return this.#resource.name
    }

    get #user(): string | undefined {
      const user = this.#request.headers.get(userHeader)?.trim()
      return user === undefined || user === '' ? undefined : user.slice(0, 200)
    }

    #instance(id?: string): string {
      return id === undefined
        ? `${basePath}/${this.#name}`
        : `${basePath}/${this.#name}/${encodeURIComponent(id)}`
    }

    /** A record with its ETag, and who wrote it when (`Last-Modified`, `modifiedByHeader`). */
    #recordReply(status: number, record: StoredRecord, extra: HeaderList = []): Reply {
      return jsonReply(status, record.data, [
        ['ETag', record.etag],
        ...modifiedHeaders(record),
        ...NO_CACHE,
        ...extra,
      ])
    }

    list(): Reply {
      const data = store.data(this.#name)
      const etag = contentETag(data)
      const ifNoneMatch = evaluateIfNoneMatch(this.#request.headers.get('If-None-Match'), etag)
      if (ifNoneMatch === 'fail') return emptyReply(304, [['ETag', etag], ...NO_CACHE])
      return jsonReply(200, data, [['ETag', etag], ...NO_CACHE])
    }

    read(id: string): Reply {
      const record = store.get(this.#name, id)
      if (record === undefined) return this.#missing(id)
      const ifNoneMatch = evaluateIfNoneMatch(this.#request.headers.get('If-None-Match'), record.etag)
      if (ifNoneMatch === 'fail') return emptyReply(304, [['ETag', record.etag], ...NO_CACHE])
      return this.#recordReply(200, record)
    }

    #missing(id: string): Reply {
      if (store.isDeleted(this.#name, id)) {
        return problemReply({
          code: 'gone',
          status: 410,
          detail: `${this.#name} '${id}' was deleted.`,
          instance: this.#instance(id),
        })
      }
      return problemReply({
        code: 'not-found',
        status: 404,
        detail: `${this.#name} '${id}' does not exist.`,
        instance: this.#instance(id),
      })
    }

    #notAnObject(id?: string): Reply {
      return problemReply({
        code: 'invalid',
        status: 422,
        detail: 'The body must be a JSON object.',
        instance: this.#instance(id),
      })
    }

    #malformedCondition(header: string, id: string): Reply {
      return problemReply({
        code: 'invalid',
        status: 400,
        detail: `${header} is not a valid entity-tag list: send the ETag exactly as the server sent it (for example "abc" or W/"abc"), or *.`,
        instance: this.#instance(id),
      })
    }

    #stale(record: StoredRecord, id: string, status: 409 | 412, detail: string): Reply {
      return problemReply({
        code: 'stale',
        status,
        detail,
        instance: this.#instance(id),
        extensions: {
          current: record.data,
          etag: record.etag,
          version: record.version,
          by: record.by,
          at: record.at,
        },
      })
    }

    /** POST /resource, or PUT /resource/id with If-None-Match: * when `id` is given. */
    create(body: RequestBody, urlId?: string): Reply {
      if (body.kind !== 'json' || !isJsonObject(body.value)) return this.#notAnObject(urlId)
      const resource = this.#resource
      const given = getPath(body.value, resource.idField)
      if (urlId !== undefined && given !== undefined && given !== null && String(given) !== urlId) {
        return this.#idMismatch(urlId, given)
      }
      const requested = urlId ?? (given === undefined || given === null ? undefined : String(given))
      if (requested !== undefined && store.get(this.#name, requested) !== undefined) {
        return problemReply({
          code: 'duplicate',
          status: 409,
          detail: `${this.#name} '${requested}' already exists.`,
          instance: this.#instance(),
          extensions: {
            field: resource.idField,
            value: given ?? requested,
            existing: this.recordUrl(this.#name, requested),
          },
        })
      }
      const id = requested ?? options.generateId?.(this.#name) ?? store.nextId(this.#name)
      let next = setPath(body.value, resource.idField, id)
      const version = resource.versioning === 'body' ? 1 : undefined
      if (version !== undefined) next = setPath(next, resource.versionField, version)
      const refused = checkWrite(this.#scope, this.#input('create', id, undefined, next), this.#instance())
      if (refused !== undefined) return refused
      const record = store.save(this.#name, id, next, { by: this.#user, at: this.#at(), version })
      return this.#recordReply(201, record, [['Location', this.recordUrl(this.#name, id)]])
    }

    #idMismatch(id: string, given: unknown): Reply {
      return problemReply({
        code: 'invalid',
        status: 422,
        detail: `The body's ${this.#resource.idField} (${JSON.stringify(given)}) does not match the URL's id '${id}'.`,
        instance: this.#instance(id),
      })
    }

    #at(): string {
      return new Date(now()).toISOString()
    }

    #input(
      operation: WriteInput['operation'],
      id: string,
      current: JsonObject | undefined,
      next: JsonObject | undefined,
    ): WriteInput {
      return {
        operation,
        resource: this.#name,
        id,
        current,
        next,
        records: (name) => store.data(name),
      }
    }

    /**
     * Checks the preconditions of a write to an existing record: 400 for a malformed header, 428 when
     * one is required and none was sent, 412 for a stale If-Match, 409 for a stale body version.
     */
    #checkPreconditions(
      record: StoredRecord,
      id: string,
      sent: SentVersion,
      ifNoneMatch: ConditionResult,
    ): Reply | undefined {
      const resource = this.#resource
      const header = this.#request.headers.get('If-Match')
      const ifMatch = evaluateIfMatch(header, record.etag)
      if (ifMatch === 'malformed') return this.#malformedCondition('If-Match', id)
      if (ifNoneMatch === 'malformed') return this.#malformedCondition('If-None-Match', id)
      if (sent.kind === 'invalid' && resource.versioning === 'body') {
        return problemReply({
          code: 'invalid',
          status: 422,
          detail: `${resource.versionField} must be the integer version the record was loaded with, not ${JSON.stringify(sent.value)}.`,
          instance: this.#instance(id),
        })
      }
      const bodyVersionSent = resource.versioning === 'body' && sent.kind === 'number'
      if (
        resource.requirePrecondition &&
        ifMatch === 'absent' &&
        ifNoneMatch === 'absent' &&
        !bodyVersionSent
      ) {
        return this.#preconditionRequired(id)
      }
      if (ifNoneMatch === 'fail') {
        return this.#stale(record, id, 412, `${this.#name} '${id}' already exists (If-None-Match: *).`)
      }
      if (ifMatch === 'fail') {
        return this.#stale(
          record,
          id,
          412,
          `${this.#name} '${id}' changed since it was loaded: If-Match ${header ?? ''} does not match the current ETag ${record.etag}.`,
        )
      }
      if (bodyVersionSent && sent.kind === 'number' && sent.value !== record.version) {
        return this.#stale(
          record,
          id,
          409,
          `${this.#name} '${id}' changed since it was loaded: ${resource.versionField} ${sent.value} is not the current version ${String(record.version)}.`,
        )
      }
      return undefined
    }

    #preconditionRequired(id: string): Reply {
      const resource = this.#resource
      const method = this.#request.method.toUpperCase()
      const how =
        resource.versioning === 'body'
          ? `send the version the record was loaded with in the body field '${resource.versionField}' (or If-Match with its ETag). Configure the client with versionSource { field: '${resource.versionField}' } and precondition mode 'body'.`
          : `send If-Match with the ETag of the response that loaded the record, exactly as the server sent it. Configure the client with versionSource 'etag' and make sure the ETag header is readable (CORS: Access-Control-Expose-Headers: ETag).`
      return problemReply({
        code: 'precondition-required',
        status: 428,
        detail: `${method} ${this.#instance(id)} must be conditional: ${how}`,
        instance: this.#instance(id),
        extensions: {
          required: resource.versioning === 'body' ? [resource.versionField, 'If-Match'] : ['If-Match'],
        },
      })
    }

    /** PUT (replace) or PATCH (merge patch) of /resource/id. */
    update(id: string, body: RequestBody, patch: boolean): Reply {
      const resource = this.#resource
      const record = store.get(this.#name, id)
      const ifNoneMatchHeader = this.#request.headers.get('If-None-Match')
      if (record === undefined) {
        if (!patch && ifNoneMatchHeader?.trim() === '*') return this.create(body, id)
        return this.#missing(id)
      }
      if (body.kind !== 'json' || !isJsonObject(body.value)) return this.#notAnObject(id)
      const sent = readSentVersion(
        resource.versioning === 'body' ? getPath(body.value, resource.versionField) : undefined,
      )
      const ifNoneMatch = patch ? 'absent' : evaluateIfNoneMatch(ifNoneMatchHeader, record.etag)
      const refusedPrecondition = this.#checkPreconditions(record, id, sent, ifNoneMatch)
      if (refusedPrecondition !== undefined) return refusedPrecondition

      const given = getPath(body.value, resource.idField)
      if (given !== undefined && given !== null && String(given) !== id) return this.#idMismatch(id, given)
      let next: JsonObject
      if (patch) {
        const changes =
          resource.versioning === 'body' ? setPath(body.value, resource.versionField, undefined) : body.value
        const patched = applyMergePatch(record.data, changes)
        next = isJsonObject(patched) ? patched : {}
      } else {
        next = body.value
      }
      next = setPath(next, resource.idField, id)
      const version = resource.versioning === 'body' ? (record.version ?? 0) + 1 : undefined
      if (version !== undefined) next = setPath(next, resource.versionField, version)
      const refused = checkWrite(
        this.#scope,
        this.#input('update', id, record.data, next),
        this.#instance(id),
      )
      if (refused !== undefined) return refused
      const saved = store.save(this.#name, id, next, { by: this.#user, at: this.#at(), version })
      return this.#recordReply(200, saved)
    }

    /** DELETE /resource/id; the body version may come in a JSON body or as `?<versionField>=`. */
    remove(id: string, body: RequestBody): Reply {
      const resource = this.#resource
      const record = store.get(this.#name, id)
      if (record === undefined) return this.#missing(id)
      let sent: SentVersion = { kind: 'absent' }
      if (resource.versioning === 'body') {
        const fromBody = body.kind === 'json' ? getPath(body.value, resource.versionField) : undefined
        sent = readSentVersion(fromBody ?? this.#url.searchParams.get(resource.versionField) ?? undefined)
      }
      const refusedPrecondition = this.#checkPreconditions(record, id, sent, 'absent')
      if (refusedPrecondition !== undefined) return refusedPrecondition
      const refused = checkDelete(
        this.#scope,
        this.#input('delete', id, record.data, undefined),
        this.#instance(id),
      )
      if (refused !== undefined) return refused
      store.delete(this.#name, id)
      return emptyReply(204)
    }
  }

  return {
    handle,
    snapshot() {
      const result: Record<string, JsonObject[]> = {}
      for (const name of resources.keys())
        result[name] = store.list(name).map((record) => RecordStore.copy(record).data)
      return result
    },
    inspect(resource, id) {
      if (!resources.has(resource)) return undefined
      const record = store.get(resource, id)
      return record === undefined ? undefined : RecordStore.copy(record)
    },
    reset(seed) {
      store.clear()
      idempotency?.store.clear()
      load(seed ?? initialSeed)
    },
  }
}
