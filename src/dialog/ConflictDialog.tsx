import type { ReactNode } from 'react'
import { AcceptDeletion, Actions, Cancel, CopyMine, Reload, Restore, Retry, SaveMerged } from './Actions.js'
import { Choice, Choices } from './Choice.js'
import { Content } from './Content.js'
import { DuplicateValue } from './Duplicate.js'
import { Editor } from './Editor.js'
import { BaseToggle, Field, Values } from './Field.js'
import { Fields } from './Fields.js'
import { Description, Meta, Title } from './Heading.js'
import { type ConflictDialogRootProps, Root } from './Root.js'
import { Status } from './Status.js'
import { Summary } from './Summary.js'
import { TextHunks } from './TextHunks.js'

/** Props of the drop-in `<ConflictDialog>`: those of `ConflictDialog.Root` without children. */
export interface ConflictDialogProps<TData = unknown> extends Omit<
  ConflictDialogRootProps<TData>,
  'children'
> {
  /** Extra class names of the `<dialog>` element; default: none. */
  readonly className?: string
  /** Force the light or dark theme; default: follows `prefers-color-scheme`. */
  readonly colorScheme?: 'light' | 'dark'
}

/**
 * The drop-in three-way merge dialog: `<ConflictDialog conflict={save.conflict} labels={{ title: 'Title' }} />`.
 * Opens when a conflict is set; "Save merged" calls `conflict.resolve(choices)`, Cancel and Escape call
 * `conflict.cancel()` (the draft is kept). Style it with `conflict-safe/styles.css`. The headless parts
 * are its properties (`ConflictDialog.Root`, `.Content`, `.Field`, `.Choice`, `.TextHunks`, …).
 */
function ConflictDialogComponent<TData = unknown>({
  className,
  colorScheme,
  ...props
}: ConflictDialogProps<TData>): ReactNode {
  return (
    <Root {...props}>
      <Content className={className ? `cs-dialog ${className}` : 'cs-dialog'} data-color-scheme={colorScheme}>
        <header className="cs-header">
          <Title />
          <Description />
          <Meta />
        </header>
        {props.conflict?.kind === 'merge' ? (
          <>
            <div className="cs-toolbar">
              <Status />
              <BaseToggle all />
            </div>
            <Fields />
            <Summary />
          </>
        ) : (
          <DuplicateValue />
        )}
        <Actions />
      </Content>
    </Root>
  )
}

export const ConflictDialog = /* @__PURE__ */ Object.assign(ConflictDialogComponent, {
  Root,
  Content,
  Title,
  Description,
  Meta,
  Status,
  BaseToggle,
  Fields,
  Field,
  Values,
  Choices,
  Choice,
  Editor,
  TextHunks,
  Summary,
  DuplicateValue,
  Actions,
  SaveMerged,
  Cancel,
  CopyMine,
  Reload,
  Restore,
  AcceptDeletion,
  Retry,
})
