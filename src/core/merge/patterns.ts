/**
 * Path patterns: how options name places in a document.
 *
 * A pattern is a dotted path with wildcards:
 * - `title`, `address.city`: object keys; `["odd.key"]` quotes a key with other characters;
 * - `items[]`: any item of the array `items` (by index or by key), so `items[].body` is the
 *   `body` of every item;
 * - `*`: any one step (a key or an item); `**`: any number of steps, including none.
 *
 * `compilePatterns` turns the option lists into a small automaton that follows the merge as it
 * walks down the document, so a merge with no options pays nothing per field.
 */
import { MergeError } from './errors.js'
import { isKeySegment } from './paths.js'
import type { PathSegment } from './types.js'

/** One pattern or a list of them, for example `'tags'` or `['body', 'items[].notes']`. */
export type PathPatterns = string | readonly string[]

type Step = { readonly kind: 'key'; readonly name: string } | { readonly kind: 'item' | 'any' | 'deep' }

/** What the options say about one place in the document. */
export interface PathRule {
  /** Merge as one unit. */
  readonly atomic: boolean
  /** Merge as an unordered set. */
  readonly set: boolean
  /** Merge strings as text. */
  readonly text: boolean
  /** The key field of an array of objects, `false` for "merge as a sequence", `undefined` for the default. */
  readonly keyField: string | false | undefined
}

/** The default rule: nothing special. */
export const DEFAULT_RULE: PathRule = { atomic: false, set: false, text: false, keyField: undefined }

type RuleEffect =
  { readonly kind: 'atomic' | 'set' | 'text' } | { readonly kind: 'key'; readonly field: string | false }

interface CompiledPattern {
  readonly steps: readonly Step[]
  readonly effect: RuleEffect
}

/** Where the automaton stands: positions `pattern * STRIDE + step`, or `null` when nothing can match. */
export type MatchState = readonly number[] | null

const STRIDE = 1024

/** Parses one pattern; throws a `MergeError` that quotes it when it is malformed. */
export function parsePattern(pattern: string): Step[] {
  const steps: Step[] = []
  let i = 0
  const fail = (why: string): never => {
    throw new MergeError(
      'invalid-option',
      `the path pattern ${JSON.stringify(pattern)} is not valid (${why}). ` +
        "Write keys separated by dots, `[]` for array items, `*` and `**` as wildcards, for example 'items[].body'.",
    )
  }
  let expectName = true
  while (i < pattern.length) {
    const char = pattern[i]
    if (char === '[') {
      if (pattern[i + 1] === ']') {
        steps.push({ kind: 'item' })
        i += 2
      } else if (pattern[i + 1] === '"') {
        const end = findQuoteEnd(pattern, i + 1)
        if (end < 0 || pattern[end + 1] !== ']') fail('unterminated quoted key')
        steps.push({ kind: 'key', name: JSON.parse(pattern.slice(i + 1, end + 1)) as string })
        i = end + 2
      } else {
        fail('`[` must start `[]` or a quoted key `["..."]`')
      }
      expectName = false
      continue
    }
    if (char === '.') {
      if (expectName || i === pattern.length - 1) fail('empty step')
      expectName = true
      i++
      continue
    }
    if (!expectName) fail(`expected \`.\` or \`[\` at position ${i}`)
    let end = i
    while (end < pattern.length && pattern[end] !== '.' && pattern[end] !== '[') end++
    const name = pattern.slice(i, end)
    if (name === '**') steps.push({ kind: 'deep' })
    else if (name === '*') steps.push({ kind: 'any' })
    else if (name.includes('*') || name.includes(']') || name.includes('"'))
      fail(`unexpected character in ${JSON.stringify(name)}`)
    else steps.push({ kind: 'key', name })
    expectName = false
    i = end
  }
  if (pattern.length === 0) fail('empty pattern')
  if (steps.length >= STRIDE) fail('too many steps')
  return steps
}

function findQuoteEnd(text: string, quoteStart: number): number {
  for (let i = quoteStart + 1; i < text.length; i++) {
    if (text[i] === '\\') i++
    else if (text[i] === '"') return i
  }
  return -1
}

function stepMatches(step: Step, segment: PathSegment): boolean {
  switch (step.kind) {
    case 'key':
      return segment === step.name
    case 'item':
      return typeof segment === 'number' || isKeySegment(segment)
    case 'any':
    case 'deep':
      return true
  }
}

