/**
 * `mergeValues`: three-way merge of form values (objects, arrays, strings, numbers, dates…).
 *
 * The merge walks mine and, at each place, compares it with base and theirs:
 * - a place only one side changed takes that side's value; both changing it to equal values is fine;
 * - objects merge key by key, arrays of objects by item key (`id` by default), other arrays as
 *   sequences with diff3, `set` arrays as unordered sets, `text` strings with `mergeText`;
 * - anything else both sides changed differently is a conflict, and `merged` keeps mine there.
 *
 * Untouched parts of mine are returned as they are (same object identity), so React components
 * that read them do not re-render; inputs are never modified.
 */
import { mergeArrays } from './arrays.js'
import { recordChange, recordConflict, type MergeContext } from './context.js'
import { deepEqual, kindOf } from './equal.js'
import { MergeError } from './errors.js'
import type { MergeValuesOptions } from './options.js'
import { DEFAULT_RULE, PathRules, type MatchState } from './patterns.js'
import { emptyLike, getOwn, hasOwn, setOwn, type AnyRecord } from './safe-object.js'
import { mergeTextAt } from './text-at-path.js'
import type { MergeResult } from './types.js'

const DEFAULT_MAX_DEPTH = 1000
const SPREAD_LIMIT = 1000
const EMPTY: AnyRecord = /* @__PURE__ */ Object.freeze(Object.create(null) as AnyRecord)

/**
 * Merges the changes of `mine` (what the person has now) and `theirs` (what the server has now),
 * both made from `base` (what the form loaded).
 *
 * @example
 * const result = mergeValues(base, mine, theirs, { text: ['notes'] })
 * if (result.conflicts.length === 0) save(result.merged)
 */
export function mergeValues<T>(
  base: T,
  mine: T,
  theirs: T,
  options: MergeValuesOptions = {},
): MergeResult<T> {
  if (options === null || typeof options !== 'object') {
    throw new MergeError('invalid-option', 'the options of mergeValues must be an object.')
  }
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH
  if (!Number.isInteger(maxDepth) || maxDepth < 0) {
    throw new MergeError(
      'invalid-option',
      `maxDepth must be a whole number of levels (0 or more); got ${String(maxDepth)}.`,
    )
  }
  const rules = PathRules.compile(options)
  const context: MergeContext = {
    rules: rules.root === null ? null : rules,
    textOptions: options.textOptions ?? {},
    maxDepth,
    path: [],
    conflicts: [],
    changes: [],
    mergeAt,
  }
  const merged = mergeAt(context, base, mine, theirs, rules.root, 0) as T
  return { merged, conflicts: context.conflicts, changes: context.changes }
}

/** Merges one place of the document. */
function mergeAt(
  context: MergeContext,
  base: unknown,
  mine: unknown,
  theirs: unknown,
  state: MatchState,
  depth: number,
): unknown {
  if (Object.is(mine, theirs)) return mine
  const rule = state === null || context.rules === null ? DEFAULT_RULE : context.rules.rule(state)
  if (rule.atomic || depth >= context.maxDepth) return mergeWhole(context, base, mine, theirs)
  const kind = kindOf(mine)
  if (kind === kindOf(theirs)) {
    if (kind === 'object')
      return mergeObjects(context, base, mine as AnyRecord, theirs as AnyRecord, state, depth)
    if (kind === 'array')
      return mergeArrays(context, base, mine as unknown[], theirs as unknown[], rule, state, depth)
    if (kind === 'string' && rule.text && typeof base === 'string') {
      return mergeTextAt(context, base, mine as string, theirs as string)
    }
  }
  return mergeWhole(context, base, mine, theirs)
}

/** Merges a value as one unit: one side's change wins, both changing it differently conflicts. */
export function mergeWhole(context: MergeContext, base: unknown, mine: unknown, theirs: unknown): unknown {
  if (deepEqual(mine, theirs) || deepEqual(base, theirs)) return mine
  if (deepEqual(base, mine)) {
    recordChange(context, base, theirs)
    return theirs
  }
  recordConflict(context, base, mine, theirs)
  return mine
}

/** Merges two plain objects key by key; returns mine itself when nothing from theirs applies. */
function mergeObjects(
  context: MergeContext,
  base: unknown,
  mine: AnyRecord,
  theirs: AnyRecord,
  state: MatchState,
  depth: number,
): AnyRecord {
  const baseObject = kindOf(base) === 'object' ? (base as AnyRecord) : EMPTY
  const rules = context.rules
  const path = context.path
  // Keys whose merged value differs from mine's, with that value (undefined: remove the key).
  let updates: Array<[string, unknown]> | null = null

  const mineKeys = Object.keys(mine)
  let sharedKeys = 0
  for (let i = 0; i < mineKeys.length; i++) {
    const key = mineKeys[i] as string
    const mineValue = mine[key]
    // One lookup in the common case; an inherited member (`constructor`, `__proto__`…) is not theirs' data.
    let theirsValue = theirs[key]
    if (theirsValue === undefined || key in Object.prototype ? hasOwn(theirs, key) : true) {
      sharedKeys++
      if (Object.is(mineValue, theirsValue)) continue
    } else {
      theirsValue = undefined
    }
    path.push(key)
    const value = mergeAt(
      context,
      getOwn(baseObject, key),
      mineValue,
      theirsValue,
      rules === null ? null : rules.step(state, key),
      depth + 1,
    )
    path.pop()
    if (!Object.is(value, mineValue)) (updates ??= []).push([key, value])
  }

  const theirsKeys = Object.keys(theirs)
  if (theirsKeys.length > sharedKeys) {
    for (const key of theirsKeys) {
      if (hasOwn(mine, key)) continue
      const theirsValue = theirs[key]
      if (theirsValue === undefined) continue
      path.push(key)
      const value = mergeAt(
        context,
        getOwn(baseObject, key),
        undefined,
        theirsValue,
        rules === null ? null : rules.step(state, key),
        depth + 1,
      )
      path.pop()
      if (value !== undefined) (updates ??= []).push([key, value])
    }
  }
  if (updates === null) return mine

  // A copy of mine (own `__proto__` keys stay data: spread defines properties), then the updates.
  // Spread clones an ordinary object in bulk; past ~1,000 keys objects are hash tables in V8, and
  // copying key by key is faster.
  let merged: AnyRecord
  if (mineKeys.length <= SPREAD_LIMIT && Object.getPrototypeOf(mine) !== null) {
    merged = { ...mine }
  } else {
    merged = emptyLike(mine)
    for (let i = 0; i < mineKeys.length; i++) {
      const key = mineKeys[i] as string
      if (key === '__proto__') setOwn(merged, key, mine[key])
      else merged[key] = mine[key]
    }
  }
  for (const [key, value] of updates) {
    if (value === undefined) delete merged[key]
    else setOwn(merged, key, value)
  }
  return merged
}
