/**
 * Line-by-line three-way merge of texts, without cutting whole texts into line strings.
 *
 * Each text is indexed by its line starts; lines become strings only where they are compared
 * one by one (anchor candidates, and the pieces diff3 merges). In order:
 * 1. the characters all three texts share at the start are found with native string comparison
 *    and rounded to whole lines: those lines are stable (the shared end is not set aside: see
 *    `mergeLines`);
 * 2. a long middle is cut at anchors (lines that occur once in each text, in the same order);
 * 3. each piece one side left unchanged (or both changed alike) is copied as one slice;
 * 4. the rest goes to diff3 as lines.
 * Lines keep their `\n`, so a last line without one differs from the same line with one, as in
 * `git merge-file`.
 */
import diff3Merge from 'diff3'
import { findTokenAnchors, signatureOf, type TokenSource } from './anchors.js'
import { ANCHOR_THRESHOLD } from './sequence.js'

/** A run of a text merge: stable text, or a region both sides changed differently. */
export type TextBlock =
  | { readonly kind: 'stable'; readonly text: string }
  | { readonly kind: 'conflict'; readonly base: string; readonly mine: string; readonly theirs: string }

const NEWLINE = 10

/** A text and the offsets of its lines: line `i` is `text.slice(starts[i], starts[i + 1])`. */
class LineIndex implements TokenSource {
  /** Line starts, then the text length: `count + 1` entries. */
  readonly starts: number[]
  readonly count: number

  constructor(readonly text: string) {
    const starts = [0]
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1)
    if (starts[starts.length - 1] !== text.length) starts.push(text.length)
    this.starts = starts
    this.count = starts.length - 1
  }

  signature(index: number): number {
    const start = this.starts[index] as number
    return signatureOf(this.text, start, (this.starts[index + 1] as number) - start)
  }

  token(index: number): string {
    return this.text.slice(this.starts[index], this.starts[index + 1])
  }

  /** The text of lines `[from, to)`. */
  range(from: number, to: number): string {
    return this.text.slice(this.starts[from], this.starts[to])
  }

  /** The lines `[from, to)` as strings. */
  lines(from: number, to: number): string[] {
    const out: string[] = []
    for (let i = from; i < to; i++) out.push(this.token(i))
    return out
  }
}

/** Collects stable text and conflicts in order. */
class TextBlocks {
  readonly blocks: TextBlock[] = []
  private pieces: string[] = []

  pushText(text: string): void {
    if (text !== '') this.pieces.push(text)
  }

  pushConflict(base: string, mine: string, theirs: string): void {
    this.flush()
    this.blocks.push({ kind: 'conflict', base, mine, theirs })
  }

  flush(): void {
    if (this.pieces.length > 0) this.blocks.push({ kind: 'stable', text: this.pieces.join('') })
    this.pieces = []
  }
}

/** How many characters `a`, `b` and `c` share at the start, at most `limit`. */
function sharedLength(a: string, b: string, c: string, limit: number): number {
  let low = 0
  let step = 64
  let high = limit
  // Gallop in growing chunks while everything matches.
  while (low < limit) {
    const end = Math.min(low + step, limit)
    const chunk = a.slice(low, end)
    if (chunk !== b.slice(low, end) || chunk !== c.slice(low, end)) {
      high = end
      break
    }
    low = end
    if (step < 1 << 16) step *= 2
  }
  // The first difference is in [low, high): narrow it by halves, then by characters.
  while (high - low > 32) {
    const middle = (low + high) >>> 1
    const chunk = a.slice(low, middle)
    if (chunk === b.slice(low, middle) && chunk === c.slice(low, middle)) low = middle
    else high = middle
  }
  while (low < high && a.charCodeAt(low) === b.charCodeAt(low) && a.charCodeAt(low) === c.charCodeAt(low))
    low++
  return low
}

/** True when lines `[aFrom, aTo)` of `a` and `[bFrom, bTo)` of `b` are the same text. */
function sameLines(
  a: LineIndex,
  aFrom: number,
  aTo: number,
  b: LineIndex,
  bFrom: number,
  bTo: number,
): boolean {
  if (aTo - aFrom !== bTo - bFrom) return false
  const aStart = a.starts[aFrom] as number
  const aEnd = a.starts[aTo] as number
  const bStart = b.starts[bFrom] as number
  if (aEnd - aStart !== (b.starts[bTo] as number) - bStart) return false
  return a.text.slice(aStart, aEnd) === b.text.slice(bStart, bStart + aEnd - aStart)
}

