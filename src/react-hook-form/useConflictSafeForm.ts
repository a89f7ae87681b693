/**
 * `useConflictSafeForm`: connect a react-hook-form form to `useConflictSafeMutation`.
 *
 * - What the person types goes into the save's draft (so autosave, stored drafts, in-flight edits and
 *   merges all see it).
 * - When the record changes under the form (first load, a save returning the server's values, a merge, a
 *   rebase, a resolved conflict, a restored draft), the form is reset to the new base and every field
 *   where the draft differs is set again as dirty: dirty fields stay dirty, and edits made while a save
 *   was in flight are kept.
 *
 * Only types are imported from react-hook-form (an optional peer), so this file costs nothing without it.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, type BaseSyntheticEvent } from 'react'
import type { FieldValues, Path, PathValue, UseFormReturn } from 'react-hook-form'
import { deepEqual } from '../core/merge/equal.js'
import type { UseConflictSafeMutationResult } from '../react/useConflictSafeMutation.js'

/** Options of `useConflictSafeForm`. */
export interface UseConflictSafeFormOptions<TFieldValues extends FieldValues> {
  /** The form, from `useForm()`. Required. */
  readonly form: UseFormReturn<TFieldValues>
  /** The save, from `useConflictSafeMutation()` with the same record. Required. */
  readonly save: UseConflictSafeMutationResult<TFieldValues>
}

/** What `useConflictSafeForm` returns. */
export interface UseConflictSafeFormResult {
  /** `<form onSubmit={onSubmit}>`: validates with react-hook-form, then saves (guarded: one action, one request). */
  readonly onSubmit: (event?: BaseSyntheticEvent) => Promise<void>
}

/** A deep copy of form values: react-hook-form changes its value objects in place. */
function copyValues<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyValues) as T
  if (value instanceof Date) return new Date(value.getTime()) as T
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const copy: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) copy[key] = copyValues(item)
    return copy as T
  }
  return value
}

/**
 * A layout effect in the browser (an effect on the server, where layout effects do not run). The sync from
 * the draft into the form must happen before the browser handles the next keystroke: a passive effect can
 * run after it, reset the form to a render-time draft that lacks that keystroke, and lose it.
 */
const useSyncEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect

/** Connect a react-hook-form form to a conflict-safe save. See the file comment. */
export function useConflictSafeForm<TFieldValues extends FieldValues>(
  options: UseConflictSafeFormOptions<TFieldValues>,
): UseConflictSafeFormResult {
  const { form, save } = options
  const { setDraft, mutate } = save
  /** True while the adapter itself writes into the form (its watch events are not typing). */
  const applying = useRef(false)
  /** The last values the form gave the draft, and the base the form was last reset to. */
  const fromForm = useRef<unknown>(undefined)
  const appliedBase = useRef<unknown>(undefined)

  // Typing → draft.
  useEffect(() => {
    const subscription = form.watch((values) => {
      if (applying.current) return
      const copy = copyValues(values) as TFieldValues
      fromForm.current = copy
      setDraft(copy)
    })
    return () => subscription.unsubscribe()
  }, [form, setDraft])

  // Record changed under the form → reset to the base, then set the draft's differences as dirty.
  const { draft, base } = save
  useSyncEffect(() => {
    if (draft === undefined) return
    const nextBase = base ?? draft
    if (draft === fromForm.current && nextBase === appliedBase.current) return
    applying.current = true
    try {
      form.reset(copyValues(nextBase))
      for (const key of Object.keys(draft) as Array<Path<TFieldValues>>) {
        const value = (draft as Record<string, unknown>)[key]
        if (!deepEqual(value, (nextBase as Record<string, unknown>)[key])) {
          form.setValue(key, copyValues(value) as PathValue<TFieldValues, Path<TFieldValues>>, {
            shouldDirty: true,
          })
        }
      }
    } finally {
      applying.current = false
    }
    fromForm.current = draft
    appliedBase.current = nextBase
  }, [form, draft, base])

  const onSubmit = useCallback(
    (event?: BaseSyntheticEvent) =>
      form.handleSubmit((values) => mutate(copyValues(values) as TFieldValues))(event),
    [form, mutate],
  )
  return { onSubmit }
}
