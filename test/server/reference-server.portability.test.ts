/**
 * The server is Fetch-only: it imports nothing from Node, and it works as an MSW handler (the way
 * Storybook runs it in the browser).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { http as mswHttp } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createReferenceServer } from '../../src/server/index'

const serverDir = new URL('../../src/server/', import.meta.url)

describe('portability', () => {
  it('uses no Node-only API in src/server', () => {
    const files = readdirSync(serverDir).filter((name) => name.endsWith('.ts'))
    expect(files.length).toBeGreaterThan(5)
    for (const name of files) {
      const source = readFileSync(new URL(name, serverDir), 'utf8')
      expect(source, name).not.toMatch(/from '(node:|fs|path|http|crypto|stream|buffer)/)
      expect(source, name).not.toMatch(/\b(Buffer|process|require)\s*[.(]/)
    }
  })
})

describe('inside MSW', () => {
  const app = createReferenceServer({
    resources: { notes: {} },
    basePath: '/api',
    seed: { notes: [{ id: '1', title: 'A' }] },
  })
  const msw = setupServer(mswHttp.all('http://demo.test/api/*', ({ request }) => app.handle(request)))
  beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }))
  afterAll(() => msw.close())

  it('answers fetch calls with ETags, 412s and created records', async () => {
    const read = await fetch('http://demo.test/api/notes/1')
    const etag = read.headers.get('etag') as string
    expect(await read.json()).toEqual({ id: '1', title: 'A' })
    const save = (title: string) =>
      fetch('http://demo.test/api/notes/1', {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'if-match': etag },
        body: JSON.stringify({ title }),
      })
    expect((await save('B')).status).toBe(200)
    const stale = await save('C')
    expect(stale.status).toBe(412)
    expect((await stale.json()).current).toEqual({ id: '1', title: 'B' })
    const created = await fetch('http://demo.test/api/notes', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'D' }),
    })
    expect(created.status).toBe(201)
    expect(created.headers.get('location')).toBe('http://demo.test/api/notes/2')
  })
})
