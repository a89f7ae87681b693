/**
 * One action, one request, in a real browser (Chromium): real clicks and key presses through the
 * browser's input pipeline, implicit form submission, and React's real scheduling.
 */
import { render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { createTestClient, inProcessServer, TodoForm, withClient } from '../../test/react/support.js'

function setup(putDelayMs: number) {
  const api = inProcessServer({ delayMs: (request) => (request.method === 'PUT' ? putDelayMs : 0) })
  const client = createTestClient()
  return { ...api, Wrapper: withClient(client) }
}

async function editedForm(api: ReturnType<typeof setup>, mutation = {}) {
  render(<TodoForm origin={api.origin} fetch={api.fetch} mutation={mutation} />, { wrapper: api.Wrapper })
  const title = await screen.findByLabelText('Title')
  await userEvent.fill(title, 'Buy oat milk')
  return title
}

describe('in Chromium: ten submits, one write', () => {
  it('ten rapid clicks on Save send exactly one PUT', async () => {
    const api = setup(30)
    await editedForm(api)
    const button = screen.getByRole('button', { name: 'Save' })
    for (let i = 0; i < 10; i++) await userEvent.click(button)
    await waitFor(() => expect(screen.getByLabelText('status')).toHaveTextContent('saved'))
    expect(api.count('PUT')).toBe(1)
    expect(api.server.inspect('todos', '1')?.data.title).toBe('Buy oat milk')
  })

  it('ten Enter presses in a field send exactly one PUT', async () => {
    const api = setup(30)
    const title = await editedForm(api)
    await userEvent.click(title)
    for (let i = 0; i < 10; i++) await userEvent.keyboard('{Enter}')
    await waitFor(() => expect(screen.getByLabelText('status')).toHaveTextContent('saved'))
    expect(api.count('PUT')).toBe(1)
  })

  it('ten clicks in one task (before React re-renders the button disabled), no debounce: the lock alone sends one PUT', async () => {
    const api = setup(30)
    await editedForm(api, { debounceMs: 0 })
    const button = screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement
    for (let i = 0; i < 10; i++) button.click()
    await waitFor(() => expect(screen.getByLabelText('status')).toHaveTextContent('saved'))
    expect(api.count('PUT')).toBe(1)
  })

  it('the button is disabled and busy while the write is in flight', async () => {
    const api = setup(300)
    await editedForm(api)
    const button = screen.getByRole('button', { name: 'Save' })
    await userEvent.click(button)
    await waitFor(() => expect(button).toHaveAttribute('aria-busy', 'true'))
    expect(button).toBeDisabled()
    expect(button).toHaveAttribute('aria-disabled', 'true')
    await waitFor(() => expect(button).toBeEnabled())
  })
})
