import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { ResponseClassifierPlayground } from './ResponseClassifierPlayground'

/**
 * How `conflict-safe/core` reads the answer to a write, and what precondition it sends. Edit any field: the
 * response is rebuilt in the browser and classified again.
 */
const meta = {
  title: 'Core/Response classifier',
  component: ResponseClassifierPlayground,
  parameters: { layout: 'padded' },
} satisfies Meta<typeof ResponseClassifierPlayground>

export default meta
type Story = StoryObj<typeof meta>

const problemJson = (value: unknown) => JSON.stringify(value, null, 2)

/** Wait until the playground shows `kind` as the outcome (classification is asynchronous). */
async function showsKind(canvas: ReturnType<typeof within>, kind: string) {
  const output = await canvas.findByRole('status', { name: 'Outcome kind' })
  await waitFor(() => expect(output).toHaveTextContent(new RegExp(`^${kind}$`)))
}

/** Someone saved first: a 412 whose problem+json body carries the current record (theirs) and its ETag. */
export const StaleWithTheirs: Story = {
  args: {
    status: 412,
    contentType: 'application/problem+json',
    requestId: 'req-412',
    body: problemJson({
      type: 'https://example.com/problems/stale',
      title: 'Precondition Failed',
      status: 412,
      detail: 'Order 7 was changed by Ana since you loaded it.',
      current: { id: 7, name: "Ana's name", total: 42 },
      etag: 'W/"8"',
      modifiedBy: 'Ana',
    }),
    loadedETag: 'W/"7"',
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await showsKind(canvas, 'stale')
    const theirs = canvas.getByLabelText('Theirs')
    await expect(theirs).toHaveTextContent("Ana's name")
    await expect(theirs).toHaveTextContent('W/\\"8\\"')
    await expect(canvas.getByLabelText('Message')).toHaveTextContent('Order 7 was changed by Ana')
    await expect(canvas.getByLabelText('Outcome')).toHaveTextContent('"requestId": "req-412"')
    // The next save is conditioned on the weak ETag exactly as the server sent it.
    await expect(canvas.getByLabelText('Precondition')).toHaveTextContent('"If-Match": "W/\\"7\\""')
  },
}

/** A successful save: the new version comes from the response's ETag, weak tags included. */
export const SavedWithNewVersion: Story = {
  args: {
    status: 200,
    etag: 'W/"8"',
    body: problemJson({ id: 7, name: 'Mine', total: 42 }),
    loadedETag: 'W/"7"',
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await showsKind(canvas, 'ok')
    await expect(canvas.getByLabelText('New version')).toHaveTextContent('"etag": "W/\\"8\\""')
  },
}

/** A bare 409 (no body) means duplicate on a create and stale on an update: switch the operation to see both. */
export const BareConflict: Story = {
  args: { status: 409, contentType: '', body: '', operation: 'create' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await showsKind(canvas, 'duplicate')
    await userEvent.selectOptions(canvas.getByLabelText('Operation'), 'update')
    await showsKind(canvas, 'stale')
    await expect(await canvas.findByLabelText('Theirs')).toHaveTextContent('fetch it with fetchResource')
  },
}

/** A uniqueness rule on create, named by the problem's type, with the field and the existing record. */
export const Duplicate: Story = {
  args: {
    status: 409,
    contentType: 'application/problem+json',
    operation: 'create',
    body: problemJson({
      type: 'https://example.com/problems/already-exists',
      title: 'Already exists',
      detail: "The slug 'acme' is already taken.",
      field: 'slug',
      value: 'acme',
      existing: '/orgs/41',
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await showsKind(canvas, 'duplicate')
    await expect(canvas.getByLabelText('Outcome')).toHaveTextContent('"field": "slug"')
    await expect(canvas.getByLabelText('Message')).toHaveTextContent("The slug 'acme' is already taken.")
  },
}

/** 428: the server demands a precondition the write did not carry; the message says how to fix the configuration. */
export const PreconditionRequired: Story = {
  args: {
    status: 428,
    contentType: 'application/problem+json',
    body: problemJson({ title: 'Precondition Required', detail: 'Send If-Match.' }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await showsKind(canvas, 'precondition-required')
    await expect(canvas.getByLabelText('Message')).toHaveTextContent('428 Precondition Required')
    await expect(canvas.getByLabelText('Message')).toHaveTextContent('The server said: Send If-Match.')
  },
}

/** A broken ETag is a typed MalformedETagError that quotes the header, never a TypeError. */
export const MalformedETag: Story = {
  args: { status: 200, etag: 'abc"', body: '{"id":7}' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await showsKind(canvas, 'error')
    await expect(canvas.getByLabelText('Error')).toHaveTextContent('MalformedETagError (MALFORMED_ETAG)')
    await expect(canvas.getByLabelText('Error')).toHaveTextContent('Malformed entity tag "abc\\""')
  },
}

/** A 2xx whose body is not JSON is a typed ResponseBodyError, not a crash. */
export const NonJsonSuccess: Story = {
  args: { status: 200, contentType: 'text/html', body: '<html><body>Saved!</body></html>' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await showsKind(canvas, 'error')
    await expect(canvas.getByLabelText('Error')).toHaveTextContent('ResponseBodyError (RESPONSE_BODY)')
    await expect(canvas.getByLabelText('Error')).toHaveTextContent('Retryable: false')
  },
}

/** Type a status: the same response is classified again as you edit. */
export const EditTheStatus: Story = {
  args: {
    status: 200,
    contentType: 'application/problem+json',
    body: problemJson({ detail: 'Name is required.' }),
    loadedETag: '"3"',
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await showsKind(canvas, 'ok')
    const status = canvas.getByLabelText('Status')
    await userEvent.clear(status)
    await userEvent.type(status, '422')
    await showsKind(canvas, 'invalid')
    await expect(canvas.getByLabelText('Message')).toHaveTextContent('Name is required.')
    await userEvent.clear(status)
    await userEvent.type(status, '503')
    await showsKind(canvas, 'error')
    await expect(canvas.getByLabelText('Error')).toHaveTextContent('Retryable: true')
  },
}

/** No version known: the write is refused, unless it is marked unconditional on purpose. */
export const NoVersionKnown: Story = {
  args: { status: 204, contentType: '', body: '' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const precondition = canvas.getByLabelText('Precondition')
    await expect(precondition).toHaveTextContent('MissingVersionError')
    await expect(precondition.getAttribute('role')).toBe('alert')
    await userEvent.type(canvas.getByLabelText('Loaded body version'), '5')
    await expect(canvas.getByLabelText('Precondition')).toHaveTextContent('"version": 5')
    await expect(canvas.getByLabelText('Precondition')).toHaveTextContent('"headers": {}')
    await userEvent.clear(canvas.getByLabelText('Loaded body version'))
    await userEvent.click(canvas.getByLabelText('Unconditional write (on purpose)'))
    await expect(canvas.getByLabelText('Precondition')).toHaveTextContent('"name": "Mine"')
    await expect(canvas.getByLabelText('Precondition')).not.toHaveTextContent('MissingVersionError')
  },
}
