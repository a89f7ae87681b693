import type { Meta, StoryObj } from '@storybook/react-vite'
import type { ReactNode } from 'react'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { ConflictDialog } from '../../src/dialog/index'
import { useConflictSafeMutation, useVersionedQuery } from '../../src/react/index'
import {
  type DemoBackend,
  demoBackendHandler,
  demoBackendLoader,
  demoBackendOf,
} from '../support/demo-backend'
import { EditingVersion, SaveStatus } from '../support/FormParts'
import { Person, usePerson } from '../support/Person'
import { etagOf, openedDialog, panelOf, replaceText, writeLines } from '../support/play'
import { Scenario } from '../support/Scenario'
import { demoQueryKey } from '../support/useDemoRecord'

interface Project {
  readonly id?: string
  readonly name: string
  readonly slug: string
}

const emptyProject: Project = { name: '', slug: '' }

/** A create form: POST with one Idempotency-Key per action; a taken slug comes back as a typed duplicate. */
function ProjectCreateForm({
  backend,
  retryDelayMs,
}: {
  readonly backend: DemoBackend
  /** Fixed wait before a retry. Default: the library's (Retry-After, else 1 s, 2 s, 4 s…). */
  readonly retryDelayMs?: number
}): ReactNode {
  const person = usePerson()
  const save = useConflictSafeMutation<Project>({
    queryKey: demoQueryKey(backend, 'projects', 'new'),
    request: { url: backend.url('/projects'), method: 'POST', headers: person.headers },
    draftStore: person.draftStore,
    ...(retryDelayMs !== undefined && { retryDelay: () => retryDelayMs }),
  })
  const draft = save.draft ?? emptyProject
  const edit = (change: Partial<Project>) =>
    save.setDraft((previous) => ({ ...(previous ?? emptyProject), ...change }))
  return (
    <>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          save.mutate()
        }}
      >
        <label>
          Name
          <input value={draft.name} onChange={(event) => edit({ name: event.target.value })} />
        </label>
        <label>
          Slug
          <input value={draft.slug} onChange={(event) => edit({ slug: event.target.value })} />
        </label>
        <div className="demo-actions">
          <button {...save.getSubmitButtonProps()}>Create project</button>
        </div>
        <SaveStatus save={save} />
        {save.isSuccess && save.data?.id !== undefined && (
          <p className="demo-status">Created project {save.data.id}.</p>
        )}
      </form>
      <ConflictDialog conflict={save.conflict} labels={{ name: 'Name', slug: 'Slug' }} />
    </>
  )
}

interface Notebook {
  readonly id: string
  readonly name: string
}

/** Deleting a notebook: `request: { url, method: 'DELETE' }`, a DELETE conditioned on the loaded version (If-Match). */
function NotebookDelete({ backend }: { readonly backend: DemoBackend }): ReactNode {
  const person = usePerson()
  const queryKey = demoQueryKey(backend, 'notebooks', 'work')
  const url = backend.url('/notebooks/work')
  const doc = useVersionedQuery<Notebook>({
    queryKey,
    url,
    headers: person.headers,
    refetchOnWindowFocus: false,
  })
  const save = useConflictSafeMutation<Notebook>({
    queryKey,
    request: { url, method: 'DELETE', headers: person.headers },
    draftStore: person.draftStore,
  })
  if (doc.data === undefined) return <p>Loading…</p>
  return (
    <>
      <p>
        Notebook <strong>{doc.data.name}</strong>
      </p>
      <div className="demo-actions">
        <button {...save.getSubmitButtonProps({ type: 'button' })}>Delete notebook</button>
      </div>
      <SaveStatus save={save} />
      <EditingVersion save={save} />
      <ConflictDialog conflict={save.conflict} />
    </>
  )
}

/** A misconfigured client: its own `mutationFn` forgets to send the `headers` it is given (the precondition). */
function ForgetfulForm({ backend }: { readonly backend: DemoBackend }): ReactNode {
  const person = usePerson()
  const queryKey = demoQueryKey(backend, 'contracts', '1')
  const url = backend.url('/contracts/1')
  const doc = useVersionedQuery<Record<string, string>>({
    queryKey,
    url,
    headers: person.headers,
    refetchOnWindowFocus: false,
  })
  const save = useConflictSafeMutation<Record<string, string>>({
    queryKey,
    // The bug: `headers` (If-Match) is not passed on.
    mutationFn: ({ values, signal }) =>
      fetch(url, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', ...person.headers },
        body: JSON.stringify(values),
        signal,
      }),
    draftStore: person.draftStore,
  })
  if (doc.data === undefined || save.draft === undefined) return <p>Loading…</p>
  const draft = save.draft
  return (
    <>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          save.mutate()
        }}
      >
        <label>
          Title
          <input
            value={draft['title'] ?? ''}
            onChange={(event) => save.setDraft({ ...draft, title: event.target.value })}
          />
        </label>
        <div className="demo-actions">
          <button {...save.getSubmitButtonProps()}>Save</button>
        </div>
        <SaveStatus save={save} />
      </form>
      {/* The 428 view is for developers: shown in development builds; forced on here for the demo. */}
      <ConflictDialog conflict={save.conflict} development />
    </>
  )
}

