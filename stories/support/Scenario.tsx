/**
 * The frame of every scenario story: a heading, one sentence of what to try, the people side by side, what
 * the server holds now, and the request log.
 */
import type { ReactNode } from 'react'
import type { DemoBackend } from './demo-backend'
import { RequestLog } from './RequestLog'
import { ServerRecord } from './ServerRecord'
import './demo.css'
import '../../src/dialog/styles.css'

/** Props of a scenario frame. */
export interface ScenarioProps {
  /** The heading. */
  readonly title: string
  /** What the scenario shows and what to try, in a sentence or two. */
  readonly description: ReactNode
  /** The story's backend (its log is shown). */
  readonly backend: DemoBackend
  /** Show this record as the server holds it now. Default: none. */
  readonly record?: { readonly resource: string; readonly id: string }
  /** The people (usually `<Person>` panels). */
  readonly children: ReactNode
}

/** The frame of a scenario story. */
export function Scenario({ title, description, backend, record, children }: ScenarioProps): ReactNode {
  return (
    <div className="demo-scenario">
      <h2>{title}</h2>
      <p>{description}</p>
      <div className="demo-people">{children}</div>
      {record !== undefined && <ServerRecord backend={backend} resource={record.resource} id={record.id} />}
      <RequestLog log={backend.log} />
    </div>
  )
}
