import type { Meta, StoryObj } from '@storybook/react-vite'
import type { ReactNode } from 'react'
import { useForm } from 'react-hook-form'
import { expect, userEvent, waitFor } from 'storybook/test'
import { ConflictDialog } from '../../src/dialog/index'
import { useConflictSafeForm } from '../../src/react-hook-form/index'
import {
  type DemoBackend,
  demoBackendHandler,
  demoBackendLoader,
  demoBackendOf,
} from '../support/demo-backend'
import { EditingVersion, SaveStatus } from '../support/FormParts'
import { Person } from '../support/Person'
import { etagOf, loadedPanel, replaceText, writeLines } from '../support/play'
import { Scenario } from '../support/Scenario'
import { useDemoRecord } from '../support/useDemoRecord'

interface Task {
  readonly id: string
  readonly title: string
  readonly notes: string
}

/** A react-hook-form form connected with `useConflictSafeForm` from `conflict-safe/react-hook-form`. */
function TaskForm({ backend }: { readonly backend: DemoBackend }): ReactNode {
  const { doc, save } = useDemoRecord<Task>({
    backend,
    resource: 'tasks',
    id: '1',
    merge: { text: ['notes'] },
  })
  const form = useForm<Task>({ defaultValues: { id: '1', title: '', notes: '' } })
  const { onSubmit } = useConflictSafeForm({ form, save })
  const { errors, dirtyFields } = form.formState
  const dirty = Object.keys(dirtyFields).sort().join(', ')
  if (doc.isError) return <p role="alert">Could not load the task: {doc.error?.message}</p>
  return (
    <>
      <form onSubmit={onSubmit} noValidate>
        <label>
          Title
          <input
            aria-invalid={errors.title ? true : undefined}
            {...form.register('title', { required: 'A title is required.' })}
          />
        </label>
        {errors.title && (
          <p className="demo-error" role="alert">
            {errors.title.message}
          </p>
        )}
        <label>
          Notes
          <textarea {...form.register('notes')} />
        </label>
        <div className="demo-actions">
          <button {...save.getSubmitButtonProps()}>Save</button>
        </div>
        <p className="demo-status" aria-label="Dirty fields">
          Dirty fields: {dirty === '' ? 'none' : dirty}
        </p>
        <SaveStatus save={save} />
        <EditingVersion save={save} />
      </form>
      <ConflictDialog conflict={save.conflict} labels={{ title: 'Title', notes: 'Notes' }} />
    </>
  )
}

/**
 * react-hook-form with `conflict-safe/react-hook-form`: typing goes into the save's draft; when the record
 * changes under the form (a save, a merge), the form is reset to the new base and the fields the person is
 * still editing stay dirty — including what they typed while a save was in flight.
 */