/**
 * What the server refuses for reasons no merge can fix, each reaching the form as a typed state (never an
 * exception) and shown by the dialog's own view: a duplicate on create, a delete blocked by references, a
 * missing precondition (428), and a repeat of a create that is still in progress.
 */
const meta = {
  title: 'Scenarios/Server rules',
  loaders: [
    demoBackendLoader({
      resources: {
        projects: { unique: ['slug'] },
        notebooks: {},
        notes: { references: { notebookId: 'notebooks' } },
        contracts: { requirePrecondition: true },
      },
      seed: {
        projects: [{ id: '1', name: 'Acme', slug: 'acme' }],
        notebooks: [{ id: 'work', name: 'Work' }],
        notes: [
          { id: '1', title: 'Standup', notebookId: 'work' },
          { id: '2', title: 'Roadmap', notebookId: 'work' },
        ],
        contracts: [{ id: '1', title: 'Lease' }],
      },
    }),
  ],
  parameters: { msw: { handlers: [demoBackendHandler] } },
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/** Creating a project whose slug is taken: 409 duplicate names the field; a new slug is sent with a new Idempotency-Key. */
export const DuplicateCreate: Story = {
  render: (_args, context) => {
    const backend = demoBackendOf(context)
    return (
      <Scenario
        title="Duplicate create (409)"
        description="Create a project with the slug 'acme': the server's uniqueness rule refuses it and names the field. Change the slug in the dialog and save again."
        backend={backend}
      >
        <Person name="Ada">
          <ProjectCreateForm backend={backend} />
        </Person>
      </Scenario>
    )
  },
  play: async ({ canvasElement, loaded }) => {
    const backend = demoBackendOf({ loaded })
    const ada = panelOf(canvasElement, 'Ada')
    await userEvent.type(ada.getByRole('textbox', { name: 'Name' }), 'Acme Corporation')
    await userEvent.type(ada.getByRole('textbox', { name: 'Slug' }), 'acme')
    await userEvent.click(ada.getByRole('button', { name: 'Create project' }))

    const dialog = await openedDialog(canvasElement, "'acme' is already taken")
    await expect(dialog.getByRole('link', { name: 'Open the existing record (new tab)' })).toHaveAttribute(
      'href',
      expect.stringContaining(backend.url('/projects/1')),
    )
    await replaceText(dialog.getByRole('textbox', { name: 'New value for Slug' }), 'acme-corp')
    await userEvent.click(dialog.getByRole('button', { name: 'Save with this value' }))
    await waitFor(() => expect(ada.getByRole('status', { name: 'Save status' })).toHaveTextContent('Saved.'))

    await expect(writeLines(backend)).toEqual([
      'POST /projects Idempotency-Key → 409 duplicate',
      'POST /projects Idempotency-Key → 201',
    ])
    const [first, second] = backend.log.writes
    await expect(first?.idempotencyKey).not.toBe(second?.idempotencyKey)
    await expect(backend.server.snapshot()['projects']?.map((project) => project['slug'])).toEqual([
      'acme',
      'acme-corp',
    ])
  },
}

/** Deleting a notebook that notes still refer to: 409 state-conflict with the server's message, shown as text; Reload keeps the page usable. */
export const DeleteBlockedByReferences: Story = {
  render: (_args, context) => {
    const backend = demoBackendOf(context)
    return (
      <Scenario
        title="A delete blocked by references (409 state rule)"
        description="Delete the notebook 'Work': two notes still refer to it, so the server refuses with a state rule and says why."
        backend={backend}
        record={{ resource: 'notebooks', id: 'work' }}
      >
        <Person name="Ada">
          <NotebookDelete backend={backend} />
        </Person>
      </Scenario>
    )
  },
  play: async ({ canvasElement, loaded }) => {
    const backend = demoBackendOf({ loaded })
    const etag = etagOf(backend, 'notebooks', 'work')
    const ada = panelOf(canvasElement, 'Ada')
    await userEvent.click(await ada.findByRole('button', { name: 'Delete notebook' }))

    const dialog = await openedDialog(canvasElement, 'The server did not accept this change')
    await expect(
      dialog.getByText(/cannot be deleted: 2 record\(s\) of notes still refer to it/),
    ).toBeVisible()
    await expect(writeLines(backend)).toEqual([
      `DELETE /notebooks/work If-Match ${etag} → 409 state-conflict`,
    ])
    await userEvent.click(dialog.getByRole('button', { name: 'Reload' }))
    await waitFor(() => expect(within(canvasElement).queryByRole('dialog')).toBeNull())
    await expect(backend.server.inspect('notebooks', 'work')).toBeDefined()
    await expect(backend.server.snapshot()['notes']).toHaveLength(2)
  },
}

/** A client that forgets the precondition: the server demands one (428); the developer view says how to fix it. */
export const PreconditionRequired: Story = {
  render: (_args, context) => {
    const backend = demoBackendOf(context)
    return (
      <Scenario
        title="A 428 misconfiguration"
        description="This form's own mutationFn forgets to send the headers it is given. The server requires a precondition and answers 428; the dialog's developer view explains it, and nothing is overwritten."
        backend={backend}
        record={{ resource: 'contracts', id: '1' }}
      >
        <Person name="Ada">
          <ForgetfulForm backend={backend} />
        </Person>
      </Scenario>
    )
  },
  play: async ({ canvasElement, loaded }) => {
    const backend = demoBackendOf({ loaded })
    const ada = panelOf(canvasElement, 'Ada')
    await replaceText(await ada.findByRole('textbox', { name: 'Title' }), 'Lease (signed)')
    await userEvent.click(ada.getByRole('button', { name: 'Save' }))

    const dialog = await openedDialog(
      canvasElement,
      'Developer error: the server requires a precondition (428)',
    )
    // The server's own explanation, as text, for the developer.
    await expect(dialog.getByText(/must be conditional: send If-Match/)).toBeVisible()
    await expect(writeLines(backend)).toEqual(['PUT /contracts/1 → 428 precondition-required'])
    await expect(backend.server.inspect('contracts', '1')?.data['title']).toBe('Lease')
  },
}

/** A create whose response was lost while the server still works on it: retries carry the same key, get 409 in-progress, and finally the first response replayed. */
export const IdempotencyInProgress: Story = {
  render: (_args, context) => {
    const backend = demoBackendOf(context)
    return (
      <Scenario
        title="An in-progress idempotency 409"
        description="The server takes 2.5 s to create a project and the first connection drops. The retries carry the same Idempotency-Key: the server answers 409 in-progress while it works; after three attempts the form says so. Retry once it is done: the server replays the first response. One project is created."
        backend={backend}
      >
        <Person name="Ada">
          <ProjectCreateForm backend={backend} retryDelayMs={300} />
        </Person>
      </Scenario>
    )
  },
  play: async ({ canvasElement, loaded }) => {
    const backend = demoBackendOf({ loaded })
    backend.setDelay((request) => (request.method === 'POST' ? 2500 : 0))
    backend.failNext('lost-response', { method: 'POST' })
    const ada = panelOf(canvasElement, 'Ada')
    await userEvent.type(ada.getByRole('textbox', { name: 'Name' }), 'Bravo')
    await userEvent.type(ada.getByRole('textbox', { name: 'Slug' }), 'bravo')
    await userEvent.click(ada.getByRole('button', { name: 'Create project' }))

    // Three attempts (the default), all with the same key; the server is still working: a typed state.
    const dialog = await openedDialog(canvasElement, 'Your save is still being processed')
    await expect(writeLines(backend)).toEqual([
      'POST /projects Idempotency-Key → network error',
      'POST /projects Idempotency-Key → 409 in-progress',
      'POST /projects Idempotency-Key → 409 in-progress',
    ])
    // The person waits until the server is done, then retries: the first response is replayed.
    await waitFor(() => expect(backend.server.snapshot()['projects']).toHaveLength(2), { timeout: 5000 })
    await userEvent.click(dialog.getByRole('button', { name: 'Retry' }))
    await waitFor(() => expect(ada.getByRole('status', { name: 'Save status' })).toHaveTextContent('Saved.'))
    await expect(writeLines(backend).at(-1)).toBe('POST /projects Idempotency-Key → 201 replayed')
    await expect(new Set(backend.log.writes.map((entry) => entry.idempotencyKey)).size).toBe(1)
    await expect(backend.server.snapshot()['projects']?.map((project) => project['slug'])).toEqual([
      'acme',
      'bravo',
    ])
  },
}
