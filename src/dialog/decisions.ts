/**
 * The person's decisions while the dialog is open, and how they become `ConflictChoices`.
 * Pure functions: no React, no DOM.
 */
import type { ConflictChoice, ConflictChoices, HunkChoice, MergeConflict } from '../core/merge/types.js'

/** A decision in progress: a choice, hunk choices some of which may still be open, or an edit that does not parse yet. */
export type Decision =
  | ConflictChoice
  | { readonly hunks: readonly (HunkChoice | undefined)[] }
  | { readonly value: unknown; readonly error: string }

/** Decisions keyed by conflict `id` (a null-prototype record: ids come from server data). */
export type Decisions = Readonly<Record<string, Decision | undefined>>

/** What a decision is, for `data-choice`: `'mine' | 'theirs' | 'base' | 'edit' | 'hunks'`, or `undefined` when open. */
export type DecisionKind = 'mine' | 'theirs' | 'base' | 'edit' | 'hunks'

/** True when `decision` is an object with `key`: hunk choices (`'hunks'`), an edit (`'value'`) that does not parse (`'error'`). */
export function has<K extends 'hunks' | 'value' | 'error'>(
  decision: Decision | undefined,
  key: K,
): decision is Extract<Decision, Record<K, unknown>> {
  return typeof decision === 'object' && key in decision
}

/** The kind of a decision (`undefined` when there is none yet). */
export function decisionKind(decision: Decision | undefined): DecisionKind | undefined {
  return typeof decision === 'object' ? (has(decision, 'hunks') ? 'hunks' : 'edit') : decision
}

/** How many hunks of a conflict need a choice each (0 for conflicts that are not text). */
export function hunkCount(conflict: MergeConflict): number {
  return conflict.kind === 'text' ? conflict.hunks.filter((hunk) => hunk.kind === 'conflict').length : 0
}

/** The choice of every conflicting hunk so far, in order (`undefined` where a hunk is still open). */
function hunkChoices(conflict: MergeConflict, decision: Decision | undefined): (HunkChoice | undefined)[] {
  return Array.from({ length: hunkCount(conflict) }, (_, index) =>
    has(decision, 'hunks') ? decision.hunks[index] : undefined,
  )
}

/** True when the decision settles the conflict (every hunk chosen, an edit that parses). */
export function isDecided(conflict: MergeConflict, decision: Decision | undefined): boolean {
  return typeof decision === 'object'
    ? !has(decision, 'error') &&
        !(has(decision, 'hunks') && hunkChoices(conflict, decision).includes(undefined))
    : decision !== undefined
}

/** How many conflicts still need a decision. */
export function countRemaining(conflicts: readonly MergeConflict[], decisions: Decisions): number {
  return conflicts.filter((conflict) => !isDecided(conflict, decisions[conflict.id])).length
}

/** A null-prototype copy of `record` with `key` set (or removed when `value` is undefined). */
export function withKey<T>(
  record: Readonly<Record<string, T | undefined>>,
  key: string,
  value: T | undefined,
) {
  const next: Record<string, T | undefined> = Object.assign(Object.create(null) as object, record)
  if (value === undefined) delete next[key]
  else next[key] = value
  return next
}

/** The hunk choices with `index` set to `choice`, starting from the current decision when it is per hunk. */
export function withHunk(
  conflict: MergeConflict,
  decision: Decision | undefined,
  index: number,
  choice: HunkChoice,
): Decision {
  const hunks = hunkChoices(conflict, decision)
  hunks[index] = choice
  return { hunks }
}

/**
 * The decisions as `ConflictChoices` for `resolve`: open decisions and edits that do not parse are left
 * out (the conflict keeps mine), open hunks keep mine.
 */
export function toChoices(conflicts: readonly MergeConflict[], decisions: Decisions): ConflictChoices {
  const choices: Record<string, ConflictChoice> = Object.create(null) as Record<string, ConflictChoice>
  for (const conflict of conflicts) {
    const decision = decisions[conflict.id]
    if (decision !== undefined && !has(decision, 'error'))
      choices[conflict.id] = has(decision, 'hunks')
        ? { hunks: hunkChoices(conflict, decision).map((choice) => choice ?? 'mine') }
        : decision
  }
  return choices
}

/**
 * The value a decision stands for, to prefill the editor: mine (also while undecided), theirs, base,
 * the edited value, or the text of the hunk choices so far (open hunks keep mine), joined as the merge
 * engine's `resolveHunks` does (not imported: the dialog bundle carries none of the core).
 */
export function chosenValue(conflict: MergeConflict, decision: Decision | undefined): unknown {
  if (decision === 'theirs' || decision === 'base') return conflict[decision]
  if (has(decision, 'value')) return decision.value
  let index = 0
  return has(decision, 'hunks') && conflict.kind === 'text'
    ? conflict.hunks
        .map((hunk) => {
          if (hunk.kind === 'stable') return hunk.text
          const choice = decision.hunks[index++]
          return typeof choice === 'object'
            ? choice.value
            : choice === 'both'
              ? hunk.mine + hunk.theirs
              : hunk[choice ?? 'mine']
        })
        .join('')
    : conflict.mine
}
