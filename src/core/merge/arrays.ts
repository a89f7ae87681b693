/**
 * Arrays in `mergeValues`: which merge applies, and the merge of arrays as sequences.
 *
 * - `set` paths: unordered sets (`set.ts`);
 * - arrays of objects with a unique key field (`id` by default): item by item (`arrays-by-key.ts`);
 * - every other array: a sequence, merged with diff3 over the items' values. A sequence merge
 *   that is not clean makes the whole array one conflict (mine is kept).
 */
import { mergeArrayByKey, indexByKey } from './arrays-by-key.js'
import { recordChange, recordConflict, type MergeContext } from './context.js'
import type { MatchState, PathRule } from './patterns.js'
import { mergeSequences } from './sequence.js'
import { mergeSet } from './set.js'
import { ValueKeys } from './value-keys.js'

/** Merges three arrays (base may be anything) following the rule at this path. */
export function mergeArrays(
  context: MergeContext,
  base: unknown,
  mine: readonly unknown[],
  theirs: readonly unknown[],
  rule: PathRule,
  state: MatchState,
  depth: number,
): unknown {
  if (rule.set) return mergeSet(context, base, mine, theirs)
  if (rule.keyField !== false) {
    const field = rule.keyField ?? 'id'
    // The default key applies only to arrays that hold objects.
    if (rule.keyField !== undefined || mine.length > 0 || theirs.length > 0) {
      const baseItems = Array.isArray(base) ? (base as readonly unknown[]) : []
      const mineIndex = indexByKey(mine, field)
      const theirsIndex = mineIndex && indexByKey(theirs, field)
      const baseIndex = theirsIndex && indexByKey(baseItems, field)
      if (mineIndex && theirsIndex && baseIndex) {
        return mergeArrayByKey(
          context,
          { items: baseItems, index: baseIndex },
          { items: mine, index: mineIndex },
          { items: theirs, index: theirsIndex },
          field,
          state,
          depth,
        )
      }
    }
  }
  return mergeSequenceArray(context, base, mine, theirs)
}

/** Merges arrays as sequences of values with diff3. */
export function mergeSequenceArray(
  context: MergeContext,
  base: unknown,
  mine: readonly unknown[],
  theirs: readonly unknown[],
): unknown {
  const baseItems = Array.isArray(base) ? (base as readonly unknown[]) : []
  const keys = new ValueKeys()
  const blocks = mergeSequences(dense(baseItems), dense(mine), dense(theirs), keys.keyOf)
  if (blocks.some((block) => block.kind === 'conflict')) {
    recordConflict(context, base, mine, theirs)
    return mine
  }
  const merged: unknown[] = []
  for (const block of blocks) if (block.kind === 'stable') for (const item of block.items) merged.push(item)
  if (merged.length === mine.length && merged.every((item, i) => Object.is(item, mine[i]))) return mine
  recordChange(context, base, theirs)
  return merged
}

/** The array with holes read as `undefined` (so `map` and `slice` see every index). */
function dense(items: readonly unknown[]): readonly unknown[] {
  for (let i = 0; i < items.length; i++) if (!(i in items)) return Array.from(items)
  return items
}
