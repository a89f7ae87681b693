/**
 * How RFC 9457 problem `type` and `code` values map to the classes of a 409 Conflict.
 */
import type { ProblemDetails } from './problem.js'

/** The classes a 409 Conflict can fall into. */
export type ConflictClass = 'stale' | 'duplicate' | 'state' | 'in-progress'

/**
 * Problem `type` / `code` values recognised without configuration. Matching ignores case and treats `_` and
 * spaces as `-`, so `VERSION_MISMATCH` and `version-mismatch` are the same key.
 */
export const DEFAULT_PROBLEM_TYPES: Readonly<Record<string, ConflictClass>> = /* @__PURE__ */ Object.freeze({
  stale: 'stale',
  'stale-version': 'stale',
  'version-mismatch': 'stale',
  'version-conflict': 'stale',
  'edit-conflict': 'stale',
  'concurrent-modification': 'stale',
  'optimistic-lock': 'stale',
  'optimistic-lock-failure': 'stale',
  'precondition-failed': 'stale',
  duplicate: 'duplicate',
  'duplicate-key': 'duplicate',
  'already-exists': 'duplicate',
  'unique-violation': 'duplicate',
  'uniqueness-violation': 'duplicate',
  'invalid-state': 'state',
  'illegal-state': 'state',
  'invalid-transition': 'state',
  'illegal-transition': 'state',
  'state-conflict': 'state',
  referenced: 'state',
  'has-references': 'state',
  'in-use': 'state',
  'foreign-key-violation': 'state',
  'in-progress': 'in-progress',
  'request-in-progress': 'in-progress',
  'idempotency-key-in-use': 'in-progress',
  'idempotency-key-in-progress': 'in-progress',
  'concurrent-request': 'in-progress',
})

/** The comparable form of a key: lower case, with `_` and whitespace runs as `-`. */
function normalizeKey(key: string): string {
  return key
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
}

function toMap(table: Readonly<Record<string, ConflictClass>>): Map<string, ConflictClass> {
  return new Map(Object.entries(table).map(([key, value]) => [normalizeKey(key), value]))
}

const DEFAULT_MAP = /* @__PURE__ */ toMap(DEFAULT_PROBLEM_TYPES)

/** The values of a problem a mapping is tried against, most specific first: `type`, its last segment, `code`. */
function candidates(problem: ProblemDetails): string[] {
  const found: string[] = []
  if (typeof problem.type === 'string' && problem.type !== '') {
    found.push(problem.type)
    const last = problem.type
      .split(/[/:#]/)
      .filter((part) => part !== '')
      .pop()
    if (last !== undefined && last !== problem.type) found.push(last)
  }
  const code: unknown = problem['code']
  if (typeof code === 'string' || typeof code === 'number') found.push(String(code))
  return found
}

/**
 * The class a problem maps to: the caller's `problemTypes` first (matched against the whole `type`, its last
 * path segment, then the `code` member), then `DEFAULT_PROBLEM_TYPES` the same way. `undefined` when none match.
 */
export function classifyProblem(
  problem: ProblemDetails | undefined,
  problemTypes?: Readonly<Record<string, ConflictClass>>,
): ConflictClass | undefined {
  if (problem === undefined) return undefined
  const keys = candidates(problem).map(normalizeKey)
  for (const table of problemTypes === undefined ? [DEFAULT_MAP] : [toMap(problemTypes), DEFAULT_MAP]) {
    for (const key of keys) {
      const found = table.get(key)
      if (found !== undefined) return found
    }
  }
  return undefined
}
