/**
 * Anchors for long sequences: items that occur exactly once in base, mine and theirs, in the same
 * order in all three (as in patience diff). Every alignment worth having matches them, so a long
 * merge can be cut at anchors into many short, independent merges. `diff3`'s O(NP) comparison
 * costs about N × (number of edits), so cutting turns N × edits into roughly N.
 */

/** Positions `[base, mine, theirs]` of anchors, increasing in all three. */
export type Anchor = readonly [number, number, number]

/**
 * Finds anchors in three sequences of interned ids (`0 <= id < idCount`).
 */
export function findAnchors(
  base: readonly number[],
  mine: readonly number[],
  theirs: readonly number[],
  idCount: number,
): Anchor[] {
  // Occurrence counts, saturating at 2, and the last position of each id per side.
  const countBase = new Uint8Array(idCount)
  const countMine = new Uint8Array(idCount)
  const countTheirs = new Uint8Array(idCount)
  const atMine = new Int32Array(idCount)
  const atTheirs = new Int32Array(idCount)
  for (let i = 0; i < base.length; i++) {
    const id = base[i] as number
    if (countBase[id]! < 2) countBase[id]!++
  }
  for (let i = 0; i < mine.length; i++) {
    const id = mine[i] as number
    if (countMine[id]! < 2) countMine[id]!++
    atMine[id] = i
  }
  for (let i = 0; i < theirs.length; i++) {
    const id = theirs[i] as number
    if (countTheirs[id]! < 2) countTheirs[id]!++
    atTheirs[id] = i
  }
  const candidates: Anchor[] = []
  for (let i = 0; i < base.length; i++) {
    const id = base[i] as number
    if (countBase[id] === 1 && countMine[id] === 1 && countTheirs[id] === 1)
      candidates.push([i, atMine[id]!, atTheirs[id]!])
  }
  return longestChain(candidates)
}

/**
 * A long chain of candidates (given in base order) increasing in mine and in theirs: the longest
 * increasing run in mine, then in theirs, and the other way round; the longer wins, ties go to
 * the chain that comes first in base order. Symmetric: swapping mine and theirs picks the same anchors.
 */
function longestChain(candidates: readonly Anchor[]): Anchor[] {
  const mineFirst = longestIncreasing(longestIncreasing(candidates, 1), 2)
  const theirsFirst = longestIncreasing(longestIncreasing(candidates, 2), 1)
  if (mineFirst.length !== theirsFirst.length)
    return mineFirst.length > theirsFirst.length ? mineFirst : theirsFirst
  for (let i = 0; i < mineFirst.length; i++) {
    const a = (mineFirst[i] as Anchor)[0]
    const b = (theirsFirst[i] as Anchor)[0]
    if (a !== b) return a < b ? mineFirst : theirsFirst
  }
  return mineFirst
}

/** The longest subsequence of `items` whose `items[i][column]` strictly increases (patience sorting). */
function longestIncreasing(items: readonly Anchor[], column: 1 | 2): Anchor[] {
  if (items.length <= 1) return items.slice()
  const tailIndex: number[] = [] // tailIndex[len] = index of the smallest tail of a chain of length len + 1
  const previous = new Int32Array(items.length)
  for (let i = 0; i < items.length; i++) {
    const value = (items[i] as Anchor)[column]
    let low = 0
    let high = tailIndex.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if ((items[tailIndex[middle] as number] as Anchor)[column] < value) low = middle + 1
      else high = middle
    }
    previous[i] = low > 0 ? (tailIndex[low - 1] as number) : -1
    tailIndex[low] = i
  }
  const chain: Anchor[] = new Array<Anchor>(tailIndex.length)
  let index = tailIndex[tailIndex.length - 1] as number
  for (let k = tailIndex.length - 1; k >= 0; k--) {
    chain[k] = items[index] as Anchor
    index = previous[index] as number
  }
  return chain
}

/** Every `SAMPLE_STRIDE`-th base item is considered as an anchor (see `findTokenAnchors`). */
const SAMPLE_STRIDE = 16

