/**
 * Every word the dialog shows, so an app can translate it: pass `messages` (a partial object) to
 * `<ConflictDialog>` or `ConflictDialog.Root`. English defaults in `defaultConflictMessages`.
 * Functions receive counts and values already turned into text; the dialog renders the result as text.
 */
export interface ConflictMessages {
  /** Title of a merge conflict. */
  readonly mergeTitle: string
  /** Sentence under the title: how many fields merged automatically and how many need a decision. */
  readonly mergeDescription: (merged: number, conflicts: number) => string
  /** Who saved the other change and when; `by` and `at` are set when the server said. */
  readonly savedBy: (by: string | undefined, at: string | undefined) => string
  /** Who deleted the record and when (the deleted view); `by` and `at` are set when the server said. */
  readonly deletedBy: (by: string | undefined, at: string | undefined) => string
  /** Turns the server's ISO 8601 time into text (default: the browser's locale, medium date, short time). */
  readonly formatDate: (iso: string) => string
  /** The request id of the refused write, for support. */
  readonly reference: (requestId: string) => string
  /** The live region: how many decisions remain (0: ready to save). */
  readonly remaining: (count: number) => string
  /** Column heading of the person's version. */
  readonly mine: string
  /** Column heading of the server's version. */
  readonly theirs: string
  /** Column heading of what the form loaded. */
  readonly base: string
  /** Choice: keep the person's version. */
  readonly keepMine: string
  /** Choice: take the server's version. */
  readonly takeTheirs: string
  /** Choice: write a new value in an editor. */
  readonly edit: string
  /** Hunk choice: mine, then theirs. */
  readonly both: string
  /** Accessible name of the radio group of a field. */
  readonly chooseFor: (label: string) => string
  /** Visible caption of a text field's whole-field choices (after its changes). */
  readonly chooseWhole: (label: string) => string
  /** Accessible name of one conflicting change of a text field. */
  readonly change: (index: number, count: number) => string
  /** Label of the edit box of a field. */
  readonly editLabel: (label: string) => string
  /** Error under an edit box whose text is not a number. */
  readonly invalidNumber: string
  /** Error under an edit box whose text is not valid JSON. */
  readonly invalidJson: string
  /** Toggle that shows base for one field. */
  readonly showBase: string
  /** Toggle that hides base for one field. */
  readonly hideBase: string
  /** Toggle that shows base for every field. */
  readonly showAllBase: string
  /** Toggle that hides base for every field. */
  readonly hideAllBase: string
  /** Stands for a value that is absent (deleted, or never set). */
  readonly absent: string
  /** Stands for the value a side deleted (an array item or a field). */
  readonly removed: string
  /** Stands for an empty value (`null` or `''`). */
  readonly empty: string
  /** Text of `true`. */
  readonly yes: string
  /** Text of `false`. */
  readonly no: string
  /** Label of an array item addressed by index (`position` starts at 1) or key. */
  readonly item: (key: string | number) => string
  /** Stands for unchanged lines left out between two conflicting changes. */
  readonly unchangedLines: (count: number) => string
  /** Heading of the collapsed list of changes merged automatically. */
  readonly autoMerged: (count: number) => string
  /** Accessible prefix of text the other side inserted (word highlighting). */
  readonly inserted: string
  /** Accessible prefix of text the other side deleted (word highlighting). */
  readonly deleted: string
  /** Action: save the merged record. */
  readonly saveMerged: string
  /** Action: close and keep the draft. */
  readonly cancel: string
  /** Action: copy the person's version to the clipboard. */
  readonly copyMine: string
  /** Confirmation after copying. */
  readonly copied: string
  /** Shown when the clipboard refused: the text is shown instead. */
  readonly copyFailed: string
  /** Title of a duplicate ("'acme' is already taken"); `value` is set when the server said. */
  readonly duplicateTitle: (value: string | undefined) => string
  /** Sentence under the duplicate title. */
  readonly duplicateDescription: string
  /** Label of the box for a new value of the taken field. */
  readonly newValue: (label: string) => string
  /** Action: save again with the new value. */
  readonly saveWithValue: string
  /** Link to the record that already has the value. */
  readonly openExisting: string
  /** Title of a refusal by a state rule. */
  readonly stateTitle: string
  /** Sentence used when the server sent no message. */
  readonly stateDescription: string
  /** Action: load the record again. */
  readonly reload: string
  /** Title when the record was deleted meanwhile. */
  readonly deletedTitle: string
  /** Sentence under the deleted title. */
  readonly deletedDescription: string
  /** Action: create the record again with the person's changes. */
  readonly restore: string
  /** Action: accept the deletion and discard the draft. */
  readonly acceptDeletion: string
  /** Title when the same save is still running on the server. */
  readonly inProgressTitle: string
  /** Sentence under the in-progress title; `seconds` is set when the server said how long to wait. */
  readonly inProgressDescription: (seconds: number | undefined) => string
  /** Action: send the same save again. */
  readonly retry: string
  /** Title of a 428 in development builds. */
  readonly preconditionTitle: string
  /** Title of a 428 in production builds (no developer details). */
  readonly unavailableTitle: string
  /** Sentence under the production 428 title. */
  readonly unavailableDescription: string
}

