/**
 * The small pieces every scenario form shows around its fields, all rendered as text: the status line of
 * the save, the "changed elsewhere" notice, the restored-draft notice, and the version being edited.
 */
import type { ReactNode } from 'react'
import type { UseConflictSafeMutationResult } from '../../src/react/index'

/** What the save is doing, in words. */
export function saveStatusText<TData>(save: UseConflictSafeMutationResult<TData>): string {
  if (save.isMerging) return 'Merging with the saved version…'
  if (save.isSaving) return save.failureCount > 0 ? `Retrying (attempt ${save.failureCount + 1})…` : 'Saving…'
  if (save.isConflict) return 'Your save needs a decision.'
  if (save.isError) return `Not saved: ${save.error?.message ?? 'unknown error'} Your changes are kept.`
  if (save.isSuccess) {
    const merged = save.changes.length
    return merged === 0
      ? 'Saved.'
      : `Saved, merged with ${merged} ${merged === 1 ? 'change' : 'changes'} made elsewhere.`
  }
  return save.isDirty ? 'Unsaved changes.' : 'No changes.'
}

/** The status line (`role="status"`), its text from `saveStatusText`. */
export function SaveStatus<TData>({
  save,
}: {
  readonly save: UseConflictSafeMutationResult<TData>
}): ReactNode {
  return (
    <p className={save.isError ? 'demo-error' : 'demo-status'} role="status" aria-label="Save status">
      {saveStatusText(save)}
    </p>
  )
}

/** The version the form is editing (its ETag as the server sent it). */
export function EditingVersion<TData>({
  save,
}: {
  readonly save: UseConflictSafeMutationResult<TData>
}): ReactNode {
  const version =
    save.version === 'unknown' ? 'unknown' : (save.version?.etag ?? String(save.version?.value ?? ''))
  return (
    <p className="demo-status">
      Editing version <code aria-label="Editing version">{version}</code>
    </p>
  )
}

/** "Changed elsewhere" with the merge preview, and a button to take the change into the draft now. */
export function RemoteChangeNotice<TData>({
  save,
}: {
  readonly save: UseConflictSafeMutationResult<TData>
}): ReactNode {
  const remote = save.remoteChange
  if (remote === undefined) return null
  const conflicts = remote.preview.conflicts.length
  return (
    <div className="demo-notice" role="status" aria-label="Changed elsewhere">
      This record was changed elsewhere{remote.by !== undefined ? ` by ${remote.by}` : ''}.{' '}
      {conflicts === 0
        ? 'Your changes merge cleanly with theirs.'
        : `${conflicts} ${conflicts === 1 ? 'field conflicts' : 'fields conflict'} with your changes.`}{' '}
      <button type="button" onClick={() => save.rebase()}>
        Take their changes now
      </button>
    </div>
  )
}

/** "We restored your unsaved changes" after a reload. */
export function RestoredNotice<TData>({
  save,
}: {
  readonly save: UseConflictSafeMutationResult<TData>
}): ReactNode {
  if (save.restoredDraft === undefined) return null
  return (
    <div className="demo-notice" role="status" aria-label="Restored draft">
      We restored your unsaved changes
      {save.restoredDraft.withConflict ? ' and the conflict you had not resolved' : ''}.{' '}
      <button type="button" onClick={save.dismissRestoredDraft}>
        OK
      </button>
    </div>
  )
}
