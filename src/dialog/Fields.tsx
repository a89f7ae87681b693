import { type ComponentPropsWithoutRef, type ReactNode, useId, useMemo } from 'react'
import type { MergeConflict, Path } from '../core/merge/types'
import { useConflictDialog } from './context'
import { Field } from './Field'
import { itemName, labelOf } from './format'

/** Conflicts as the dialog lists them: one field each, array items gathered under their array. */
export type ConflictGroup =
  | { readonly path: Path; readonly conflict: MergeConflict }
  | { readonly path: Path; readonly items: readonly MergeConflict[] }

/** Gathers conflicts on array items (paths ending in an index or a key) under their array, in document order. */
export function groupConflicts(conflicts: readonly MergeConflict[]): ConflictGroup[] {
  const groups: ConflictGroup[] = []
  const arrays = new Map<string, MergeConflict[]>()
  for (const conflict of conflicts) {
    const last = conflict.path[conflict.path.length - 1]
    if (last === undefined || typeof last === 'string') {
      groups.push({ path: conflict.path, conflict })
      continue
    }
    const path = conflict.path.slice(0, -1)
    const key = JSON.stringify(path)
    const items = arrays.get(key)
    if (items) items.push(conflict)
    else {
      arrays.set(key, [conflict])
      groups.push({ path, items: arrays.get(key)! })
    }
  }
  return groups
}

/** Every conflicting field of a merge conflict, array items grouped with a choice per item. */
export function Fields(props: ComponentPropsWithoutRef<'div'>): ReactNode {
  const { conflict } = useConflictDialog()
  const groups = useMemo(
    () => (conflict.kind === 'merge' ? groupConflicts(conflict.conflicts) : []),
    [conflict],
  )
  return (
    <div className="cs-fields" {...props}>
      {groups.map((group) =>
        'items' in group ? (
          <Items key={`a${group.items[0]!.id}`} path={group.path} items={group.items} />
        ) : (
          <Field key={group.conflict.id} conflict={group.conflict} />
        ),
      )}
    </div>
  )
}

/** An array with conflicting items: its label, then one row (and one choice) per item. */
function Items({
  path,
  items,
}: {
  readonly path: Path
  readonly items: readonly MergeConflict[]
}): ReactNode {
  const { labels, messages } = useConflictDialog()
  const id = useId()
  return (
    <section className="cs-group" aria-labelledby={id}>
      <h3 className="cs-label" id={id}>
        {labelOf(path, labels, messages)}
      </h3>
      {items.map((conflict) => {
        const last = conflict.path[conflict.path.length - 1]!
        return (
          <Field
            key={conflict.id}
            conflict={conflict}
            level={4}
            label={
              itemName(conflict.mine, conflict.theirs, conflict.base) ??
              messages.item(typeof last === 'object' ? last.key : Number(last) + 1)
            }
          />
        )
      })}
    </section>
  )
}
