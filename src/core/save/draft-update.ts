/**
 * How `setDraft` changes the draft: a new value, or an immer recipe that edits a draft copy in place
 * (`draft => { draft.title = 'x' }`), like immer's `produce`. Untouched parts keep their identity
 * (structural sharing), and nothing is ever frozen: a local `Immer` instance with `autoFreeze: false`
 * leaves the person's objects (and immer's global settings) alone.
 */
import { Immer, type Draft } from 'immer'

/**
 * Edits the draft: change `draft` in place and return nothing, or return the next value (immer `produce`
 * semantics). `draft` is `undefined` only while nothing is loaded and nothing was typed (a create form's
 * first keystroke): return a value then.
 */
export type DraftRecipe<TData> = (draft: Draft<TData> | undefined) => TData | Draft<TData> | void | undefined

/** What `setDraft` takes: the next draft, or a recipe. */
export type DraftUpdate<TData> = TData | DraftRecipe<TData>

const immer = /* @__PURE__ */ new Immer({ autoFreeze: false })
/** `produce` without its overloads (the draft's type is `DraftRecipe`'s business). */
type Produce = (base: unknown, recipe: (draft: never) => unknown) => unknown

/**
 * The next draft after `update`: the value itself, or what the recipe produced from `previous`. A recipe that
 * changes nothing returns `previous` itself; one that returns `undefined` for an `undefined` draft changes nothing.
 */
export function applyDraftUpdate<TData>(
  previous: TData | undefined,
  update: DraftUpdate<TData>,
): TData | undefined {
  if (typeof update !== 'function') return update
  return (immer.produce as Produce)(previous, update as DraftRecipe<TData>) as TData | undefined
}
