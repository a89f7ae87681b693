/**
 * The person's decisions while the dialog is open, and how they become `ConflictChoices`.
 * Pure functions: no React, no DOM.
 */
import type { ConflictChoice, ConflictChoices, HunkChoice, MergeConflict } from '../core/merge/types'

/** A decision in progress: a choice, hunk choices some of which may still be open, or an edit that does not parse yet. */
export type Decision =
  | ConflictChoice
  | { readonly hunks: readonly (HunkChoice | undefined)[] }
  | { readonly value: unknown; readonly error: string }

/** Decisions keyed by conflict `id` (a null-prototype record: ids come from server data). */
export type Decisions = Readonly<Record<string, Decision | undefined>>

/** What a decision is, for `data-choice`: `'mine' | 'theirs' | 'base' | 'edit' | 'hunks'`, or `undefined` when open. */
export type DecisionKind = 'mine' | 'theirs' | 'base' | 'edit' | 'hunks'

/** The kind of a decision (`undefined` when there is none yet). */
export function decisionKind(decision: Decision | undefined): DecisionKind | undefined {
  if (decision === undefined || typeof decision === 'string') return decision
  return 'hunks' in decision ? 'hunks' : 'edit'
}

/** How many hunks of a conflict need a choice each (0 for conflicts that are not text). */
export function hunkCount(conflict: MergeConflict): number {
  return conflict.kind === 'text' ? conflict.hunks.filter((hunk) => hunk.kind === 'conflict').length : 0
}

/** True when the decision settles the conflict (every hunk chosen, an edit that parses). */
export function isDecided(conflict: MergeConflict, decision: Decision | undefined): boolean {
  if (decision === undefined || typeof decision === 'string') return decision !== undefined
  if ('error' in decision) return false
  if ('hunks' in decision) {
    for (let index = 0; index < hunkCount(conflict); index++)
      if (decision.hunks[index] === undefined) return false
  }
  return true
}

/** How many conflicts still need a decision. */
export function countRemaining(conflicts: readonly MergeConflict[], decisions: Decisions): number {
  return conflicts.reduce((left, conflict) => left + (isDecided(conflict, decisions[conflict.id]) ? 0 : 1), 0)
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
  const hunks: (HunkChoice | undefined)[] =
    typeof decision === 'object' && 'hunks' in decision ? [...decision.hunks] : []
  hunks.length = Math.max(hunks.length, hunkCount(conflict))
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
    if (decision === undefined || (typeof decision === 'object' && 'error' in decision)) continue
    choices[conflict.id] =
      typeof decision === 'object' && 'hunks' in decision
        ? {
            hunks: Array.from({ length: hunkCount(conflict) }, (_, index) => decision.hunks[index] ?? 'mine'),
          }
        : decision
  }
  return choices
}