/** The compiled options: a start state, a step function and the rule at a state. */
export class PathRules {
  private readonly patterns: readonly CompiledPattern[]
  private readonly ruleCache = new Map<string, PathRule>()
  /** The state at the document root, or `null` when no option can apply anywhere. */
  readonly root: MatchState

  constructor(patterns: readonly CompiledPattern[]) {
    this.patterns = patterns
    this.root = patterns.length === 0 ? null : this.closure(patterns.map((_, index) => index * STRIDE))
  }

  /** Compiles the pattern options of `mergeValues`. */
  static compile(options: {
    readonly atomic?: PathPatterns | undefined
    readonly set?: PathPatterns | undefined
    readonly text?: PathPatterns | undefined
    readonly key?: Readonly<Record<string, string | false>> | undefined
  }): PathRules {
    const patterns: CompiledPattern[] = []
    const add = (list: PathPatterns | undefined, effect: RuleEffect, name: string) => {
      if (list === undefined) return
      const items = typeof list === 'string' ? [list] : list
      if (!Array.isArray(items)) {
        throw new MergeError(
          'invalid-option',
          `the \`${name}\` option must be a path pattern or a list of them.`,
        )
      }
      for (const pattern of items) {
        if (typeof pattern !== 'string') {
          throw new MergeError('invalid-option', `the \`${name}\` option must list path patterns as strings.`)
        }
        patterns.push({ steps: parsePattern(pattern), effect })
      }
    }
    add(options.text, { kind: 'text' }, 'text')
    add(options.set, { kind: 'set' }, 'set')
    add(options.atomic, { kind: 'atomic' }, 'atomic')
    if (options.key !== undefined) {
      if (options.key === null || typeof options.key !== 'object') {
        throw new MergeError(
          'invalid-option',
          "the `key` option maps path patterns to key fields, for example { lines: 'sku' }.",
        )
      }
      for (const pattern of Object.keys(options.key)) {
        const field = options.key[pattern]
        if (field !== false && (typeof field !== 'string' || field === '')) {
          throw new MergeError(
            'invalid-option',
            `the key field for ${JSON.stringify(pattern)} must be a non-empty string or false.`,
          )
        }
        patterns.push({
          steps: parsePattern(pattern),
          effect: { kind: 'key', field: field as string | false },
        })
      }
    }
    return new PathRules(patterns)
  }

  /** The state after stepping from `state` into `segment`. */
  step(state: MatchState, segment: PathSegment): MatchState {
    if (state === null) return null
    let next: number[] | null = null
    for (const code of state) {
      const pattern = this.patterns[Math.floor(code / STRIDE)] as CompiledPattern
      const position = code % STRIDE
      const step = pattern.steps[position]
      if (step === undefined) continue
      if (step.kind === 'deep') (next ??= []).push(code)
      if (stepMatches(step, segment)) (next ??= []).push(code + 1)
    }
    return next === null ? null : this.closure(next)
  }

  /** What applies at `state`. Later patterns win over earlier ones of the same option. */
  rule(state: MatchState): PathRule {
    if (state === null) return DEFAULT_RULE
    const cacheKey = state.join(',')
    const cached = this.ruleCache.get(cacheKey)
    if (cached) return cached
    let atomic = false
    let set = false
    let text = false
    let keyField: string | false | undefined
    for (const code of state) {
      const pattern = this.patterns[Math.floor(code / STRIDE)] as CompiledPattern
      if (code % STRIDE !== pattern.steps.length) continue
      const effect = pattern.effect
      if (effect.kind === 'atomic') atomic = true
      else if (effect.kind === 'set') set = true
      else if (effect.kind === 'text') text = true
      else if (effect.kind === 'key') keyField = effect.field
    }
    const rule =
      atomic || set || text || keyField !== undefined ? { atomic, set, text, keyField } : DEFAULT_RULE
    this.ruleCache.set(cacheKey, rule)
    return rule
  }

  /** Adds the positions reachable by letting `**` match nothing; sorted and unique. */
  private closure(codes: number[]): MatchState {
    const out = new Set<number>()
    const work = [...codes]
    while (work.length > 0) {
      const code = work.pop() as number
      if (out.has(code)) continue
      out.add(code)
      const pattern = this.patterns[Math.floor(code / STRIDE)] as CompiledPattern
      if (pattern.steps[code % STRIDE]?.kind === 'deep') work.push(code + 1)
    }
    return [...out].sort((a, b) => a - b)
  }
}
