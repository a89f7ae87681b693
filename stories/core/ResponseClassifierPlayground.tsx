/**
 * An interactive view of the protocol core: edit a response (status, ETag, Content-Type, body) and see how
 * `classifyResponse` classifies it; edit the version the form loaded and see what precondition
 * `buildPrecondition` would send. Everything runs in the browser on a `Response` built locally: no network.
 */
import { useEffect, useId, useState, type ReactNode } from 'react'
import {
  buildPrecondition,
  classifyResponse,
  ConflictSafeError,
  type PreconditionMode,
  type PreconditionOptions,
  type ResourceVersion,
  type SaveOutcome,
  type WriteOperation,
} from '../../src/core/http/index'

/** The starting values of the playground; every one can be edited on the page. */
export interface ResponseClassifierPlaygroundProps {
  /** The response status. Default: 200. */
  status?: number
  /** The response's ETag header; empty for none. Default: `''`. */
  etag?: string
  /** The response's Content-Type header; empty for none. Default: `'application/json'`. */
  contentType?: string
  /** The response's X-Request-Id header; empty for none. Default: `''`. */
  requestId?: string
  /** The response body as text; empty for none. Default: `''`. */
  body?: string
  /** What the write did. Default: `'update'`. */
  operation?: WriteOperation
  /** The ETag the form loaded; empty when unknown. Default: `''`. */
  loadedETag?: string
  /** The body version the form loaded; empty when unknown. Default: `''`. */
  loadedValue?: string
  /** The precondition mode; `'auto'` lets `buildPrecondition` choose. Default: `'auto'`. */
  mode?: PreconditionMode | 'auto'
  /** Send the write unconditionally. Default: false. */
  unconditional?: boolean
  /** The request body (mine) the precondition is added to, as JSON text. Default: `'{"name":"Mine"}'`. */
  requestBody?: string
}

/** Statuses whose responses cannot have a body. */
const NULL_BODY_STATUSES = new Set([204, 205, 304])

/** JSON for display: errors as their name, code and message. */
function show(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, item: unknown) =>
      item instanceof Error
        ? {
            name: item.name,
            ...(item instanceof ConflictSafeError && { code: item.code }),
            message: item.message,
          }
        : item,
    2,
  )
}

function buildResponse(
  props: Required<
    Pick<ResponseClassifierPlaygroundProps, 'status' | 'etag' | 'contentType' | 'requestId' | 'body'>
  >,
): Response {
  const headers = new Headers()
  if (props.etag !== '') headers.set('ETag', props.etag)
  if (props.contentType !== '') headers.set('Content-Type', props.contentType)
  if (props.requestId !== '') headers.set('X-Request-Id', props.requestId)
  const body = NULL_BODY_STATUSES.has(props.status) || props.body === '' ? null : props.body
  return new Response(body, { status: props.status, headers })
}

function loadedVersion(etag: string, value: string): ResourceVersion | undefined {
  const trimmed = value.trim()
  const parsed = /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed
  if (etag === '' && trimmed === '') return undefined
  return { ...(etag !== '' && { etag }), ...(trimmed !== '' && { value: parsed }) }
}

type Classified = { outcome: SaveOutcome<unknown> } | { problem: string }

function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId()
  return (
    <div style={{ display: 'grid', gap: 4 }}>
      <label htmlFor={id} style={{ fontWeight: 600 }}>
        {label}
      </label>
      {children(id)}
    </div>
  )
}

/** A read-only value with a visible label (named through aria-labelledby). */
function Readout({
  label,
  alert = false,
  children,
}: {
  label: string
  alert?: boolean
  children: ReactNode
}) {
  const id = useId()
  return (
    <div style={{ display: 'grid', gap: 4 }}>
      <div id={id} style={{ fontWeight: 600 }}>
        {label}
      </div>
      <pre
        aria-labelledby={id}
        style={{ ...pre, ...(alert && { background: '#fdecec' }) }}
        {...(alert && { role: 'alert' })}
      >
        {children}
      </pre>
    </div>
  )
}

