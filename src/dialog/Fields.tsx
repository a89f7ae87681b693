import { type ComponentPropsWithoutRef, type ReactNode, useId, useMemo } from 'react'
import type { MergeConflict } from '../core/merge/types'
import { useConflictDialog } from './context'
import { Field } from './Field'
import { itemName, labelOf } from './format'

/**
 * Conflicts as the dialog lists them, in document order: a field on its own, or the conflicts on the
 * items of one array (paths ending in an index or a key) gathered under that array.
 */
export function groupConflicts(conflicts: readonly MergeConflict[]): (MergeConflict | MergeConflict[])[] {
  const groups: (MergeConflict | MergeConflict[])[] = []
  const arrays = new Map<string, MergeConflict[]>()
  for (const conflict of conflicts) {
    const last = conflict.path[conflict.path.length - 1]
    if (last === undefined || typeof last === 'string') {
      groups.push(conflict)
      continue
    }
    const key = JSON.stringify(conflict.path.slice(0, -1))
    const items = arrays.get(key)
    if (items) items.push(conflict)
    else groups.push(arrays.set(key, [conflict]).get(key)!)
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
        Array.isArray(group) ? (
          <Items key={`a${group[0]!.id}`} items={group} />
        ) : (
          <Field key={group.id} conflict={group} />
        ),
      )}
    </div>
  )
}

/** An array with conflicting items: its label, then one row (and one choice) per item. */
function Items({ items }: { readonly items: readonly MergeConflict[] }): ReactNode {
  const { labels, messages } = useConflictDialog()
  const id = useId()
  return (
    <section className="cs-group" aria-labelledby={id}>
      <h3 className="cs-label" id={id}>
        {labelOf(items[0]!.path.slice(0, -1), labels, messages)}
      </h3>
      {items.map((conflict) => {
        const last = conflict.path[conflict.path.length - 1]
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