const meta = {
  title: 'Scenarios/react-hook-form',
  loaders: [
    demoBackendLoader({
      resources: { tasks: {} },
      seed: { tasks: [{ id: '1', title: 'Write the release notes', notes: 'Draft in the wiki.' }] },
    }),
  ],
  parameters: { msw: { handlers: [demoBackendHandler] } },
  render: (_args, context) => {
    const backend = demoBackendOf(context)
    return (
      <Scenario
        title="A react-hook-form form"
        description="Both forms use react-hook-form through useConflictSafeForm. Validation runs first; a refused save is merged into the form; typing during a save is kept and stays dirty."
        backend={backend}
        record={{ resource: 'tasks', id: '1' }}
      >
        <Person name="Ada">
          <TaskForm backend={backend} />
        </Person>
        <Person name="Bob">
          <TaskForm backend={backend} />
        </Person>
      </Scenario>
    )
  },
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/** Validation blocks an empty title (no request); Bob's notes are merged into Ada's form when her save is refused. */
export const ValidatedAndMerged: Story = {
  play: async ({ canvasElement, loaded }) => {
    const backend = demoBackendOf({ loaded })
    const v1 = etagOf(backend, 'tasks', '1')
    const ada = await loadedPanel(canvasElement, 'Ada')
    const bob = await loadedPanel(canvasElement, 'Bob')

    await replaceText(ada.getByRole('textbox', { name: 'Title' }), '')
    await userEvent.click(ada.getByRole('button', { name: 'Save' }))
    await expect(await ada.findByRole('alert')).toHaveTextContent('A title is required.')
    await expect(backend.log.writes).toHaveLength(0)

    await replaceText(bob.getByRole('textbox', { name: 'Notes' }), 'Draft in the wiki. Reviewed by Bob.')
    await userEvent.click(bob.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(bob.getByRole('status', { name: 'Save status' })).toHaveTextContent('Saved.'))
    const v2 = etagOf(backend, 'tasks', '1')

    await userEvent.type(ada.getByRole('textbox', { name: 'Title' }), 'Write the 2.0 release notes')
    await expect(ada.getByLabelText('Dirty fields')).toHaveTextContent('Dirty fields: title')
    await userEvent.click(ada.getByRole('button', { name: 'Save' }))
    await waitFor(() =>
      expect(ada.getByRole('status', { name: 'Save status' })).toHaveTextContent(
        'Saved, merged with 1 change made elsewhere.',
      ),
    )
    await expect(ada.getByRole('textbox', { name: 'Notes' })).toHaveValue(
      'Draft in the wiki. Reviewed by Bob.',
    )
    await expect(ada.getByLabelText('Dirty fields')).toHaveTextContent('Dirty fields: none')
    await expect(writeLines(backend)).toEqual([
      `PUT /tasks/1 If-Match ${v1} → 200`,
      `PUT /tasks/1 If-Match ${v1} → 412 stale`,
      `PUT /tasks/1 If-Match ${v2} → 200`,
    ])
    await expect(backend.server.inspect('tasks', '1')?.data).toMatchObject({
      title: 'Write the 2.0 release notes',
      notes: 'Draft in the wiki. Reviewed by Bob.',
    })
  },
}

/** Ada keeps typing in Notes while her title is being saved: the save returns, her typing stays, still dirty, and saves next. */
export const TypingDuringSaveIsKept: Story = {
  play: async ({ canvasElement, loaded }) => {
    const backend = demoBackendOf({ loaded })
    backend.setDelay((request) => (request.method === 'PUT' ? 1500 : 0))
    const ada = await loadedPanel(canvasElement, 'Ada')

    await replaceText(ada.getByRole('textbox', { name: 'Title' }), 'Publish the release notes')
    await userEvent.click(ada.getByRole('button', { name: 'Save' }))
    await waitFor(() =>
      expect(ada.getByRole('button', { name: 'Save' })).toHaveAttribute('aria-busy', 'true'),
    )
    await userEvent.type(ada.getByRole('textbox', { name: 'Notes' }), ' Link from the blog.')
    // Typed while the write was in flight.
    await expect(ada.getByRole('button', { name: 'Save' })).toHaveAttribute('aria-busy', 'true')
    await waitFor(
      () => expect(ada.getByRole('status', { name: 'Save status' })).toHaveTextContent('Saved.'),
      {
        timeout: 5000,
      },
    )

    // The server has the title only; the form kept the typing and knows it is unsaved.
    await expect(backend.server.inspect('tasks', '1')?.data).toMatchObject({
      title: 'Publish the release notes',
      notes: 'Draft in the wiki.',
    })
    await expect(ada.getByRole('textbox', { name: 'Title' })).toHaveValue('Publish the release notes')
    await expect(ada.getByRole('textbox', { name: 'Notes' })).toHaveValue(
      'Draft in the wiki. Link from the blog.',
    )
    await expect(ada.getByLabelText('Dirty fields')).toHaveTextContent('Dirty fields: notes')

    await userEvent.click(ada.getByRole('button', { name: 'Save' }))
    await waitFor(
      () =>
        expect(backend.server.inspect('tasks', '1')?.data['notes']).toBe(
          'Draft in the wiki. Link from the blog.',
        ),
      {
        timeout: 5000,
      },
    )
    await expect(backend.log.writes.map((entry) => entry.status)).toEqual([200, 200])
  },
}
