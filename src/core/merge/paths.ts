/**
 * Paths: where a value lives inside a document, and their stable string form.
 *
 * `formatPath` gives every path one string, used as the conflict `id` (the key of a choice) and as
 * a readable label: `title`, `address.city`, `tags[2]`, `items[id=7].body`, `["odd key"]`.
 */
import type { KeySegment, Path, PathSegment } from './types.js'

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

/** True when a path segment addresses an array item by its key. */
export function isKeySegment(segment: PathSegment): segment is KeySegment {
  return typeof segment === 'object' && segment !== null
}

/** The stable string form of `path` (`''` for the root): unique per path, readable as a label. */
export function formatPath(path: Path): string {
  let text = ''
  for (const segment of path) {
    if (typeof segment === 'string') {
      if (IDENTIFIER.test(segment)) text += text === '' ? segment : `.${segment}`
      else text += `[${JSON.stringify(segment)}]`
    } else if (typeof segment === 'number') {
      text += `[${segment}]`
    } else {
      const field = segment.field ?? ''
      const fieldText = field === '' || IDENTIFIER.test(field) ? field : JSON.stringify(field)
      text += `[${fieldText}=${JSON.stringify(segment.key)}]`
    }
  }
  return text
}
