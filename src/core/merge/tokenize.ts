/**
 * Cutting text into the tokens a text merge aligns. Joining the tokens gives the text back exactly.
 */

/** Lines, each with its `\n` (the last line has none when the text does not end with one). */
export function splitLines(text: string): string[] {
  const lines: string[] = []
  let start = 0
  for (;;) {
    const end = text.indexOf('\n', start)
    if (end < 0) break
    lines.push(text.slice(start, end + 1))
    start = end + 1
  }
  if (start < text.length) lines.push(text.slice(start))
  return lines
}

// A word (letters, marks, digits, connectors), a run of whitespace, or any other single character.
const WORD_TOKEN = /[\p{L}\p{M}\p{N}\p{Pc}]+|\s+|[^]/gu

/** Words, whitespace runs and single punctuation characters. */
export function splitWords(text: string): string[] {
  return text.match(WORD_TOKEN) ?? []
}