/** The English messages. */
export const defaultConflictMessages: ConflictMessages = {
  mergeTitle: 'Someone else saved this record while you were editing',
  mergeDescription: (merged, conflicts) =>
    `${count(merged, 'change')} merged automatically. ${count(conflicts, 'field needs', 'fields need')} your decision.`,
  savedBy: (by, at) => byAt('Saved', by, at),
  deletedBy: (by, at) => byAt('Deleted', by, at),
  formatDate: (iso) => {
    const date = new Date(iso)
    return isNaN(+date) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
  },
  reference: (requestId) => `Reference: ${requestId}`,
  remaining: (n) => (n ? `${count(n, 'decision')} left.` : 'Every conflict has a choice. Ready to save.'),
  mine: 'Mine',
  theirs: 'Theirs',
  base: 'Base',
  keepMine: 'Keep mine',
  takeTheirs: 'Take theirs',
  edit: 'Edit',
  both: 'Both',
  chooseFor: (label) => `Choose a version of ${label}`,
  chooseWhole: (label) => `Or for the whole of ${label}:`,
  change: (index, n) => `Change ${index} of ${n}`,
  editLabel: (label) => `New value of ${label}`,
  invalidNumber: 'Enter a number.',
  invalidJson: 'Enter valid JSON.',
  showBase: 'Show base',
  hideBase: 'Hide base',
  showAllBase: 'Show base for all',
  hideAllBase: 'Hide base for all',
  absent: '(none)',
  removed: '(deleted)',
  empty: '(empty)',
  yes: 'Yes',
  no: 'No',
  item: (key) => `Item ${key}`,
  unchangedLines: (n) => `… ${count(n, 'unchanged line')} …`,
  autoMerged: (n) => `${count(n, 'change')} merged automatically`,
  inserted: 'added: ',
  deleted: 'removed: ',
  saveMerged: 'Save merged',
  cancel: 'Cancel',
  copyMine: 'Copy my version',
  copied: 'Copied your version to the clipboard.',
  copyFailed: 'Could not copy. Select the text below and copy it.',
  duplicateTitle: (value) => (value ? `'${value}' is already taken` : 'This value is already taken'),
  duplicateDescription: 'Change the value and save again, or open the record that has it.',
  newValue: (label) => `New value for ${label}`,
  saveWithValue: 'Save with this value',
  openExisting: 'Open the existing record (new tab)',
  stateTitle: 'The server did not accept this change',
  stateDescription: 'The record is not in a state that allows this change. Reload it to see where it stands.',
  reload: 'Reload',
  deletedTitle: 'This record was deleted while you were editing',
  deletedDescription: 'Restore it with your changes, or accept the deletion and discard them.',
  restore: 'Restore with my changes',
  acceptDeletion: 'Accept the deletion',
  inProgressTitle: 'Your save is still being processed',
  inProgressDescription: (s) =>
    `The server is still working on your earlier save. ${s ? `Wait ${count(s, 'second')}, then retry.` : 'Wait a moment, then retry.'}`,
  retry: 'Retry',
  preconditionTitle: 'Developer error: the server requires a precondition (428)',
  unavailableTitle: 'This change could not be saved',
  unavailableDescription: 'Please try again later. Your changes are kept.',
}

/** `n` with thousands separators and the word in the singular or plural. */
function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`
}

/** "Saved by Grace on 25 Nov 2025, 10:41." with each part only when known. */
function byAt(verb: string, by: string | undefined, at: string | undefined): string {
  return `${verb}${by ? ` by ${by}` : ''}${at ? ` on ${at}` : ''}.`
}
