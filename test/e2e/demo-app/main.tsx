/**
 * The end-to-end demo app: one note (title and body) edited with the library's hooks and ConflictDialog,
 * as an app would ship it (a production Vite build). Everything it needs comes from the page URL:
 *
 *   index.html?api=<collection URL>&id=<record id>&user=<name>&backend=reference|webdav[&version=etag|body]
 *
 * - `backend=reference`: the reference server; the record is `<api>/<id>`; a stale write is a 412 whose
 *   problem body carries the current record (no extra GET).
 * - `backend=webdav`: a plain WebDAV server (lighttpd); the record is the JSON file `<api>/<id>.json`, its
 *   version is the file's ETag, a write is a PUT with If-Match, and a stale one is a bare 412 (theirs is read
 *   with one GET).
 * - `version=body` (reference server only): the version is the record's `version` field and is sent back in
 *   the body; a stale one is a 409.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { type FormEvent, type ReactNode, StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { ConflictDialog, useConflictSafeMutation, useVersionedQuery } from '../../../src/index'
import type { UseConflictSafeMutationResult } from '../../../src/index'
import '../../../src/dialog/styles.css'

/** The record the app edits. */
interface Note {
  readonly id?: string
  readonly title: string
  readonly body: string
  readonly version?: number
}

interface Settings {
  readonly recordUrl: string
  readonly id: string
  readonly user: string
  readonly backend: 'reference' | 'webdav'
  readonly version: 'etag' | 'body'
}

function readSettings(): Settings | string {
  const params = new URLSearchParams(location.search)
  const api = params.get('api')
  const id = params.get('id')
  const backend = params.get('backend') ?? 'reference'
  if (api === null || id === null) return 'Open this page with ?api=<collection URL>&id=<record id>.'
  if (backend !== 'reference' && backend !== 'webdav')
    return `Unknown backend '${backend}': use reference or webdav.`
  const version = params.get('version') ?? 'etag'
  if (version !== 'etag' && version !== 'body') return `Unknown version '${version}': use etag or body.`
  const recordUrl =
    backend === 'webdav' ? `${api}/${encodeURIComponent(id)}.json` : `${api}/${encodeURIComponent(id)}`
  return { recordUrl, id, user: params.get('user') ?? 'someone', backend, version }
}

const labels = { title: 'Title', body: 'Body' }

function statusText(save: UseConflictSafeMutationResult<Note>): string {
  if (save.isMerging) return 'Merging with the saved version…'
  if (save.isSaving) return 'Saving…'
  if (save.isConflict) return 'Your save needs a decision.'
  if (save.isError) return `Not saved: ${save.error?.message ?? 'unknown error'}. Your changes are kept.`
  if (save.isSuccess) {
    const merged = save.changes.length
    return merged === 0
      ? 'Saved.'
      : `Saved, merged with ${merged} ${merged === 1 ? 'change' : 'changes'} made elsewhere.`
  }
  return save.isDirty ? 'Unsaved changes.' : 'No changes.'
}

function NoteForm({ settings }: { readonly settings: Settings }): ReactNode {
  const queryKey = ['notes', settings.id]
  const headers = { 'X-User': settings.user }
  const inBody = settings.version === 'body'
  const doc = useVersionedQuery<Note>({
    queryKey,
    url: settings.recordUrl,
    headers,
    refetchOnWindowFocus: false,
    ...(inBody && { version: { field: 'version' } }),
  })
  const save = useConflictSafeMutation<Note>({
    queryKey,
    request: { url: settings.recordUrl, method: 'PUT', headers },
    // The body is prose: merge it word by word, so edits to different words of one paragraph both stay.
    merge: { text: ['body'] },
    ...(inBody && { version: { field: 'version' }, precondition: { mode: 'body', field: 'version' } }),
  })
  if (doc.isPending) return <p role="status">Loading…</p>
  if (doc.isError) return <p role="alert">Could not load the note: {doc.error?.message}</p>
  const draft = save.draft
  const edit = (field: 'title' | 'body', value: string) =>
    save.setDraft((previous) => ({ ...(previous ?? { title: '', body: '' }), [field]: value }))
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    save.mutate()
  }
  return (
    <>
      <form onSubmit={onSubmit} aria-label="Note">
        <label htmlFor="title">Title</label>
        <input
          id="title"
          value={draft?.title ?? ''}
          onChange={(event) => edit('title', event.target.value)}
        />
        <label htmlFor="body">Body</label>
        <textarea
          id="body"
          rows={8}
          value={draft?.body ?? ''}
          onChange={(event) => edit('body', event.target.value)}
        />
        <p>
          <button {...save.getSubmitButtonProps()}>Save</button>
        </p>
        <p role="status" data-testid="save-status">
          {statusText(save)}
        </p>
        <p>
          Editing version{' '}
          <code data-testid="version">
            {save.version === 'unknown'
              ? 'unknown'
              : inBody
                ? String(save.version?.value ?? '')
                : (save.version?.etag ?? '')}
          </code>
        </p>
      </form>
      <ConflictDialog conflict={save.conflict} labels={labels} />
    </>
  )
}

function App(): ReactNode {
  const settings = readSettings()
  if (typeof settings === 'string') return <p role="alert">{settings}</p>
  return (
    <>
      <h1>
        {settings.user} edits note {settings.id}
      </h1>
      <NoteForm settings={settings} />
    </>
  )
}

const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={client}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
)