/** Merges `mine` and `theirs`, both edits of `base`, line by line. */
export function mergeLines(baseText: string, mineText: string, theirsText: string): TextBlock[] {
  const base = new LineIndex(baseText)
  const mine = new LineIndex(mineText)
  const theirs = new LineIndex(theirsText)
  const out = new TextBlocks()

  // 1. Whole lines shared at the start: within the shared characters and ending in a line break.
  const sharedStart = sharedLength(
    baseText,
    mineText,
    theirsText,
    Math.min(baseText.length, mineText.length, theirsText.length),
  )
  let prefix = upperBound(base.starts, sharedStart, base.count) // lines [0, prefix) end within the shared start
  if (prefix > 0 && baseText.charCodeAt((base.starts[prefix] as number) - 1) !== NEWLINE) prefix--
  const prefixEnd = base.starts[prefix] as number

  // The shared end is not set aside: a change just before it may slide into it (an inserted line
  // equal to the line after it), and diff3 places such changes as late as possible, as git does.
  // Setting the end aside would pin them early and disagree with git. Long texts are cut at
  // anchors instead, which never block a slide (an anchor occurs once, so it cannot repeat).
  out.pushText(baseText.slice(0, prefixEnd))
  const baseEnd = base.count
  const mineEnd = mine.count
  const theirsEnd = theirs.count
  if (Math.max(baseEnd, mineEnd, theirsEnd) - prefix > ANCHOR_THRESHOLD) {
    // 2. Cut a long middle at anchors.
    const anchors = findTokenAnchors(base, prefix, baseEnd, mine, prefix, mineEnd, theirs, prefix, theirsEnd)
    let b = prefix
    let m = prefix
    let t = prefix
    for (const [anchorBase, anchorMine, anchorTheirs] of anchors) {
      mergeRange(
        out,
        base,
        b,
        prefix + anchorBase,
        mine,
        m,
        prefix + anchorMine,
        theirs,
        t,
        prefix + anchorTheirs,
      )
      out.pushText(mine.token(prefix + anchorMine))
      b = prefix + anchorBase + 1
      m = prefix + anchorMine + 1
      t = prefix + anchorTheirs + 1
    }
    mergeRange(out, base, b, baseEnd, mine, m, mineEnd, theirs, t, theirsEnd)
  } else {
    mergeRange(out, base, prefix, baseEnd, mine, prefix, mineEnd, theirs, prefix, theirsEnd)
  }
  out.flush()
  return out.blocks
}

/** The number of entries of `starts[1..count]` that are `<= limit` (starts are increasing). */
function upperBound(starts: readonly number[], limit: number, count: number): number {
  let low = 0
  let high = count
  while (low < high) {
    const middle = (low + high + 1) >>> 1
    if ((starts[middle] as number) <= limit) low = middle
    else high = middle - 1
  }
  return low
}

/** 3. and 4.: one piece, copied when at most one side changed it, else merged by diff3. */
function mergeRange(
  out: TextBlocks,
  base: LineIndex,
  baseFrom: number,
  baseTo: number,
  mine: LineIndex,
  mineFrom: number,
  mineTo: number,
  theirs: LineIndex,
  theirsFrom: number,
  theirsTo: number,
): void {
  if (sameLines(base, baseFrom, baseTo, mine, mineFrom, mineTo)) {
    out.pushText(theirs.range(theirsFrom, theirsTo))
    return
  }
  if (
    sameLines(base, baseFrom, baseTo, theirs, theirsFrom, theirsTo) ||
    sameLines(mine, mineFrom, mineTo, theirs, theirsFrom, theirsTo)
  ) {
    out.pushText(mine.range(mineFrom, mineTo))
    return
  }
  for (const block of diff3Merge(
    mine.lines(mineFrom, mineTo),
    base.lines(baseFrom, baseTo),
    theirs.lines(theirsFrom, theirsTo),
  )) {
    if ('ok' in block) out.pushText(block.ok.join(''))
    else out.pushConflict(block.conflict.o.join(''), block.conflict.a.join(''), block.conflict.b.join(''))
  }
}
