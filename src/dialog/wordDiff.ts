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
  // The common prefix and suffix are unchanged; only the middle (`n` tokens of a, `m` of b) is aligned.
  let start = 0
  let n = a.length
  let m = b.length
  while (start < n && start < m && a[start] === b[start]) start++
  while (n > start && m > start && a[n - 1] === b[m - 1]) {
    n--
    m--
  }
  const removed = a.slice(start, n)
  const added = b.slice(start, m)
  n -= start
  m -= start
  const runs: [-1 | 0 | 1, string][] = []
  const push = (op: -1 | 0 | 1, text = '') => {
    const last = runs[runs.length - 1]
    if (last?.[0] === op) last[1] += text
    else if (text) runs.push([op, text])
  }
  push(0, a.slice(0, start).join(''))
  if (n * m > limit) {
    push(-1, removed.join(''))
    push(1, added.join(''))
  } else {
    // lcs[i * (m + 1) + j]: length of the common subsequence of removed[i..] and added[j..].
    const width = m + 1
    const lcs = new Uint32Array((n + 1) * width)
    for (let i = n; i--;)
      for (let j = m; j--;)
        lcs[i * width + j] =
          removed[i] === added[j]
            ? lcs[(i + 1) * width + j + 1]! + 1
            : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!)
    for (let i = 0, j = 0; i < n || j < m;) {
      if (i < n && j < m && removed[i] === added[j]) {
        push(0, removed[i++])
        j++
      } else if (j >= m || (i < n && lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!))
        push(-1, removed[i++])
      else push(1, added[j++])
    }
  }
  push(0, a.slice(start + n).join(''))
  // Folds a space between two changes into both, so "-quick brown +slow red" reads as two runs, not four.
  const tidy: WordDiffPart[] = []
  let minus = ''
  let plus = ''
  const flush = () => {
    if (minus) tidy.push([-1, minus])
    if (plus) tidy.push([1, plus])
    minus = plus = ''
  }
  runs.forEach(([op, text], index) => {
    if (op < 0) minus += text
    else if (op > 0) plus += text
    else if (minus && plus && !text.trim() && runs[index + 1]) {
      minus += text
      plus += text
    } else {
      flush()
      tidy.push([op, text])
    }
  })
  flush()
  return tidy
}
