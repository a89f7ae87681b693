import { useMemo, useSyncExternalStore } from 'react'
import type { MergeSaveConflict } from '../core/conflict.js'
import { resolve } from '../core/merge/index.js'
import type { ConflictChoices, HunkChoice, MergeConflict } from '../core/merge/types.js'
import { type Decision, type Decisions, countRemaining, toChoices } from './decisions.js'
import { createResolutionStore } from './resolutionStore.js'

/** Options of `useConflictResolution`. */
export interface UseConflictResolutionOptions {
  /** Decisions to start from, keyed by conflict id; default: none (every conflict keeps mine until decided). */
  readonly defaultChoices?: ConflictChoices
}

/** What `useConflictResolution` returns: the decisions so far, what they resolve to, and how to change them. */
export interface UseConflictResolutionResult<TData> {
  /** Every decision so far, keyed by conflict id (including hunk choices still open and edits that do not parse). */
  readonly decisions: Decisions
  /** The decisions as `ConflictChoices` for `conflict.resolve` (open ones left out: they keep mine). */
  readonly choices: ConflictChoices
  /** How many conflicts still need a decision. */
  readonly remaining: number
  /** True when every conflict has a decision. */
  readonly isComplete: boolean
  /** The merged record with the choices applied (computed when read). `undefined` without a conflict. */
  readonly resolved: TData | undefined
  /** Sets (or, with `undefined`, clears) the decision of conflict `id`. */
  choose(id: string, decision: Decision | undefined): void
  /** Sets the choice of the `index`th conflicting hunk of text conflict `id`. */
  chooseHunk(id: string, index: number, choice: HunkChoice): void
  /** Calls `conflict.resolve(choices)` (saves the merged record). Does nothing without a conflict. */
  resolve(): void
}

const none: readonly MergeConflict[] = []

/**
 * Holds the decisions for a merge conflict and computes the resolved value, for fully custom conflict
 * UIs. Decisions start over when a new conflict arrives.
 *
 * @example
 * const resolution = useConflictResolution(save.conflict?.kind === 'merge' ? save.conflict : null)
 * resolution.choose('title', 'theirs')
 * resolution.isComplete && resolution.resolve()
 */
export function useConflictResolution<TData>(
  conflict: MergeSaveConflict<TData> | null | undefined,
  options: UseConflictResolutionOptions = {},
): UseConflictResolutionResult<TData> {
  const conflicts = conflict?.conflicts ?? none
  const store = useMemo(
    () => createResolutionStore(conflicts, options.defaultChoices),
    // A new conflict starts over; `defaultChoices` is read when it arrives.
    [conflicts], // eslint-disable-line react-hooks/exhaustive-deps
  )
  const decisions = useSyncExternalStore(store.subscribe, store.get, store.get)
  return useMemo(() => {
    const choices = toChoices(conflicts, decisions)
    const remaining = countRemaining(conflicts, decisions)
    let resolved: { value: TData } | undefined
    return {
      decisions,
      choices,
      remaining,
      isComplete: remaining === 0,
      get resolved() {
        if (!conflict) return undefined
        resolved ??= { value: resolve(conflict, choices) }
        return resolved.value
      },
      choose: store.choose,
      chooseHunk: store.chooseHunk,
      resolve: () => conflict?.resolve(choices),
    }
  }, [conflict, conflicts, decisions, store])
}
