/**
 * Word-level differences between base and one side, for highlighting what that side changed.
 * A longest common subsequence over word, space and punctuation tokens; display only (never merges).
 */

/** One run of text: `0` unchanged, `1` added by the side, `-1` removed by the side. */
export type WordDiffPart = readonly [op: -1 | 0 | 1, text: string]

const TOKENS = /\s+|[\p{L}\p{N}_]+|[^]/gu

/**
 * The runs that turn `base` into `side`. Above `limit` token pairs (default 250,000) the changed middle
 * is reported as one removal and one addition instead of being aligned word by word.
 */
export function diffWords(base: string, side: string, limit = 250_000): WordDiffPart[] {
  const a = base.match(TOKENS) ?? []
  const b = side.match(TOKENS) ?? []
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let end = 0
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end])
    end++
  const parts: WordDiffPart[] = []
  const push = (op: -1 | 0 | 1, text: string | undefined) => {
    if (!text) return
    const last = parts[parts.length - 1]
    if (last && last[0] === op) parts[parts.length - 1] = [op, last[1] + text]
    else parts.push([op, text])
  }
  push(0, a.slice(0, start).join(''))
  const n = a.length - start - end
  const m = b.length - start - end
  if (n * m > limit) {
    push(-1, a.slice(start, start + n).join(''))
    push(1, b.slice(start, start + m).join(''))
  } else {
    // lcs[i * (m + 1) + j]: length of the common subsequence of a[start + i..] and b[start + j..].
    const width = m + 1
    const lcs = new Uint32Array((n + 1) * width)
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * width + j] =
          a[start + i] === b[start + j]
            ? lcs[(i + 1) * width + j + 1]! + 1
            : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!)
      }
    }
    let i = 0
    let j = 0
    while (i < n || j < m) {
      if (i < n && j < m && a[start + i] === b[start + j]) {
        push(0, a[start + i++])
        j++
      } else if (j >= m || (i < n && lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!)) {
        push(-1, a[start + i++])
      } else {
        push(1, b[start + j++])
      }
    }
  }
  push(0, a.slice(a.length - end).join(''))
  return tidy(parts)
}

/** Folds a space between two changes into both, so "-quick brown +slow red" reads as two runs, not four. */
function tidy(parts: readonly WordDiffPart[]): WordDiffPart[] {
  const runs: WordDiffPart[] = []
  let removed = ''
  let added = ''
  const flush = () => {
    if (removed) runs.push([-1, removed])
    if (added) runs.push([1, added])
    removed = added = ''
  }
  parts.forEach(([op, text], index) => {
    if (op < 0) removed += text
    else if (op > 0) added += text
    else if (removed && added && !text.trim() && parts[index + 1]) {
      removed += text
      added += text
    } else {
      flush()
      runs.push([op, text])
    }
  })
  flush()
  return runs
}
