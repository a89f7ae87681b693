/**
 * The request-log panel of every scenario story: the HTTP exchange as text, one row per request (method,
 * URL, If-Match, Idempotency-Key, status, ETag), so a person sees the protocol at work — which version a
 * save was conditioned on, what the server refused, and which write carried which key.
 */
import { type ReactNode, useSyncExternalStore } from 'react'
import type { RequestLog as RequestLogStore, RequestLogEntry } from './request-log'
import { isWrite } from './request-log'

/** Props of the request-log panel. */
export interface RequestLogProps {
  /** The log to show (a demo backend's `log`). */
  readonly log: RequestLogStore
  /** The panel's heading. Default `'Request log'`. */
  readonly title?: string
}

function statusText(entry: RequestLogEntry): string {
  if (entry.status === 'network error') return 'network error'
  const notes = [entry.problem, entry.replayed ? 'replayed' : undefined].filter((note) => note !== undefined)
  return notes.length > 0 ? `${entry.status} ${notes.join(', ')}` : String(entry.status)
}

function statusClass(entry: RequestLogEntry): string {
  if (entry.status === 'network error' || entry.status >= 500) return 'demo-log-status demo-log-fail'
  if (entry.status >= 400) return 'demo-log-status demo-log-refused'
  return 'demo-log-status demo-log-ok'
}

/** The request-log panel. */
export function RequestLog({ log, title = 'Request log' }: RequestLogProps): ReactNode {
  const entries = useSyncExternalStore(log.subscribe, log.getSnapshot, log.getSnapshot)
  const writes = entries.filter(isWrite).length
  return (
    <section className="demo-log" aria-label={title}>
      <h3 className="demo-log-title">
        {title}{' '}
        <span className="demo-log-count" data-testid="write-count">
          {entries.length} {entries.length === 1 ? 'request' : 'requests'}, {writes}{' '}
          {writes === 1 ? 'write' : 'writes'}
        </span>
      </h3>
      <div className="demo-log-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Who</th>
              <th scope="col">Method</th>
              <th scope="col">URL</th>
              <th scope="col">If-Match</th>
              <th scope="col">Idempotency-Key</th>
              <th scope="col">Status</th>
              <th scope="col">ETag</th>
            </tr>
          </thead>
          <tbody>
            {entries.length === 0 ? (
              <tr>
                <td colSpan={8} className="demo-log-empty">
                  No requests yet.
                </td>
              </tr>
            ) : (
              entries.map((entry) => (
                <tr key={entry.seq} data-method={entry.method} data-status={entry.status}>
                  <td>{entry.seq}</td>
                  <td>{entry.user ?? ''}</td>
                  <td>{entry.method}</td>
                  <td>{entry.path}</td>
                  <td>{entry.ifMatch ?? ''}</td>
                  <td>{entry.idempotencyKey ?? ''}</td>
                  <td className={statusClass(entry)}>{statusText(entry)}</td>
                  <td>{entry.etag ?? ''}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </section>
  )
}
