/**
 * What the demo server holds for one record right now (data, ETag, who saved it), refreshed after every
 * request in the log. Rendered as text.
 */
import { type ReactNode, useSyncExternalStore } from 'react'
import type { DemoBackend } from './demo-backend'

/** Props of the server-state panel. */
export interface ServerRecordProps {
  /** The story's backend. */
  readonly backend: DemoBackend
  /** The resource name (`'notes'`). */
  readonly resource: string
  /** The record id. */
  readonly id: string
}

/** The server-state panel. */
export function ServerRecord({ backend, resource, id }: ServerRecordProps): ReactNode {
  // The log changes after every exchange: the moment the server's state may have changed.
  useSyncExternalStore(backend.log.subscribe, backend.log.getSnapshot, backend.log.getSnapshot)
  const stored = backend.server.inspect(resource, id)
  const text =
    stored === undefined
      ? `${resource}/${id}: not on the server`
      : `${resource}/${id}  ETag ${stored.etag}${stored.by !== undefined ? `  saved by ${stored.by}` : ''}\n${JSON.stringify(stored.data, null, 2)}`
  return (
    <section aria-label="On the server">
      <h3 className="demo-log-title">On the server</h3>
      <div className="demo-server" data-testid="server-record">
        {text}
      </div>
    </section>
  )
}
