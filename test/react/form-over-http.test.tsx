/**
 * The hooks in a real form (jsdom + user-event) against the reference server on a loopback port: what
 * the person does, and exactly which requests reach the server.
 */
import { screen, render, waitFor, act } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startTodoServer, stripConflictBody } from '../save/http-server'
import { createTestClient, TodoForm, withClient } from './support'

let server: Awaited<ReturnType<typeof startTodoServer>>

beforeEach(async () => {
  server = await startTodoServer()
})
afterEach(async () => {
  await server.close()
})

const summary = () => server.log.map((entry) => `${entry.method} ${entry.status ?? 'dropped'}`)

async function openForm(mutation = {}) {
  const user = userEvent.setup()
  const client = createTestClient()
  render(<TodoForm origin={server.url} mutation={mutation} />, { wrapper: withClient(client) })
  const title = await screen.findByLabelText('Title')
  return { user, client, title }
}

async function saved() {
  await waitFor(() => expect(screen.getByLabelText('status')).toHaveTextContent('saved'))
}

describe('a todo form over HTTP', () => {
  it('load and a clean save: one GET and one conditional PUT, nothing more', async () => {
    const { user, title } = await openForm()
    const etag = server.reference.inspect('todos', '1')!.etag
    await user.type(title, ' and eggs')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await saved()
    expect(summary()).toEqual(['GET 200', 'PUT 200'])
    expect(server.log[1]).toMatchObject({ ifMatch: etag, body: { title: 'Buy milk and eggs' } })
  })

  it('someone else changed another field: merged without asking, no extra GET', async () => {
    const { user, title } = await openForm()
    await user.type(title, ' and eggs')
    await server.changeElsewhere('1', { notes: 'three litres' })
    server.log.length = 0
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await saved()
    expect(summary()).toEqual(['PUT 412', 'PUT 200'])
    expect(screen.getByLabelText('Notes')).toHaveValue('three litres')
    expect(server.reference.inspect('todos', '1')?.data).toMatchObject({
      title: 'Buy milk and eggs',
      notes: 'three litres',
    })
  })

  it('a conflict response without the record: exactly one GET', async () => {
    const { user, title } = await openForm()
    await user.type(title, ' and eggs')
    await server.changeElsewhere('1', { notes: 'three litres' })
    server.log.length = 0
    server.intercept(stripConflictBody)
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await saved()
    expect(summary()).toEqual(['PUT 412', 'GET 200', 'PUT 200'])
  })

  it('both changed the title: the conflict waits for the person, then saves on theirs version', async () => {
    const { user, title } = await openForm()
    await user.clear(title)
    await user.type(title, 'Oat milk')
    const theirs = await server.changeElsewhere('1', { title: 'Soy milk' })
    await user.click(screen.getByRole('button', { name: 'Save' }))
    expect(await screen.findByRole('dialog', { name: 'Conflict' })).toHaveTextContent(
      'title: mine Oat milk / theirs Soy milk',
    )
    server.log.length = 0
    await user.click(screen.getByRole('button', { name: 'Keep mine' }))
    await saved()
    expect(server.log).toMatchObject([{ method: 'PUT', ifMatch: theirs, status: 200 }])
    expect(server.reference.inspect('todos', '1')?.data.title).toBe('Oat milk')
  })

  it('a dropped connection is retried and the person sees a saved form', async () => {
    const { user, title } = await openForm({ retryDelay: () => 10 })
    await user.type(title, '!')
    server.intercept(() => 'drop' as const)
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await saved()
    expect(summary()).toEqual(['GET 200', 'PUT dropped', 'PUT 200'])
  })

  it('a refetch brings a newer version: the notice shows, the save still sends the loaded ETag', async () => {
    const { user, client, title } = await openForm()
    const loaded = server.reference.inspect('todos', '1')!.etag
    await user.type(title, '!')
    await server.changeElsewhere('1', { done: true })
    await act(() => client.invalidateQueries({ queryKey: ['todo', '1'] }))
    expect(await screen.findByRole('region', { name: 'Changed elsewhere' })).toHaveTextContent('by ana')
    server.log.length = 0
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await saved()
    expect(server.log[0]).toMatchObject({ method: 'PUT', ifMatch: loaded, status: 412 })
    expect(server.reference.inspect('todos', '1')?.data).toMatchObject({ title: 'Buy milk!', done: true })
  })
})
