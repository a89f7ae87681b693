import type { Meta, StoryObj } from '@storybook/react-vite'
import type { ReactNode } from 'react'
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
import { etagOf, loadedPanel, panelOf, writeLines } from '../support/play'
import { RecordForm } from '../support/RecordForm'
import { Scenario } from '../support/Scenario'
import { demoQueryKey } from '../support/useDemoRecord'

interface Tag {
  readonly id?: string
  readonly label: string
}

/** A one-field create form: Enter in the box submits it. */
function TagCreateForm({ backend }: { readonly backend: DemoBackend }): ReactNode {
  const person = usePerson()
  const save = useConflictSafeMutation<Tag>({
    queryKey: demoQueryKey(backend, 'tags', 'new'),
    request: { url: backend.url('/tags'), method: 'POST', headers: person.headers },
    draftStore: person.draftStore,
  })
  return (
    <>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          save.mutate()
        }}
      >
        <label>
          New tag
          <input
            value={save.draft?.label ?? ''}
            onChange={(event) => save.setDraft({ label: event.target.value })}
          />
        </label>
        <div className="demo-actions">
          <button {...save.getSubmitButtonProps()}>Add tag</button>
        </div>
        <SaveStatus save={save} />
      </form>
      <ConflictDialog conflict={save.conflict} />
    </>
  )
}

/**
 * One action, one request: a synchronous in-flight lock per record (React state lags a render), a
 * leading-edge debounce of repeated submits, and a Save button that is disabled and busy while saving.
 * The server takes 400 ms per request here, so the repeats land while the first save is in flight.
 */
const meta = {
  title: 'Scenarios/Double submit',
  loaders: [
    demoBackendLoader({
      resources: { notes: {}, tags: {} },
      seed: { notes: [{ id: '1', title: 'Shopping list', body: 'Milk' }] },
      delayMs: 400,
    }),
  ],
  parameters: { msw: { handlers: [demoBackendHandler] } },
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/** Ten clicks in one burst (faster than React can disable the button) and a double click: one PUT. */
export const DoubleClicks: Story = {
  render: (_args, context) => {
    const backend = demoBackendOf(context)
    return (
      <Scenario
        title="Double clicks"
        description="Click Save as often and as fast as you like: the request log shows one write."
        backend={backend}
        record={{ resource: 'notes', id: '1' }}
      >
        <Person name="Ada">
          <RecordForm backend={backend} resource="notes" id="1" fields={{ title: 'Title', body: 'Body' }} />
        </Person>
      </Scenario>
    )
  },
  play: async ({ canvasElement, loaded }) => {
    const backend = demoBackendOf({ loaded })
    const v1 = etagOf(backend, 'notes', '1')
    const ada = await loadedPanel(canvasElement, 'Ada')
    await userEvent.type(ada.getByRole('textbox', { name: 'Body' }), ', eggs')
    const save = ada.getByRole('button', { name: 'Save' })
    // Ten synchronous clicks: all dispatched before React renders the disabled button.
    for (let index = 0; index < 10; index++) save.click()
    await waitFor(() => expect(save).toHaveAttribute('aria-busy', 'true'))
    await expect(save).toBeDisabled()
    await userEvent.dblClick(save)
    await waitFor(() => expect(ada.getByRole('status', { name: 'Save status' })).toHaveTextContent('Saved.'))
    // A late double click after the save, with nothing changed, sends nothing either.
    await userEvent.dblClick(save)
    await new Promise((resolve) => setTimeout(resolve, 500))

    await expect(writeLines(backend)).toEqual([`PUT /notes/1 If-Match ${v1} → 200`])
    await expect(within(canvasElement).getByTestId('write-count')).toHaveTextContent(/, 1 write$/)
  },
}

/** Enter pressed ten times in a create form: one POST, one Idempotency-Key, one record. */
export const RepeatedEnter: Story = {
  render: (_args, context) => {
    const backend = demoBackendOf(context)
    return (
      <Scenario
        title="Repeated Enter"
        description="Type a tag and hold Enter: the form submits on every key press, and one tag is created."
        backend={backend}
      >
        <Person name="Ada">
          <TagCreateForm backend={backend} />
        </Person>
      </Scenario>
    )
  },
  play: async ({ canvasElement, loaded }) => {
    const backend = demoBackendOf({ loaded })
    const ada = panelOf(canvasElement, 'Ada')
    await userEvent.type(ada.getByRole('textbox', { name: 'New tag' }), 'urgent')
    await userEvent.keyboard('{Enter}'.repeat(10))
    await waitFor(() => expect(ada.getByRole('status', { name: 'Save status' })).toHaveTextContent('Saved.'))
    await userEvent.keyboard('{Enter}{Enter}')
    await new Promise((resolve) => setTimeout(resolve, 500))

    await expect(writeLines(backend)).toEqual(['POST /tags Idempotency-Key → 201'])
    await expect(within(canvasElement).getByTestId('write-count')).toHaveTextContent(/, 1 write$/)
    await expect(backend.server.snapshot()['tags']).toEqual([{ id: '1', label: 'urgent' }])
  },
}
