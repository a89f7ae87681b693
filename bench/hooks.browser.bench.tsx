/**
 * Time per keystroke render of a 200-field form in Chromium:
 * - conflict-safe: `useVersionedQuery` + `useConflictSafeMutation`, typing into `save.setDraft`
 *   (the draft is also stored in sessionStorage on every keystroke, as in an app);
 * - peer: the same form with plain TanStack `useQuery` + `useMutation` and `useState` for the values.
 * Both run in the same page, in alternating rounds; per round, the mean time from the input event to the
 * committed DOM (React flushes discrete input events synchronously); the figure is the median round. Reports; asserts nothing timing-related.
 */
import { QueryClient, QueryClientProvider, useMutation, useQuery } from '@tanstack/react-query'
import { useState, type ReactNode } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { expect, it } from 'vitest'
import { useConflictSafeMutation } from '../src/react/useConflictSafeMutation'
import { useVersionedQuery } from '../src/react/useVersionedQuery'
import { createReferenceServer } from '../src/server/reference-server'

const FIELDS = 200
const WARMUP = 30
const KEYSTROKES = 200
const ROUNDS = 9

type Record200 = Record<string, string>
const fieldNames = Array.from({ length: FIELDS }, (_, index) => `field${index}`)
const seed: Record200 = Object.fromEntries([
  ['id', '1'],
  ...fieldNames.map((name) => [name, `value of ${name}`]),
])

const server = createReferenceServer({ resources: { forms: {} }, seed: { forms: [seed] } })
const origin = 'http://bench.test'
const fetchImpl: typeof fetch = (input, init) => server.handle(new Request(input, init))
const url = `${origin}/forms/1`

function Fields({
  values,
  onChange,
}: {
  values: Record200
  onChange: (name: string, value: string) => void
}) {
  return (
    <>
      {fieldNames.map((name) => (
        <label key={name}>
          {name}
          <input
            name={name}
            value={values[name] ?? ''}
            onChange={(event) => onChange(name, event.target.value)}
          />
        </label>
      ))}
    </>
  )
}

function ConflictSafeForm({ persistDraft = true }: { persistDraft?: boolean }) {
  const doc = useVersionedQuery<Record200>({ queryKey: ['form', 'cs'], url, fetch: fetchImpl })
  const save = useConflictSafeMutation<Record200>({
    queryKey: ['form', 'cs'],
    request: { url, fetch: fetchImpl },
    persistDraft,
  })
  if (!save.draft || !doc.data) return <p>Loading…</p>
  return (
    <form onSubmit={(event) => (event.preventDefault(), save.mutate())}>
      <Fields
        values={save.draft}
        onChange={(name, value) => save.setDraft((draft) => ({ ...draft!, [name]: value }))}
      />
      <button {...save.getSubmitButtonProps()}>Save</button>
    </form>
  )
}

function PlainForm() {
  const query = useQuery({
    queryKey: ['form', 'plain'],
    queryFn: async () => (await fetchImpl(url)).json() as Promise<Record200>,
  })
  const mutation = useMutation({
    mutationFn: async (values: Record200) =>
      fetchImpl(url, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(values),
      }),
  })
  const [values, setValues] = useState<Record200 | undefined>(undefined)
  const current = values ?? query.data
  if (!current) return <p>Loading…</p>
  return (
    <form onSubmit={(event) => (event.preventDefault(), mutation.mutate(current))}>
      <Fields
        values={current}
        onChange={(name, value) => setValues((previous) => ({ ...(previous ?? current), [name]: value }))}
      />
      <button type="submit" disabled={mutation.isPending}>
        Save
      </button>
    </form>
  )
}

function mount(node: ReactNode): { root: Root; container: HTMLElement } {
  const container = document.createElement('div')
  document.body.append(container)
  const root = createRoot(container)
  root.render(<QueryClientProvider client={new QueryClient()}>{node}</QueryClientProvider>)
  return { root, container }
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10))
  if (!check()) throw new Error('timed out')
}

const valueSetter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!

/**
 * Type `count` characters into fields of the mounted form; returns the mean time per keystroke (ms).
 * Timed as one batch: Chromium coarsens `performance.now()` to 0.1 ms, too coarse for one keystroke.
 */
function typeInto(container: HTMLElement, count: number): number {
  const inputs = Array.from({ length: count }, (_, i) =>
    container.querySelector<HTMLInputElement>(`input[name="field${(i * 7) % FIELDS}"]`)!,
  )
  const start = performance.now()
  for (const input of inputs) {
    const next = `${input.value}x`
    valueSetter.call(input, next)
    input.dispatchEvent(new Event('input', { bubbles: true }))
    if (input.value !== next) throw new Error('the keystroke did not render synchronously')
  }
  return (performance.now() - start) / count
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

it('keystroke render of a 200-field form: conflict-safe hooks vs plain useQuery + useMutation', async () => {
  type Name = 'conflict-safe' | 'conflict-safe, no stored draft' | 'plain'
  const results: Record<Name, number[]> = {
    'conflict-safe': [],
    'conflict-safe, no stored draft': [],
    plain: [],
  }
  const forms: Record<Name, ReactNode> = {
    plain: <PlainForm />,
    'conflict-safe': <ConflictSafeForm />,
    'conflict-safe, no stored draft': <ConflictSafeForm persistDraft={false} />,
  }
  for (let round = 0; round < ROUNDS; round++) {
    const names = Object.keys(forms) as Name[]
    // Rotate the order every round, so no form always runs first or last.
    const order = names.map((_, index) => names[(index + round) % names.length]!)
    for (const name of order) {
      window.sessionStorage.clear()
      const { root, container } = mount(forms[name])
      await until(() => container.querySelectorAll('input').length === FIELDS)
      typeInto(container, WARMUP)
      results[name].push(typeInto(container, KEYSTROKES))
      root.unmount()
      container.remove()
    }
  }
  const best = (values: number[]) => Math.min(...values)
  const labels: Record<Name, string> = {
    plain: 'plain useQuery + useMutation + useState',
    'conflict-safe': 'useVersionedQuery + useConflictSafeMutation',
    'conflict-safe, no stored draft': 'the same hooks, persistDraft: false',
  }
  const names: Name[] = ['plain', 'conflict-safe', 'conflict-safe, no stored draft']
  const ratio = (name: Name, pick: (values: number[]) => number) =>
    `${(pick(results[name]) / pick(results.plain)).toFixed(2)}×`
  const rows: string[][] = [
    ['form', 'median ms/keystroke', 'best round', 'ratio (median)', 'ratio (best)', 'rounds'],
    ...names.map((name) => [
      labels[name],
      median(results[name]).toFixed(3),
      best(results[name]).toFixed(3),
      ratio(name, median),
      ratio(name, best),
      results[name].map((t) => t.toFixed(3)).join(' '),
    ]),
  ]
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)))
  const table = rows
    .map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | '))
    .join('\n')
  console.log(
    `\n200-field form: mean time per keystroke render per round, ${ROUNDS} rounds × ${KEYSTROKES} keystrokes, Chromium (target: hooks / plain < 1.2×)\n${table}\n`,
  )
  expect(results.plain).toHaveLength(ROUNDS)
})