/** A side of a text merge as tokens: lines of a text, or words. */
export interface TokenSource {
  /** A cheap fingerprint of token `index`: equal tokens have equal signatures. */
  signature(index: number): number
  /** The text of token `index`. */
  token(index: number): string
}

/** A cheap fingerprint of `length` characters of `text` from `start`: the length and up to six characters spread over them. */
export function signatureOf(text: string, start: number, length: number): number {
  let hash = Math.imul(length, 0x9e3779b1)
  const step = (length >> 2) + 1
  for (let i = 0; i < length; i += step) hash = Math.imul(hash ^ text.charCodeAt(start + i), 0x85ebca6b)
  if (length > 0) hash = Math.imul(hash ^ text.charCodeAt(start + length - 1), 0xc2b2ae35)
  return (hash ^ (hash >>> 15)) >>> 0
}

/** Tokens held as an array of strings. */
export class ArrayTokens implements TokenSource {
  constructor(private readonly tokens: readonly string[]) {}

  signature(index: number): number {
    const token = this.tokens[index] as string
    return signatureOf(token, 0, token.length)
  }

  token(index: number): string {
    return this.tokens[index] as string
  }
}

interface Occurrences {
  base: number
  mine: number
  theirs: number
  atBase: number
  atMine: number
  atTheirs: number
}

/**
 * Anchors for sequences of text tokens (lines, words) without hashing every token: every
 * `SAMPLE_STRIDE`-th base token is a candidate, and a token is looked up only when its signature
 * says it may equal a candidate. The anchors are the candidates that occur once in each range, in
 * the same order everywhere. Positions are relative to each range's start.
 */
export function findTokenAnchors(
  base: TokenSource,
  baseStart: number,
  baseEnd: number,
  mine: TokenSource,
  mineStart: number,
  mineEnd: number,
  theirs: TokenSource,
  theirsStart: number,
  theirsEnd: number,
): Anchor[] {
  const candidates = new Map<string, Occurrences>()
  const expected = Math.ceil((baseEnd - baseStart) / SAMPLE_STRIDE)
  let bits = 1024
  while (bits < expected * 32 && bits < 1 << 22) bits *= 2
  const mask = bits - 1
  const filter = new Uint8Array(bits)
  for (let i = baseStart; i < baseEnd; i += SAMPLE_STRIDE) {
    const text = base.token(i)
    filter[base.signature(i) & mask] = 1
    if (!candidates.has(text))
      candidates.set(text, { base: 0, mine: 0, theirs: 0, atBase: 0, atMine: 0, atTheirs: 0 })
  }
  for (let i = baseStart; i < baseEnd; i++) {
    if (filter[base.signature(i) & mask] === 0) continue
    const found = candidates.get(base.token(i))
    if (found) {
      found.base++
      found.atBase = i - baseStart
    }
  }
  // Only candidates unique in base can be anchors: narrow the filter to them before scanning the sides.
  filter.fill(0)
  for (const [text, found] of candidates) {
    if (found.base === 1) filter[signatureOf(text, 0, text.length) & mask] = 1
    else candidates.delete(text)
  }
  for (let i = mineStart; i < mineEnd; i++) {
    if (filter[mine.signature(i) & mask] === 0) continue
    const found = candidates.get(mine.token(i))
    if (found) {
      found.mine++
      found.atMine = i - mineStart
    }
  }
  for (let i = theirsStart; i < theirsEnd; i++) {
    if (filter[theirs.signature(i) & mask] === 0) continue
    const found = candidates.get(theirs.token(i))
    if (found) {
      found.theirs++
      found.atTheirs = i - theirsStart
    }
  }
  const unique: Anchor[] = []
  for (const found of candidates.values()) {
    if (found.mine === 1 && found.theirs === 1) unique.push([found.atBase, found.atMine, found.atTheirs])
  }
  // Map order is the order of first sampling, which is base order for tokens that occur once.
  return longestChain(unique)
}
