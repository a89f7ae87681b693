/**
 * A form for a flat record of text fields, wired the way the README shows: `useVersionedQuery` +
 * `useConflictSafeMutation` (through `useDemoRecord`), the draft in `save.draft`, a guarded Save button,
 * the status line, the "changed elsewhere" and "restored" notices, and `<ConflictDialog>`.
 */
import type { ReactNode } from 'react'
import { ConflictDialog } from '../../src/dialog/index'
import type { MergeValuesOptions } from '../../src/core/merge/index'
import type { UseConflictSafeMutationResult } from '../../src/react/index'
import type { DemoBackend } from './demo-backend'
import { EditingVersion, RemoteChangeNotice, RestoredNotice, SaveStatus } from './FormParts'
import { type UseDemoRecordOptions, useDemoRecord } from './useDemoRecord'

/** A flat record of text fields (and its id). */
export type TextRecord = Readonly<Record<string, string>>

/** Props of `RecordForm`. */
export interface RecordFormProps extends Omit<
  UseDemoRecordOptions<TextRecord>,
  'backend' | 'resource' | 'id'
> {
  /** The story's backend. */
  readonly backend: DemoBackend
  /** The resource (`'notes'`). */
  readonly resource: string
  /** The record id. */
  readonly id: string
  /** The editable fields and their labels, in order. */
  readonly fields: Readonly<Record<string, string>>
  /** Fields edited in a multi-line box. Default: none. */
  readonly multiline?: readonly string[]
  /** The merge options. Default: `mergeValues` defaults. */
  readonly merge?: MergeValuesOptions
  /** More controls under the Save button (they get the save). Default: none. */
  readonly extra?: (save: UseConflictSafeMutationResult<TextRecord>) => ReactNode
}

/** The form. */
export function RecordForm({
  backend,
  resource,
  id,
  fields,
  multiline = [],
  extra,
  ...options
}: RecordFormProps): ReactNode {
  const { doc, save } = useDemoRecord<TextRecord>({ backend, resource, id, ...options })
  if (doc.isError) return <p role="alert">Could not load the record: {doc.error?.message}</p>
  if (save.draft === undefined) return <p>Loading…</p>
  const draft = save.draft
  const edit = (field: string, value: string) =>
    save.setDraft((previous) => ({ ...(previous ?? draft), [field]: value }))
  return (
    <>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          save.mutate()
        }}
      >
        <RestoredNotice save={save} />
        <RemoteChangeNotice save={save} />
        {Object.entries(fields).map(([field, label]) => (
          <label key={field}>
            {label}
            {multiline.includes(field) ? (
              <textarea value={draft[field] ?? ''} onChange={(event) => edit(field, event.target.value)} />
            ) : (
              <input value={draft[field] ?? ''} onChange={(event) => edit(field, event.target.value)} />
            )}
          </label>
        ))}
        <div className="demo-actions">
          <button {...save.getSubmitButtonProps()}>Save</button>
          {extra?.(save)}
        </div>
        <SaveStatus save={save} />
        <EditingVersion save={save} />
      </form>
      <ConflictDialog conflict={save.conflict} labels={fields} />
    </>
  )
}
