import { type ComponentPropsWithoutRef, type ReactNode, useId, useMemo } from 'react'
import type { MergeConflict } from '../core/merge/types.js'
import { useConflictDialog } from './context.js'
import { Field } from './Field.js'
import { itemName, labelOf } from './format.js'

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

/**
 * Every conflicting field of a merge conflict; the items of an array under the array's label
 * (`<section>` with an `<h3>`), each item a row of its own (named by its name, title or label, else its position or key).
 */
export function Fields(props: ComponentPropsWithoutRef<'div'>): ReactNode {
  const { conflict, labels, messages } = useConflictDialog()
  const id = useId()
  const groups = useMemo(
    () => (conflict.kind === 'merge' ? groupConflicts(conflict.conflicts) : []),
    [conflict],
  )
  return (
    <div className="cs-fields" {...props}>
      {groups.map((group, index) =>
        Array.isArray(group) ? (
          <section key={`a${group[0]!.id}`} className="cs-group" aria-labelledby={id + index}>
            <h3 className="cs-label" id={id + index}>
              {labelOf(group[0]!.path.slice(0, -1), labels, messages)}
            </h3>
            {group.map((item) => (
              <Field
                key={item.id}
                conflict={item}
                level={4}
                label={
                  itemName(item.mine, item.theirs, item.base) ??
                  labelOf(item.path.slice(-1), labels, messages)
                }
              />
            ))}
          </section>
        ) : (
          <Field key={group.id} conflict={group} />
        ),
      )}
    </div>
  )
}
