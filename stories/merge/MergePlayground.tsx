/**
 * The merge playground: three editors (base, mine, theirs) and the live result, for text
 * (`mergeText`) and for JSON (`mergeValues`). Everything typed is shown as text, never as HTML.
 */
import { useId, useMemo, useState, type CSSProperties, type ReactNode } from 'react'
import {
  MergeError,
  mergeText,
  mergeValues,
  type MergeConflict,
  type MergeValuesOptions,
  type TextGranularity,
} from '../../src/core/merge/index'

/** What the playground merges. */
export type PlaygroundMode = 'text' | 'json'

/** Props of the playground. */
export interface MergePlaygroundProps {
  /** `'text'`: mergeText; `'json'`: mergeValues on parsed JSON. */
  readonly mode: PlaygroundMode
  /** Initial text of the base editor (what the form loaded). */
  readonly base: string
  /** Initial text of the mine editor (what the person has now). */
  readonly mine: string
  /** Initial text of the theirs editor (what the server has now). */
  readonly theirs: string
  /** JSON mode: options for mergeValues. Default: none. */
  readonly options?: MergeValuesOptions
  /** Text mode: force a granularity. Default: mergeText's choice. */
  readonly granularity?: TextGranularity
}

const styles = {
  root: { fontFamily: 'system-ui, sans-serif', display: 'grid', gap: 16, maxWidth: 1100 },
  editors: { display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 12 },
  label: { display: 'grid', gap: 4, fontWeight: 600 },
  textarea: { fontFamily: 'ui-monospace, monospace', fontSize: 13, minHeight: 150, padding: 8 },
  result: { border: '1px solid #999', borderRadius: 6, padding: 12, background: '#fafafa' },
  pre: { fontFamily: 'ui-monospace, monospace', fontSize: 13, whiteSpace: 'pre-wrap', margin: 0 },
  conflict: {
    display: 'block',
    background: '#fff3cd',
    border: '2px solid #c27c0e',
    borderRadius: 4,
    padding: 4,
    margin: '4px 0',
  },
  side: { display: 'block', whiteSpace: 'pre-wrap' },
  error: { color: '#a40000', fontWeight: 600 },
} satisfies Record<string, CSSProperties>

function Editor({
  label,
  value,
  onChange,
}: {
  label: string
  value: string
  onChange: (value: string) => void
}) {
  const id = useId()
  return (
    <label style={styles.label} htmlFor={id}>
      {label}
      <textarea
        id={id}
        style={styles.textarea}
        value={value}
        spellCheck={false}
        onChange={(event) => onChange(event.target.value)}
      />
    </label>
  )
}

/** Shows a value as text: strings as they are, everything else as JSON. */
function show(value: unknown): string {
  if (value === undefined) return '(absent)'
  if (typeof value === 'string') return JSON.stringify(value)
  return JSON.stringify(value, null, 1) ?? String(value)
}

function TextResult({
  base,
  mine,
  theirs,
  granularity,
}: {
  base: string
  mine: string
  theirs: string
  granularity?: TextGranularity
}) {
  const result = useMemo(
    () => mergeText(base, mine, theirs, granularity ? { granularity } : {}),
    [base, mine, theirs, granularity],
  )
  const conflicts = result.hunks.filter((hunk) => hunk.kind === 'conflict').length
  return (
    <>
      <p role="status">
        {result.clean
          ? 'Merged cleanly.'
          : `${conflicts} ${conflicts === 1 ? 'conflict' : 'conflicts'} to decide.`}
      </p>
      <pre style={styles.pre} aria-label="Merged text">
        {result.hunks.map((hunk, index) =>
          hunk.kind === 'stable' ? (
            <span key={index}>{hunk.text}</span>
          ) : (
            <mark
              key={index}
              style={styles.conflict}
              aria-label={`Conflict ${result.hunks.slice(0, index + 1).filter((h) => h.kind === 'conflict').length}`}
            >
              <span style={styles.side}>
                <strong>mine: </strong>
                {hunk.mine}
              </span>
              <span style={styles.side}>
                <strong>theirs: </strong>
                {hunk.theirs}
              </span>
              <span style={styles.side}>
                <strong>base: </strong>
                {hunk.base}
              </span>
            </mark>
          ),
        )}
      </pre>
    </>
  )
}

