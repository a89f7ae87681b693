/**
 * `resolve`: the final value of a merge, from one decision per conflict.
 */
import { itemRestoreHints, type ItemRestoreHint } from './context.js'
import { MergeError } from './errors.js'
import { resolveHunks } from './hunks.js'
import { formatPath } from './paths.js'
import { copyObject, getOwn, hasOwn, isPlainObject, setOwn, type AnyRecord } from './safe-object.js'
import type {
  ConflictChoice,
  ConflictChoices,
  MergeConflict,
  MergeResult,
  Path,
  PathSegment,
} from './types.js'

/**
 * Applies `choices` (keyed by conflict `id`) to `result.merged`. A conflict with no choice keeps
 * mine. `'mine' | 'theirs' | 'base'` take that side's value, `{ value }` takes the given value, and
 * text conflicts may decide hunk by hunk with `{ hunks: [...] }` (`'both'` keeps mine, then theirs).
 * Choosing an absent value (`undefined`) removes the key or the array item.
 *
 * Returns a new value that shares every untouched part with `result.merged`.
 *
 * @example
 * const final = resolve(result, { title: 'theirs', body: { hunks: ['both'] } })
 */
export function resolve<T>(result: MergeResult<T>, choices: ConflictChoices = {}): T {
  if (choices === null || typeof choices !== 'object') {
    throw new MergeError(
      'invalid-choice',
      'resolve(result, choices) needs choices as an object keyed by conflict id.',
    )
  }
  const byId = new Map<string, MergeConflict>()
  for (const conflict of result.conflicts) byId.set(conflict.id, conflict)
  for (const id of Object.keys(choices)) {
    if (!byId.has(id)) {
      const known = [...byId.keys()].map((key) => JSON.stringify(key)).join(', ')
      throw new MergeError(
        'invalid-choice',
        `there is no conflict with id ${JSON.stringify(id)} in this merge result (conflict ids: ${known || 'none'}).`,
      )
    }
  }

  let value: unknown = result.merged
  for (const conflict of result.conflicts) {
    if (!hasOwn(choices, conflict.id)) continue
    const choice = choices[conflict.id] as ConflictChoice
    if (choice === 'mine') continue // merged already holds mine at every conflicting path
    value = setAtPath(value, conflict.path, chosenValue(conflict, choice), itemRestoreHints.get(conflict))
  }
  return value as T
}

/** The value a choice picks for a conflict. */
function chosenValue(conflict: MergeConflict, choice: ConflictChoice): unknown {
  switch (choice) {
    case 'mine':
      return conflict.mine
    case 'theirs':
      return conflict.theirs
    case 'base':
      return conflict.base
  }
  if (choice !== null && typeof choice === 'object') {
    if ('value' in choice) return choice.value
    if ('hunks' in choice && Array.isArray(choice.hunks)) {
      if (conflict.kind !== 'text') {
        throw new MergeError(
          'invalid-choice',
          `the conflict ${JSON.stringify(conflict.id)} is not a text conflict: hunk choices do not apply.`,
        )
      }
      return resolveHunks(conflict.hunks, choice.hunks)
    }
  }
  throw new MergeError(
    'invalid-choice',
    `the choice for ${JSON.stringify(conflict.id)} must be 'mine', 'theirs', 'base', { value } or { hunks }; got ${JSON.stringify(choice)}.`,
  )
}

/** Copies the containers along `path` and puts `value` at its end (`undefined` removes). */
function setAtPath(root: unknown, path: Path, value: unknown, hint: ItemRestoreHint | undefined): unknown {
  if (path.length === 0) return value
  // Walk down, remembering each container.
  const containers: unknown[] = []
  let node = root
  for (let i = 0; i < path.length - 1; i++) {
    containers.push(node)
    node = childAt(node, path[i] as PathSegment, path)
  }
  containers.push(node)
  // Rebuild from the bottom up.
  let replacement = value
  for (let i = path.length - 1; i >= 0; i--) {
    replacement = withChild(
      containers[i],
      path[i] as PathSegment,
      replacement,
      path,
      i === path.length - 1 ? hint : undefined,
    )
  }
  return replacement
}

function invalidPath(path: Path): never {
  throw new MergeError(
    'invalid-choice',
    `the merged value no longer has the place ${JSON.stringify(formatPath(path))}; resolve the result mergeValues returned, unmodified.`,
  )
}

function childAt(node: unknown, segment: PathSegment, path: Path): unknown {
  if (typeof segment === 'string') {
    if (!isPlainObject(node)) invalidPath(path)
    return getOwn(node, segment)
  }
  if (!Array.isArray(node)) invalidPath(path)
  const array = node as readonly unknown[]
  if (typeof segment === 'number') return array[segment]
  const index = findItem(array, segment.field ?? 'id', segment.key)
  return index < 0 ? undefined : array[index]
}

function findItem(array: readonly unknown[], field: string, key: string | number): number {
  return array.findIndex((item) => isPlainObject(item) && getOwn(item, field) === key)
}

function withChild(
  node: unknown,
  segment: PathSegment,
  child: unknown,
  path: Path,
  hint: ItemRestoreHint | undefined,
): unknown {
  if (typeof segment === 'string') {
    if (!isPlainObject(node)) invalidPath(path)
    if (getOwn(node, segment) === child && (child !== undefined || !hasOwn(node, segment))) return node
    const copy = copyObject(node)
    if (child === undefined) delete copy[segment]
    else setOwn(copy, segment, child)
    return copy
  }
  if (!Array.isArray(node)) invalidPath(path)
  const array = node as readonly unknown[]
  if (typeof segment === 'number') {
    if (array[segment] === child) return array
    const copy = array.slice()
    copy[segment] = child
    return copy
  }
  const field = segment.field ?? 'id'
  const index = findItem(array, field, segment.key)
  if (index >= 0) {
    if (array[index] === child) return array
    const copy = array.slice()
    if (child === undefined) copy.splice(index, 1)
    else copy[index] = child
    return copy
  }
  if (child === undefined) return array
  const copy = array.slice()
  copy.splice(restoreIndex(copy, segment.key, field, hint), 0, child)
  return copy
}

/** Where an item comes back: after the nearest item that precedes it in theirs and is still there; else first. */
function restoreIndex(
  array: readonly unknown[],
  key: string | number,
  field: string,
  hint: ItemRestoreHint | undefined,
): number {
  if (!hint) return array.length
  const theirsIndex = findItem(hint.theirs, field, key)
  if (theirsIndex < 0) return array.length
  for (let i = theirsIndex - 1; i >= 0; i--) {
    const previous = hint.theirs[i]
    if (!isPlainObject(previous)) continue
    const at = findItem(array, field, getOwn(previous as AnyRecord, field) as string | number)
    if (at >= 0) return at + 1
  }
  return 0
}
