import type { Meta, StoryObj } from '@storybook/react-vite'
import { type ReactNode, useState } from 'react'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { ConflictDialog } from '../../src/dialog/index'
import { useConflictSafeMutation } from '../../src/react/index'
import {
  type DemoBackend,
  demoBackendHandler,
  demoBackendLoader,
  demoBackendOf,
} from '../support/demo-backend'
import { SaveStatus } from '../support/FormParts'
import { Person, usePerson } from '../support/Person'
import { etagOf, loadedPanel, panelOf, replaceText, writeLines } from '../support/play'
import { RecordForm } from '../support/RecordForm'
import { Scenario } from '../support/Scenario'
import { demoQueryKey } from '../support/useDemoRecord'

interface Order {
  readonly id?: string
  readonly item: string
  readonly quantity: string
}

/** A create form for an order: POST with an Idempotency-Key, retried with the same key. */
function OrderCreateForm({ backend }: { readonly backend: DemoBackend }): ReactNode {
  const person = usePerson()
  const save = useConflictSafeMutation<Order>({
    queryKey: demoQueryKey(backend, 'orders', 'new'),
    request: { url: backend.url('/orders'), method: 'POST', headers: person.headers },
    draftStore: person.draftStore,
  })
  const draft = save.draft ?? { item: '', quantity: '' }
  const edit = (change: Partial<Order>) => save.setDraft({ ...draft, ...change })
  return (
    <>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          save.mutate()
        }}
      >
        <label>
          Item
          <input value={draft.item} onChange={(event) => edit({ item: event.target.value })} />
        </label>
        <label>
          Quantity
          <input value={draft.quantity} onChange={(event) => edit({ quantity: event.target.value })} />
        </label>
        <div className="demo-actions">
          <button {...save.getSubmitButtonProps()}>Place order</button>
        </div>
        <SaveStatus save={save} />
      </form>
      <ConflictDialog conflict={save.conflict} />
    </>
  )
}

/** A page that can be "reloaded": remounting it drops every React state and query cache, as a reload does. */
function Reloadable({ children }: { readonly children: () => ReactNode }): ReactNode {
  const [generation, setGeneration] = useState(0)
  return (
    <div>
      <div key={generation}>{children()}</div>
      <div className="demo-actions">
        <button type="button" onClick={() => setGeneration((count) => count + 1)}>
          Reload the page
        </button>
      </div>
    </div>
  )
}

/**
 * The network fails; nothing is lost. A create whose response is lost is retried with the same
 * Idempotency-Key, so the server creates one order, not two. An edit saved while offline stays in the
 * form, survives a reload (sessionStorage), and is saved when the network is back.
 */
const meta = {
  title: 'Scenarios/Network failure',
  loaders: [
    demoBackendLoader({
      resources: { orders: {}, profiles: {} },
      seed: { profiles: [{ id: 'ada', name: 'Ada Lovelace', city: 'London' }] },
    }),
  ],
  parameters: { msw: { handlers: [demoBackendHandler] } },
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/** The first POST is processed but its response is lost; the retry (same key) gets the first response replayed: one order. */
export const RetryWithSameKey: Story = {
  render: (_args, context) => {
    const backend = demoBackendOf(context)
    return (
      <Scenario
        title="A lost response, retried with the same Idempotency-Key"
        description="The connection drops after the server created the order. The library retries with the same Idempotency-Key, and the server replays its first answer instead of creating a second order."
        backend={backend}
      >
        <Person name="Ada">
          <OrderCreateForm backend={backend} />
        </Person>
      </Scenario>
    )
  },
  play: async ({ canvasElement, loaded }) => {
    const backend = demoBackendOf({ loaded })
    backend.failNext('lost-response', { method: 'POST' })
    const ada = panelOf(canvasElement, 'Ada')
    await userEvent.type(ada.getByRole('textbox', { name: 'Item' }), 'Notebook')
    await userEvent.type(ada.getByRole('textbox', { name: 'Quantity' }), '3')
    await userEvent.click(ada.getByRole('button', { name: 'Place order' }))
    await waitFor(
      () => expect(ada.getByRole('status', { name: 'Save status' })).toHaveTextContent('Saved.'),
      {
        timeout: 5000,
      },
    )

    await expect(writeLines(backend)).toEqual([
      'POST /orders Idempotency-Key → network error',
      'POST /orders Idempotency-Key → 201 replayed',
    ])
    const [first, retry] = backend.log.writes
    await expect(retry?.idempotencyKey).toBe(first?.idempotencyKey)
    await expect(backend.server.snapshot()['orders']).toEqual([{ id: '1', item: 'Notebook', quantity: '3' }])
  },
}

/** Offline: three attempts fail, the draft stays; a reload restores it with a notice; back online, it saves on the loaded version. */
export const DraftSurvivesReload: Story = {
  render: (_args, context) => {
    const backend = demoBackendOf(context)
    return (
      <Scenario
        title="Offline: the draft survives, and a reload restores it"
        description="The network is down for three attempts: the save fails and says so, and your edit stays. Reload the page: the draft comes back from sessionStorage. Save again when the network is back."
        backend={backend}
        record={{ resource: 'profiles', id: 'ada' }}
      >
        <Reloadable>
          {() => (
            <Person name="Ada">
              <RecordForm
                backend={backend}
                resource="profiles"
                id="ada"
                fields={{ name: 'Name', city: 'City' }}
                retryDelay={() => 200}
              />
            </Person>
          )}
        </Reloadable>
      </Scenario>
    )
  },
  play: async ({ canvasElement, loaded }) => {
    const backend = demoBackendOf({ loaded })
    const v1 = etagOf(backend, 'profiles', 'ada')
    backend.failNext('network', { count: 3 })
    let ada = await loadedPanel(canvasElement, 'Ada', 'Name')
    await replaceText(ada.getByRole('textbox', { name: 'City' }), 'Paris')
    await userEvent.click(ada.getByRole('button', { name: 'Save' }))
    await waitFor(
      () =>
        expect(ada.getByRole('status', { name: 'Save status' })).toHaveTextContent(
          /^Not saved: .*Your changes are kept\.$/,
        ),
      {
        timeout: 5000,
      },
    )
    await expect(ada.getByRole('textbox', { name: 'City' })).toHaveValue('Paris')
    await expect(writeLines(backend)).toEqual([
      `PUT /profiles/ada If-Match ${v1} → network error`,
      `PUT /profiles/ada If-Match ${v1} → network error`,
      `PUT /profiles/ada If-Match ${v1} → network error`,
    ])

    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Reload the page' }))
    ada = await loadedPanel(canvasElement, 'Ada', 'Name')
    await waitFor(() => expect(ada.getByRole('status', { name: 'Restored draft' })).toBeVisible())
    await expect(ada.getByRole('textbox', { name: 'City' })).toHaveValue('Paris')
    await expect(backend.server.inspect('profiles', 'ada')?.data['city']).toBe('London')

    await userEvent.click(ada.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(ada.getByRole('status', { name: 'Save status' })).toHaveTextContent('Saved.'))
    await expect(writeLines(backend).at(-1)).toBe(`PUT /profiles/ada If-Match ${v1} → 200`)
    await expect(backend.server.inspect('profiles', 'ada')?.data['city']).toBe('Paris')
  },
}