const box = {
  border: '1px solid #ccd',
  borderRadius: 6,
  padding: 12,
  display: 'grid',
  gap: 10,
  alignContent: 'start',
} as const
const pre = {
  margin: 0,
  padding: 8,
  background: '#f5f6fa',
  overflow: 'auto',
  maxHeight: 260,
  whiteSpace: 'pre-wrap',
} as const

/** The playground component. */
export function ResponseClassifierPlayground(props: ResponseClassifierPlaygroundProps) {
  const [status, setStatus] = useState(String(props.status ?? 200))
  const [etag, setETag] = useState(props.etag ?? '')
  const [contentType, setContentType] = useState(props.contentType ?? 'application/json')
  const [requestId, setRequestId] = useState(props.requestId ?? '')
  const [body, setBody] = useState(props.body ?? '')
  const [operation, setOperation] = useState<WriteOperation>(props.operation ?? 'update')
  const [loadedETag, setLoadedETag] = useState(props.loadedETag ?? '')
  const [loadedValue, setLoadedValue] = useState(props.loadedValue ?? '')
  const [mode, setMode] = useState<PreconditionMode | 'auto'>(props.mode ?? 'auto')
  const [unconditional, setUnconditional] = useState(props.unconditional ?? false)
  const [requestBody, setRequestBody] = useState(props.requestBody ?? '{"name":"Mine"}')
  const [classified, setClassified] = useState<Classified | undefined>(undefined)

  useEffect(() => {
    let current = true
    const code = Number(status)
    if (!Number.isInteger(code) || code < 200 || code > 599) {
      setClassified({ problem: 'Enter a status from 200 to 599.' })
      return
    }
    let response: Response
    try {
      response = buildResponse({ status: code, etag, contentType, requestId, body })
    } catch (error) {
      setClassified({ problem: `The browser refused these headers: ${(error as Error).message}` })
      return
    }
    classifyResponse(response, { operation }).then(
      (outcome) => current && setClassified({ outcome }),
      (error: unknown) => current && setClassified({ problem: `classifyResponse threw: ${String(error)}` }),
    )
    return () => {
      current = false
    }
  }, [status, etag, contentType, requestId, body, operation])

  let precondition: { text: string; failed: boolean }
  try {
    const mine: unknown = requestBody.trim() === '' ? undefined : JSON.parse(requestBody)
    const options: PreconditionOptions = { ...(mode !== 'auto' && { mode }), unconditional }
    precondition = {
      text: show(buildPrecondition(loadedVersion(loadedETag, loadedValue), mine, options)),
      failed: false,
    }
  } catch (error) {
    precondition = {
      text:
        error instanceof ConflictSafeError
          ? `${error.name}: ${error.message}`
          : `Request body is not JSON: ${String(error)}`,
      failed: true,
    }
  }

  const outcome = classified !== undefined && 'outcome' in classified ? classified.outcome : undefined

  return (
    <div
      style={{
        fontFamily: 'system-ui, sans-serif',
        display: 'grid',
        gap: 16,
        gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))',
      }}
    >
      <section style={box} aria-labelledby="response-heading">
        <h2 id="response-heading" style={{ margin: 0, fontSize: 18 }}>
          Response
        </h2>
        <Field label="Status">
          {(id) => (
            <input id={id} type="number" value={status} onChange={(event) => setStatus(event.target.value)} />
          )}
        </Field>
        <Field label="ETag header">
          {(id) => (
            <input
              id={id}
              value={etag}
              placeholder='"abc" or W/"abc"'
              onChange={(event) => setETag(event.target.value)}
            />
          )}
        </Field>
        <Field label="Content-Type header">
          {(id) => (
            <>
              <input
                id={id}
                list={`${id}-types`}
                value={contentType}
                onChange={(event) => setContentType(event.target.value)}
              />
              <datalist id={`${id}-types`}>
                <option value="application/json" />
                <option value="application/problem+json" />
                <option value="text/plain" />
                <option value="text/html" />
              </datalist>
            </>
          )}
        </Field>
        <Field label="X-Request-Id header">
          {(id) => <input id={id} value={requestId} onChange={(event) => setRequestId(event.target.value)} />}
        </Field>
        <Field label="Response body">
          {(id) => (
            <textarea
              id={id}
              rows={9}
              value={body}
              onChange={(event) => setBody(event.target.value)}
              style={{ fontFamily: 'monospace' }}
            />
          )}
        </Field>
        <Field label="Operation">
          {(id) => (
            <select
              id={id}
              value={operation}
              onChange={(event) => setOperation(event.target.value as WriteOperation)}
            >
              <option value="create">create (POST)</option>
              <option value="update">update (PUT / PATCH)</option>
              <option value="delete">delete (DELETE)</option>
            </select>
          )}
        </Field>
      </section>

      <section style={box} aria-labelledby="classification-heading">
        <h2 id="classification-heading" style={{ margin: 0, fontSize: 18 }}>
          classifyResponse
        </h2>
        {classified === undefined ? (
          <p>Classifying…</p>
        ) : 'problem' in classified ? (
          <p role="alert">{classified.problem}</p>
        ) : null}
        <p style={{ margin: 0 }}>
          Kind:{' '}
          <output aria-label="Outcome kind" style={{ fontWeight: 700, fontSize: 20 }}>
            {outcome?.kind ?? '—'}
          </output>
        </p>
        {outcome?.kind === 'ok' && <Readout label="New version">{show(outcome.version)}</Readout>}
        {outcome?.kind === 'stale' && (
          <Readout label="Theirs">
            {outcome.theirs === undefined
              ? 'Not in the body: fetch it with fetchResource (one GET).'
              : show(outcome.theirs)}
          </Readout>
        )}
        {outcome !== undefined && 'message' in outcome && outcome.message !== undefined && (
          <Readout label="Message">{outcome.message}</Readout>
        )}
        {outcome?.kind === 'error' && (
          <Readout label="Error">
            {`${outcome.error.name} (${outcome.error.code}): ${outcome.error.message}\nRetryable: ${String(outcome.retryable)}`}
          </Readout>
        )}
        <Readout label="Outcome">{outcome === undefined ? '' : show(outcome)}</Readout>
      </section>

      <section style={box} aria-labelledby="precondition-heading">
        <h2 id="precondition-heading" style={{ margin: 0, fontSize: 18 }}>
          buildPrecondition
        </h2>
        <Field label="Loaded ETag">
          {(id) => (
            <input
              id={id}
              value={loadedETag}
              placeholder="as the server sent it"
              onChange={(event) => setLoadedETag(event.target.value)}
            />
          )}
        </Field>
        <Field label="Loaded body version">
          {(id) => (
            <input
              id={id}
              value={loadedValue}
              placeholder="version, _rev, updatedAt…"
              onChange={(event) => setLoadedValue(event.target.value)}
            />
          )}
        </Field>
        <Field label="Mode">
          {(id) => (
            <select
              id={id}
              value={mode}
              onChange={(event) => setMode(event.target.value as PreconditionMode | 'auto')}
            >
              <option value="auto">default (If-Match when an ETag is known)</option>
              <option value="if-match">if-match</option>
              <option value="body">body</option>
              <option value="both">both</option>
            </select>
          )}
        </Field>
        <label style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
          <input
            type="checkbox"
            checked={unconditional}
            onChange={(event) => setUnconditional(event.target.checked)}
          />
          Unconditional write (on purpose)
        </label>
        <Field label="Request body (mine)">
          {(id) => (
            <textarea
              id={id}
              rows={3}
              value={requestBody}
              onChange={(event) => setRequestBody(event.target.value)}
              style={{ fontFamily: 'monospace' }}
            />
          )}
        </Field>
        <Readout label="Precondition" alert={precondition.failed}>
          {precondition.text}
        </Readout>
      </section>
    </div>
  )
}
