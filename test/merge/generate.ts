/**
 * Generated three-way text merges for comparing `mergeText` with `git merge-file`: a base text and
 * two independent edits of it, from a seeded random source (every run sees the same cases).
 */

import { seededRandom } from '../support/random'

/** What lines look like. */
export type LineStyle =
  /** Every line distinct (prose, code with distinct statements): alignments are unambiguous. */
  | 'distinct'
  /** Lines drawn from a handful of values (braces, blank lines, repeated statements): alignments are ambiguous. */
  | 'repetitive'

/** One generated case. */
export interface TextCase {
  readonly base: string
  readonly mine: string
  readonly theirs: string
}

const REPEATED = ['{\n', '}\n', '\n', 'return;\n', 'x = 1;\n', 'x = 2;\n']

/** Generates `count` cases of up to `maxLines` lines, each side making 1 to `maxEdits` edits (of 1 or 2 lines). */
export function generateCases(
  seed: number,
  count: number,
  style: LineStyle,
  maxLines = 30,
  maxEdits = 4,
): TextCase[] {
  const random = seededRandom(seed)
  const int = (max: number) => Math.floor(random() * max)
  let fresh = 0
  const newLine = (side: string) =>
    style === 'distinct' ? `${side} line ${fresh++}\n` : (REPEATED[int(REPEATED.length)] as string)
  const cases: TextCase[] = []
  for (let c = 0; c < count; c++) {
    const length = maxLines > 100 ? Math.floor(maxLines / 2) + int(maxLines / 2 + 1) : int(maxLines + 1)
    const base: string[] = []
    for (let i = 0; i < length; i++)
      base.push(style === 'distinct' ? `base line ${i}\n` : (REPEATED[int(REPEATED.length)] as string))
    const edit = (side: string): string[] => {
      const lines = base.slice()
      const edits = 1 + int(maxEdits)
      for (let e = 0; e < edits; e++) {
        const at = int(lines.length + 1)
        switch (int(4)) {
          case 0: // replace
            if (at < lines.length) lines[at] = newLine(side)
            break
          case 1: // delete one or more
            lines.splice(at, 1 + int(2))
            break
          case 2: // insert one or more
            lines.splice(at, 0, ...Array.from({ length: 1 + int(2) }, () => newLine(side)))
            break
          default: // leave a line alone
            break
        }
      }
      return lines
    }
    const finalNewline = (lines: string[]) => {
      const text = lines.join('')
      // Sometimes drop the final line break, as editors do.
      return random() < 0.1 && text.endsWith('\n') ? text.slice(0, -1) : text
    }
    cases.push({
      base: finalNewline(base),
      mine: finalNewline(edit('mine')),
      theirs: finalNewline(edit('theirs')),
    })
  }
  return cases
}
