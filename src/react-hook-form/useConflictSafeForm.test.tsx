import { act, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useForm } from 'react-hook-form'
import { describe, expect, it } from 'vitest'
import { createTestClient, inProcessServer, withClient, type Todo } from '../../test/react/support.js'
import {
  useConflictSafeMutation,
  type UseConflictSafeMutationOptions,
} from '../react/useConflictSafeMutation.js'
import { useVersionedQuery } from '../react/useVersionedQuery.js'
import { useConflictSafeForm } from './useConflictSafeForm.js'

function setup(options: Parameters<typeof inProcessServer>[0] = {}) {
  const api = inProcessServer(options)
  const client = createTestClient()
  return { ...api, client, Wrapper: withClient(client) }
}

type Api = ReturnType<typeof setup>

function RhfTodoForm({
  api,
  mutation,
}: {
  api: Api
  mutation?: Partial<UseConflictSafeMutationOptions<Todo>>
}) {
  const url = `${api.origin}/todos/1`
  const doc = useVersionedQuery<Todo>({ queryKey: ['todo', '1'], url, fetch: api.fetch })
  const save = useConflictSafeMutation<Todo>({
    queryKey: ['todo', '1'],
    request: { url, fetch: api.fetch },
    debounceMs: 0,
    ...mutation,
  })
  const form = useForm<Todo>()
  const { onSubmit } = useConflictSafeForm({ form, save })
  const { dirtyFields, isDirty } = form.formState
  return (
    <form onSubmit={onSubmit} aria-label="Todo">
      <label>
        Title <input {...form.register('title', { required: true })} />
      </label>
      <label>
        Notes <input {...form.register('notes')} />
      </label>
      <button {...save.getSubmitButtonProps()}>Save</button>
      <output aria-label="status">{save.status}</output>
      <output aria-label="dirty">{isDirty ? Object.keys(dirtyFields).sort().join(',') : 'clean'}</output>
      {doc.remoteChange && (
        <button type="button" onClick={() => doc.rebase()}>
          Take their changes
        </button>
      )}
      {save.restoredDraft && <p>Restored your unsaved changes</p>}
    </form>
  )
}

async function openForm(api: Api, mutation?: Partial<UseConflictSafeMutationOptions<Todo>>) {
  const user = userEvent.setup()
  const view = render(<RhfTodoForm api={api} {...(mutation && { mutation })} />, { wrapper: api.Wrapper })
  await waitFor(() => expect(screen.getByLabelText('Title')).toHaveValue('Buy milk'))
  return { user, view }
}

describe('react-hook-form adapter', () => {
  it('fills the form from the loaded record, tracks dirty fields and saves once; clean after the save', async () => {
    const api = setup()
    const { user } = await openForm(api)
    expect(screen.getByLabelText('dirty')).toHaveTextContent('clean')
    await user.type(screen.getByLabelText('Title'), ' and eggs')
    expect(screen.getByLabelText('dirty')).toHaveTextContent('title')
    for (let i = 0; i < 5; i++) await user.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(screen.getByLabelText('status')).toHaveTextContent('saved'))
    expect(api.count('PUT')).toBe(1)
    expect(api.server.inspect('todos', '1')?.data.title).toBe('Buy milk and eggs')
    expect(screen.getByLabelText('dirty')).toHaveTextContent('clean')
    expect(screen.getByLabelText('Title')).toHaveValue('Buy milk and eggs')
  })

  it('keeps edits made during a save, still dirty, on top of the saved record', async () => {
    const api = setup({ delayMs: (request) => (request.method === 'PUT' ? 60 : 0) })
    const { user } = await openForm(api)
    await user.type(screen.getByLabelText('Title'), '!')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await user.type(screen.getByLabelText('Notes'), ', cold')
    await waitFor(() => expect(screen.getByLabelText('status')).toHaveTextContent('saved'))
    expect(screen.getByLabelText('Title')).toHaveValue('Buy milk!')
    expect(screen.getByLabelText('Notes')).toHaveValue('two litres, cold')
    expect(screen.getByLabelText('dirty')).toHaveTextContent('notes')
    expect(api.server.inspect('todos', '1')?.data).toMatchObject({ title: 'Buy milk!', notes: 'two litres' })
  })

  it('resets with the merged values after a conflict merged cleanly', async () => {
    const api = setup()
    const { user } = await openForm(api)
    await user.type(screen.getByLabelText('Title'), '!')
    await api.changeElsewhere('1', { notes: 'three litres' })
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(screen.getByLabelText('status')).toHaveTextContent('saved'))
    expect(screen.getByLabelText('Notes')).toHaveValue('three litres')
    expect(screen.getByLabelText('Title')).toHaveValue('Buy milk!')
    expect(screen.getByLabelText('dirty')).toHaveTextContent('clean')
  })

  it('a rebase takes theirs in and keeps the dirty fields dirty', async () => {
    const api = setup()
    const { user } = await openForm(api)
    await user.type(screen.getByLabelText('Title'), '!')
    await api.changeElsewhere('1', { notes: 'three litres' })
    await act(() => api.client.invalidateQueries({ queryKey: ['todo', '1'] }))
    // A background refetch changes nothing in the form.
    expect(screen.getByLabelText('Notes')).toHaveValue('two litres')
    await user.click(await screen.findByRole('button', { name: 'Take their changes' }))
    expect(screen.getByLabelText('Notes')).toHaveValue('three litres')
    expect(screen.getByLabelText('Title')).toHaveValue('Buy milk!')
    expect(screen.getByLabelText('dirty')).toHaveTextContent('title')
  })

  it('validation failures send nothing', async () => {
    const api = setup()
    const { user } = await openForm(api)
    await user.clear(screen.getByLabelText('Title'))
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(api.count('PUT')).toBe(0)
  })

  it('a restored draft comes back into the form as dirty values after a reload', async () => {
    const api = setup()
    const { user, view } = await openForm(api)
    await user.type(screen.getByLabelText('Notes'), ' (draft)')
    view.unmount()
    const client = createTestClient()
    render(<RhfTodoForm api={{ ...api, client, Wrapper: withClient(client) }} />, {
      wrapper: withClient(client),
    })
    await waitFor(() => expect(screen.getByLabelText('Notes')).toHaveValue('two litres (draft)'))
    expect(screen.getByText('Restored your unsaved changes')).toBeInTheDocument()
    expect(screen.getByLabelText('dirty')).toHaveTextContent('notes')
  })
})
