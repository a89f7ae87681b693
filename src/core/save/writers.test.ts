/**
 * The writers against the reference server (in process: `fetch` is its handler): what a 428 says when
 * your own `mutationFn` drops the precondition headers, and deletes through the built-in REST writer.
 */
import { describe, expect, it } from 'vitest'
import { createReferenceServer } from '../../server/reference-server.js'
import type { Exchange } from '../../server/types.js'
import { createMutationFnWriter, createRequestWriter, type WriteContext } from './writers.js'

type Contract = { id: string; title: string }

function server() {
  const exchanges: Exchange[] = []
  const reference = createReferenceServer({
    resources: {
      contracts: { requirePrecondition: true },
      docs: { versioning: 'body', requirePrecondition: true },
    },
    seed: { contracts: [{ id: '1', title: 'Lease' }], docs: [{ id: '1', title: 'Plan' }] },
    onExchange: (exchange) => exchanges.push(exchange),
  })
  const fetchImpl: typeof fetch = async (input, init) => reference.handle(new Request(input, init))
  return { reference, exchanges, fetch: fetchImpl, url: (path: string) => `http://api.test${path}` }
}

function context(overrides: Partial<WriteContext<Contract>>): WriteContext<Contract> {
  return {
    values: { id: '1', title: 'Lease (signed)' },
    version: undefined,
    operation: 'update',
    idempotencyKey: undefined,
    unconditional: false,
    signal: new AbortController().signal,
    ...overrides,
  }
}

describe('a 428 after your own mutationFn', () => {
  it('dropped the headers it was handed: the message says to send them on, naming If-Match', async () => {
    const api = server()
    const etag = api.reference.inspect('contracts', '1')!.etag
    const handed: Array<Record<string, string>> = []
    const write = createMutationFnWriter<Contract>(async ({ values, headers, signal }) => {
      handed.push(headers)
      // The bug: `headers` is not passed on.
      return api.fetch(api.url('/contracts/1'), {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(values),
        signal,
      })
    })
    const outcome = await write(context({ version: { etag } }))
    expect(handed).toEqual([{ 'If-Match': etag }])
    expect(outcome.kind).toBe('precondition-required')
    if (outcome.kind !== 'precondition-required') return
    expect(outcome.message).toMatch(
      /went through your mutationFn, which was handed the precondition in `headers` \(If-Match\)/,
    )
    expect(outcome.message).toMatch(/must send those headers on with the request/)
    expect(outcome.message).not.toMatch(/This write did send If-Match/)
    // The server's own explanation follows.
    expect(outcome.message).toMatch(/The server said: PUT \/contracts\/1 must be conditional/)
    expect(api.reference.inspect('contracts', '1')?.data['title']).toBe('Lease')
  })

  it('dropped the version written into values (precondition mode body): the message says to send values', async () => {
    const api = server()
    const write = createMutationFnWriter<Contract>(
      async ({ signal }) =>
        api.fetch(api.url('/docs/1'), {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ id: '1', title: 'Plan B' }),
          signal,
        }),
      { precondition: { mode: 'body' } },
    )
    const outcome = await write(context({ version: { value: 1 } }))
    expect(outcome).toMatchObject({ kind: 'precondition-required' })
    if (outcome.kind !== 'precondition-required') return
    expect(outcome.message).toMatch(
      /handed the version written into `values`.*it must send `values` as the body/,
    )
  })

  it('the built-in writer that sent If-Match still points at proxies', async () => {
    const api = server()
    // A proxy that strips If-Match.
    const stripping: typeof fetch = async (input, init) => {
      const headers = new Headers(init?.headers)
      headers.delete('if-match')
      return api.fetch(input, { ...init, headers })
    }
    const write = createRequestWriter<Contract>({ url: api.url('/contracts/1'), fetch: stripping })
    const outcome = await write(context({ version: { etag: api.reference.inspect('contracts', '1')!.etag } }))
    expect(outcome).toMatchObject({ kind: 'precondition-required' })
    if (outcome.kind !== 'precondition-required') return
    expect(outcome.message).toMatch(/This write did send If-Match: check that no proxy strips it/)
    expect(outcome.message).not.toMatch(/mutationFn/)
  })
})

describe('deletes through the REST writer', () => {
  it('sends DELETE with If-Match and no body; the 204 is ok', async () => {
    const api = server()
    const etag = api.reference.inspect('contracts', '1')!.etag
    const sent: Array<RequestInit | undefined> = []
    const spy: typeof fetch = async (input, init) => {
      sent.push(init)
      return api.fetch(input, init)
    }
    const write = createRequestWriter<Contract>({
      url: api.url('/contracts/1'),
      method: 'DELETE',
      fetch: spy,
    })
    const outcome = await write(context({ operation: 'delete', version: { etag } }))
    expect(sent[0]?.body).toBeUndefined()
    expect(new Headers(sent[0]?.headers).get('content-type')).toBeNull()
    expect(outcome).toMatchObject({ kind: 'ok', status: 204 })
    expect(api.exchanges).toMatchObject([{ method: 'DELETE', ifMatch: etag, status: 204 }])
    expect(api.exchanges[0]?.idempotencyKey).toBeUndefined()
    expect(api.reference.inspect('contracts', '1')).toBeUndefined()
  })

  it("a delete of a body-versioned record sends only { version } (precondition mode 'body')", async () => {
    const api = server()
    let sent: string | undefined
    const spy: typeof fetch = async (input, init) => {
      sent = typeof init?.body === 'string' ? init.body : undefined
      return api.fetch(input, init)
    }
    const write = createRequestWriter<Contract>({
      url: api.url('/docs/1'),
      method: 'DELETE',
      fetch: spy,
      precondition: { mode: 'body' },
    })
    const stale = await write(context({ operation: 'delete', version: { value: 7 } }))
    expect(stale).toMatchObject({
      kind: 'stale',
      status: 409,
      theirs: { data: { id: '1', title: 'Plan', version: 1 } },
    })
    expect(JSON.parse(sent!)).toEqual({ version: 7 })
    expect(await write(context({ operation: 'delete', version: { value: 1 } }))).toMatchObject({
      kind: 'ok',
      status: 204,
    })
  })

  it('after a create, writes go to its Location: PUT (or PATCH when configured) there', async () => {
    const api = server()
    const etag = api.reference.inspect('contracts', '1')!.etag
    const put = createRequestWriter<Contract>({
      url: api.url('/contracts'),
      method: 'POST',
      fetch: api.fetch,
    })
    const outcome = await put(context({ url: api.url('/contracts/1'), version: { etag } }))
    expect(outcome).toMatchObject({ kind: 'ok', status: 200 })
    expect(api.exchanges.at(-1)).toMatchObject({ method: 'PUT', url: api.url('/contracts/1'), ifMatch: etag })
    const patch = createRequestWriter<Contract>({
      url: api.url('/contracts'),
      method: 'PATCH',
      fetch: api.fetch,
    })
    const next = api.reference.inspect('contracts', '1')!.etag
    await patch(
      context({
        url: api.url('/contracts/1'),
        version: { etag: next },
        values: { id: '1', title: 'Lease (patched)' },
      }),
    )
    expect(api.exchanges.at(-1)).toMatchObject({ method: 'PATCH', status: 200 })
  })
})
