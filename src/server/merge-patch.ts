/** JSON Merge Patch (RFC 7396), the semantics of `PATCH` on the reference server. */
import { isJsonObject } from './json-path.js'
import type { JsonObject } from './json-path.js'

/**
 * Applies a merge patch: members of `patch` replace members of `target`, `null` removes a member,
 * nested objects are patched recursively, arrays and other values replace wholesale.
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return patch
  const result: JsonObject = isJsonObject(target) ? { ...target } : {}
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key]
    else
      result[key] = applyMergePatch(
        Object.prototype.hasOwnProperty.call(result, key) ? result[key] : undefined,
        value,
      )
  }
  return result
}
