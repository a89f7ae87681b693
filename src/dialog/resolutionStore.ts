/**
 * A tiny external store of decisions. Rows subscribe to their own decision only
 * (`useSyncExternalStore` with a selector), so one keystroke in an edit box re-renders one row,
 * not all of them.
 */
import type { ConflictChoices, HunkChoice, MergeConflict } from '../core/merge/types.js'
import { type Decision, type Decisions, withHunk, withKey } from './decisions.js'

/** The decisions of one open conflict, with the two ways to change them. */
export interface ResolutionStore {
  /** The current decisions (a new object after every change). */
  get(): Decisions
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void
  /** Sets (or, with `undefined`, clears) the decision of conflict `id`. */
  choose(id: string, decision: Decision | undefined): void
  /** Sets the choice of the `index`th conflicting hunk of text conflict `id`. */
  chooseHunk(id: string, index: number, choice: HunkChoice): void
}

/** Creates the store for `conflicts`, starting from `initial` (default: no decisions). */
export function createResolutionStore(
  conflicts: readonly MergeConflict[],
  initial?: ConflictChoices,
): ResolutionStore {
  let decisions: Decisions = Object.assign(Object.create(null) as Decisions, initial)
  const listeners = new Set<() => void>()
  const choose = (id: string, decision: Decision | undefined) => {
    decisions = withKey(decisions, id, decision)
    listeners.forEach((listener) => listener())
  }
  return {
    get: () => decisions,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    choose,
    chooseHunk(id, index, choice) {
      const conflict = conflicts.find((candidate) => candidate.id === id)
      if (conflict) choose(id, withHunk(conflict, decisions[id], index, choice))
    },
  }
}