function parse(label: string, text: string): { value?: unknown; error?: string } {
  try {
    return { value: JSON.parse(text) as unknown }
  } catch (error) {
    return { error: `${label} is not valid JSON: ${error instanceof Error ? error.message : String(error)}` }
  }
}

function ConflictItem({ conflict }: { conflict: MergeConflict }) {
  return (
    <li>
      <mark style={styles.conflict}>
        <strong>{conflict.id === '' ? '(the whole value)' : conflict.id}</strong> — {conflict.kind}
        {conflict.kind === 'delete-vs-edit' ? ` (deleted by ${conflict.deletedBy})` : ''}
        <span style={styles.side}>mine: {show(conflict.mine)}</span>
        <span style={styles.side}>theirs: {show(conflict.theirs)}</span>
        <span style={styles.side}>base: {show(conflict.base)}</span>
      </mark>
    </li>
  )
}

function JsonResult({
  base,
  mine,
  theirs,
  options,
}: {
  base: string
  mine: string
  theirs: string
  options?: MergeValuesOptions
}) {
  const outcome = useMemo((): { error: string } | { result: ReturnType<typeof mergeValues> } => {
    const parsed = [parse('Base', base), parse('Mine', mine), parse('Theirs', theirs)]
    const error = parsed.find((side) => side.error)?.error
    if (error) return { error }
    try {
      return { result: mergeValues(parsed[0]?.value, parsed[1]?.value, parsed[2]?.value, options) }
    } catch (caught) {
      if (caught instanceof MergeError) return { error: caught.message }
      throw caught
    }
  }, [base, mine, theirs, options])
  if ('error' in outcome)
    return (
      <p style={styles.error} role="alert">
        {outcome.error}
      </p>
    )
  const { result } = outcome
  return (
    <>
      <p role="status">
        {result.conflicts.length === 0
          ? 'Merged cleanly.'
          : `${result.conflicts.length} ${result.conflicts.length === 1 ? 'conflict' : 'conflicts'} to decide.`}{' '}
        {result.changes.length} {result.changes.length === 1 ? 'change' : 'changes'} from theirs merged
        automatically.
      </p>
      <h3>Merged (mine at each conflict)</h3>
      <pre style={styles.pre} aria-label="Merged JSON">
        {JSON.stringify(result.merged, null, 2)}
      </pre>
      {result.conflicts.length > 0 && (
        <>
          <h3>Conflicts</h3>
          <ul aria-label="Conflicts">
            {result.conflicts.map((conflict) => (
              <ConflictItem key={conflict.id} conflict={conflict} />
            ))}
          </ul>
        </>
      )}
      {result.changes.length > 0 && (
        <>
          <h3>Merged automatically from theirs</h3>
          <ul aria-label="Changes from theirs">
            {result.changes.map((change) => (
              <li key={change.id}>
                {change.id === '' ? '(the whole value)' : change.id}: {show(change.base)} →{' '}
                {show(change.theirs)}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  )
}

/** Three editors and the live merge result. */
export function MergePlayground(props: MergePlaygroundProps): ReactNode {
  const [base, setBase] = useState(props.base)
  const [mine, setMine] = useState(props.mine)
  const [theirs, setTheirs] = useState(props.theirs)
  return (
    <div style={styles.root}>
      <div style={styles.editors}>
        <Editor label="Base" value={base} onChange={setBase} />
        <Editor label="Mine" value={mine} onChange={setMine} />
        <Editor label="Theirs" value={theirs} onChange={setTheirs} />
      </div>
      <section style={styles.result} aria-label="Result" aria-live="polite">
        {props.mode === 'text' ? (
          <TextResult
            base={base}
            mine={mine}
            theirs={theirs}
            {...(props.granularity ? { granularity: props.granularity } : {})}
          />
        ) : (
          <JsonResult
            base={base}
            mine={mine}
            theirs={theirs}
            {...(props.options ? { options: props.options } : {})}
          />
        )}
      </section>
    </div>
  )
}
