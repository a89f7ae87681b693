/**
 * The rules a write must pass after its precondition: validation (422), references (422 when
 * dangling, 409 when a delete would leave records pointing nowhere), uniqueness (409 duplicate) and
 * state rules (409 state, including field transitions).
 */
import { canonicalJson } from './content-hash.js'
import { getPath } from './json-path.js'
import type { JsonObject } from './json-path.js'
import { problemReply } from './reply.js'
import type { Reply } from './reply.js'
import type { ResourceOptions, WriteInput } from './types.js'

/** What the rules need to know about the server. */
export interface RuleScope {
  /** Every resource's options, by name. */
  readonly resources: ReadonlyMap<string, ResourceOptions>
  /** Every record's data of a resource. */
  readonly records: (resource: string) => readonly JsonObject[]
  /** True when the record exists. */
  readonly exists: (resource: string, id: string) => boolean
  /** The absolute URL of a record. */
  readonly recordUrl: (resource: string, id: string) => string
  /** The id of a record's data. */
  readonly idOf: (resource: string, record: JsonObject) => string
}

function idsIn(value: unknown): string[] {
  if (value === undefined || value === null) return []
  if (Array.isArray(value)) return value.flatMap((item) => idsIn(item))
  if (typeof value === 'string' || typeof value === 'number') return [String(value)]
  return [canonicalJson(value)]
}

function quote(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : canonicalJson(value)
}

function checkTransitions(input: WriteInput, options: ResourceOptions, instance: string): Reply | undefined {
  if (input.operation !== 'update' || input.current === undefined || input.next === undefined)
    return undefined
  for (const [field, transitions] of Object.entries(options.transitions ?? {})) {
    const from = getPath(input.current, field)
    const to = getPath(input.next, field)
    if (canonicalJson(from) === canonicalJson(to)) continue
    const allowed = typeof from === 'string' ? transitions[from] : undefined
    if (allowed !== undefined && typeof to === 'string' && allowed.includes(to)) continue
    const list =
      allowed === undefined || allowed.length === 0 ? 'none' : allowed.map((state) => `'${state}'`).join(', ')
    return problemReply({
      code: 'state-conflict',
      status: 409,
      detail: `${field} cannot change from ${quote(from)} to ${quote(to)} (allowed from ${quote(from)}: ${list}).`,
      instance,
      extensions: { rule: 'transition', field, from, to, allowed: allowed ?? [] },
    })
  }
  return undefined
}

/** Checks a create or an update; returns the refusal, or `undefined` when the write may proceed. */
export function checkWrite(scope: RuleScope, input: WriteInput, instance: string): Reply | undefined {
  const options = scope.resources.get(input.resource) ?? {}
  const next = input.next
  if (next === undefined) return undefined

  const invalid = options.validate?.(next)
  if (invalid !== undefined) {
    return problemReply({ code: 'invalid', status: 422, detail: invalid, instance })
  }

  for (const [field, target] of Object.entries(options.references ?? {})) {
    for (const id of idsIn(getPath(next, field))) {
      if (!scope.exists(target, id)) {
        return problemReply({
          code: 'invalid',
          status: 422,
          detail: `${field} '${id}' does not refer to an existing record of ${target}.`,
          instance,
          extensions: { field, value: getPath(next, field) },
        })
      }
    }
  }

  for (const field of options.unique ?? []) {
    const value = getPath(next, field)
    if (value === undefined || value === null) continue
    const key = canonicalJson(value)
    const holder = scope
      .records(input.resource)
      .find(
        (record) =>
          scope.idOf(input.resource, record) !== input.id && canonicalJson(getPath(record, field)) === key,
      )
    if (holder !== undefined) {
      return problemReply({
        code: 'duplicate',
        status: 409,
        detail: `${field} ${quote(value)} is already taken.`,
        instance,
        extensions: {
          field,
          value,
          existing: scope.recordUrl(input.resource, scope.idOf(input.resource, holder)),
        },
      })
    }
  }

  return checkTransitions(input, options, instance) ?? checkStateRules(input, options, instance)
}

function checkStateRules(input: WriteInput, options: ResourceOptions, instance: string): Reply | undefined {
  for (const rule of options.rules ?? []) {
    const message = rule(input)
    if (message !== undefined) {
      return problemReply({
        code: 'state-conflict',
        status: 409,
        detail: message,
        instance,
        extensions: { rule: 'custom' },
      })
    }
  }
  return undefined
}

/** Checks a delete: refused while other records reference the record, or when a state rule says so. */
export function checkDelete(scope: RuleScope, input: WriteInput, instance: string): Reply | undefined {
  const referencedBy: { resource: string; id: string; field: string; url: string }[] = []
  for (const [resource, options] of scope.resources) {
    for (const [field, target] of Object.entries(options.references ?? {})) {
      if (target !== input.resource) continue
      for (const record of scope.records(resource)) {
        if (idsIn(getPath(record, field)).includes(input.id)) {
          const id = scope.idOf(resource, record)
          referencedBy.push({ resource, id, field, url: scope.recordUrl(resource, id) })
        }
      }
    }
  }
  if (referencedBy.length > 0) {
    const first = referencedBy[0]
    const names = [...new Set(referencedBy.map((reference) => reference.resource))].join(', ')
    return problemReply({
      code: 'state-conflict',
      status: 409,
      detail:
        `${input.resource} '${input.id}' cannot be deleted: ${referencedBy.length} record(s) of ${names} still refer to it` +
        (first !== undefined ? ` (for example ${first.resource} '${first.id}').` : '.'),
      instance,
      extensions: { rule: 'referenced', referencedBy: referencedBy.slice(0, 20) },
    })
  }
  return checkStateRules(input, scope.resources.get(input.resource) ?? {}, instance)
}
