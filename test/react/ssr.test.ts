/**
 * Server rendering: the hooks import and render in plain Node without touching `window`, `document`,
 * storage or BroadcastChannel (runs in the `node` project, where none of them exist).
 */
import { afterEach, describe, expect, it } from 'vitest'

const watched = [
  'window',
  'document',
  'sessionStorage',
  'localStorage',
  'BroadcastChannel',
  'navigator',
] as const
const touched: string[] = []
const originals = new Map<string, PropertyDescriptor | undefined>()

function trapGlobals() {
  for (const name of watched) {
    originals.set(name, Object.getOwnPropertyDescriptor(globalThis, name))
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() {
        touched.push(name)
        return undefined
      },
    })
  }
}

afterEach(() => {
  for (const [name, descriptor] of originals) {
    if (descriptor) Object.defineProperty(globalThis, name, descriptor)
    else delete (globalThis as Record<string, unknown>)[name]
  }
  originals.clear()
})

describe('server rendering', () => {
  it('imports and renders a form with prefetched data, touching no browser global', async () => {
    expect(typeof window).toBe('undefined')
    const [{ createElement }, { renderToString }, { QueryClient, QueryClientProvider }, support] =
      await Promise.all([
        import('react'),
        import('react-dom/server'),
        import('@tanstack/react-query'),
        import('./support'),
        import('../../src/react/index'),
        import('../../src/core/index'),
      ])
    const client = new QueryClient()
    client.setQueryData(['todo', '1'], { data: support.seedTodo, version: { etag: '"v1"' } })
    trapGlobals()
    const html = renderToString(
      createElement(
        QueryClientProvider,
        { client },
        createElement(support.TodoForm, { origin: 'http://api.test' }),
      ),
    )
    expect(touched).toEqual([])
    expect(html).toContain('value="Buy milk"')
    expect(html).toContain('aria-busy="false"')
    expect(html).toContain('>idle</output>')
  })

  it('renders the loading state without data, touching no browser global', async () => {
    const [{ createElement }, { renderToString }, { QueryClient, QueryClientProvider }, support] =
      await Promise.all([
        import('react'),
        import('react-dom/server'),
        import('@tanstack/react-query'),
        import('./support'),
      ])
    trapGlobals()
    const html = renderToString(
      createElement(
        QueryClientProvider,
        { client: new QueryClient() },
        createElement(support.TodoForm, { origin: 'http://api.test' }),
      ),
    )
    expect(touched).toEqual([])
    expect(html).toContain('Loading…')
  })
})
