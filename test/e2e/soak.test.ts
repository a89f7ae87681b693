/**
 * A bounded soak: 50 simulated people make 20 edits each to ONE record, through the core
 * (fetchResource → edit → sendWrite with If-Match → on 412: theirs, mergeValues(base, mine, theirs),
 * retry, bounded), against the reference server on a loopback node:http port and against lighttpd
 * (a JSON document over WebDAV PUT/GET with If-Match), with faults injected by a loopback proxy in the
 * same run: dropped connections, 500s, slow answers and cut-off bodies, before or after the server acts.
 *
 * The record is built so most edits merge (each person owns a counter; people append items by id) and
 * some truly conflict (ten people share each of five fields). Asserted: zero lost updates — every
 * acknowledged change is in the final state, or was overwritten only by someone who saw it (as their
 * base, or as theirs in a conflict surfaced to them) — and no one ends with an unsaved draft they were
 * not told about.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fetchResource, sendWrite } from '../../src/core/http/index'
import type { ResourceVersion } from '../../src/core/http/index'
import { deepEqual, mergeValues, resolve } from '../../src/core/merge/index'
import type { ConflictChoices } from '../../src/core/merge/index'
import { createReferenceServer } from '../../src/server/index'
import { startFaultProxy } from '../support/fault-proxy'
import type { FaultProxy, FaultStats } from '../support/fault-proxy'
import { startLighttpd } from '../support/lighttpd'
import type { Lighttpd } from '../support/lighttpd'
import { serveFetch } from '../support/node-adapter'
import type { NodeFetchServer } from '../support/node-adapter'
import { seededRandom as seeded } from '../support/random'

const CLIENTS = 50
const EDITS = 20
const SHARED_FIELDS = 5
const MAX_ATTEMPTS_PER_SAVE = 40
const MAX_READ_ATTEMPTS = 10
const REQUEST_TIMEOUT_MS = 5000
const MAX_BACKOFF_MS = 400
const FREE_STALE_RETRIES = 3
/** After this long, people stop retrying (and are told their draft is unsaved): the run is bounded in time. */
const RUN_DEADLINE_MS = 40_000

interface Item {
  readonly id: string
  readonly by: string
  readonly n: number
}

interface Board {
  readonly id?: string
  readonly title: string
  /** Each person's own counter (`c07` → the number of their latest edit): merges cleanly. */
  readonly owned: Readonly<Record<string, number>>
  /** Contested fields (`s2` → `'c07:e12'`): ten people write each one, so some edits truly conflict. */
  readonly shared: Readonly<Record<string, string>>
  /** Items appended by id: everyone's additions merge. */
  readonly items: readonly Item[]
}

const clientName = (index: number) => `c${String(index).padStart(2, '0')}`

function initialBoard(): Board {
  const owned: Record<string, number> = {}
  for (let index = 0; index < CLIENTS; index++) owned[clientName(index)] = 0
  const shared: Record<string, string> = {}
  for (let index = 0; index < SHARED_FIELDS; index++) shared[`s${index}`] = 'seed'
  return { title: 'Soak board', owned, shared, items: [] }
}

const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms))

/** fetch with a deadline; a timeout becomes a network failure (a TypeError), like a dead connection. */
const fetchWithDeadline: typeof fetch = async (input, init) => {
  try {
    return await fetch(input, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })
  } catch (error) {
    if (error instanceof DOMException) throw new TypeError(`request timed out: ${error.message}`)
    throw error
  }
}

/** Figures of one run. */
interface Figures {
  writes: number
  ok: number
  stale412: number
  stale409: number
  errors: number
  reads: number
  readFailures: number
  merges: number
  cleanMerges: number
  conflictsSurfaced: number
  choseMine: number
  choseTheirs: number
  alreadySaved: number
  retries: number
  gaveUp: number
  savedEdits: number
  unexpected: string[]
}

/** What one simulated person did, for the checks at the end. */
interface Person {
  readonly name: string
  /** The latest owned counter the server acknowledged. */
  ackedOwned: number
  /** Their latest counter, saved or not. */
  latestOwned: number
  /** Item ids the server acknowledged. */
  readonly ackedItems: Set<string>
  /** Shared values the server acknowledged, as [field, value]. */
  readonly ackedShared: [string, string][]
  /** True while the draft holds changes the server has not acknowledged. */
  dirty: boolean
  /** Set when the person was told the draft is not saved (retries exhausted). */
  toldUnsaved: string | undefined
}

/** The server side of a run. */
interface Target {
  /** The record's URL through the fault proxy. */
  readonly url: string
}

async function runSoak(
  target: Target,
  seed: number,
): Promise<{ figures: Figures; people: Person[]; replaced: Map<string, Set<string>>; durationMs: number }> {
  const figures: Figures = {
    writes: 0,
    ok: 0,
    stale412: 0,
    stale409: 0,
    errors: 0,
    reads: 0,
    readFailures: 0,
    merges: 0,
    cleanMerges: 0,
    conflictsSurfaced: 0,
    choseMine: 0,
    choseTheirs: 0,
    alreadySaved: 0,
    retries: 0,
    gaveUp: 0,
    savedEdits: 0,
    unexpected: [],
  }
  /** For every shared field, each value some write replaced while its writer saw it (as base). */
  const replaced = new Map<string, Set<string>>()
  const people: Person[] = []
  const started = performance.now()

  async function readTheirs(): Promise<{ data: Board; version: ResourceVersion } | undefined> {
    for (let attempt = 1; attempt <= MAX_READ_ATTEMPTS; attempt++) {
      figures.reads += 1
      try {
        const read = await fetchResource<Board>(target.url, { fetch: fetchWithDeadline })
        if (read.version !== undefined) return { data: read.data, version: read.version }
        figures.unexpected.push('a read carried no ETag')
      } catch {
        figures.readFailures += 1
        await sleep(5 * attempt)
      }
    }
    return undefined
  }

  async function runPerson(index: number): Promise<void> {
    const random = seeded(seed * 1000 + index)
    const name = clientName(index)
    const person: Person = {
      name,
      ackedOwned: 0,
      latestOwned: 0,
      ackedItems: new Set(),
      ackedShared: [],
      dirty: false,
      toldUnsaved: undefined,
    }
    people.push(person)
    const loaded = await readTheirs()
    if (loaded === undefined) {
      person.toldUnsaved = 'could not load the record'
      return
    }
    let base = loaded.data
    let version = loaded.version
    let mine = base
    const pendingItems = new Set<string>()
    const pendingShared = new Map<string, string>()

    /** The server now holds `saved` (with `savedVersion`): record what it acknowledged. */
    const acknowledge = (saved: Board, savedVersion: ResourceVersion) => {
      base = saved
      version = savedVersion
      mine = saved
      person.ackedOwned = saved.owned[name] ?? 0
      for (const id of pendingItems) {
        if (saved.items.some((item) => item.id === id)) person.ackedItems.add(id)
      }
      pendingItems.clear()
      for (const [field, value] of pendingShared) {
        if (saved.shared[field] === value) person.ackedShared.push([field, value])
        else figures.unexpected.push(`${name}: own ${field}=${value} missing from own saved write`)
      }
      pendingShared.clear()
      person.dirty = false
    }

    /** Merge mine onto theirs; the person decides each true conflict (it is surfaced to them). */
    const mergeOnto = (theirs: { data: Board; version: ResourceVersion }) => {
      figures.merges += 1
      const result = mergeValues<Board>(base, mine, theirs.data)
      // Nothing of theirs may be lost: every path that mine left alone takes theirs' value.
      for (const field of Object.keys(theirs.data.owned)) {
        if (
          base.owned[field] === mine.owned[field] &&
          result.merged.owned[field] !== theirs.data.owned[field]
        ) {
          figures.unexpected.push(`merge lost theirs' owned.${field}`)
        }
      }
      for (const item of theirs.data.items) {
        if (!result.merged.items.some((merged) => merged.id === item.id))
          figures.unexpected.push(`merge lost theirs' item ${item.id}`)
      }
      const choices: Record<string, ConflictChoices[string]> = {}
      if (result.conflicts.length === 0) figures.cleanMerges += 1
      for (const conflict of result.conflicts) {
        const [top, field] = conflict.path
        if (top !== 'shared' || typeof field !== 'string' || conflict.path.length !== 2) {
          figures.unexpected.push(`unexpected conflict at ${conflict.id}`)
          continue
        }
        figures.conflictsSurfaced += 1
        if (random() < 0.5) {
          choices[conflict.id] = 'mine'
          figures.choseMine += 1
        } else {
          choices[conflict.id] = 'theirs'
          figures.choseTheirs += 1
          // Theirs wins this field: my pending value is withdrawn, by my own decision.
          pendingShared.delete(field)
        }
      }
      mine = resolve(result, choices)
      base = theirs.data
      version = theirs.version
    }

    /** Save the draft: bounded attempts; returns false when the person is told it is not saved. */
    const save = async (): Promise<boolean> => {
      for (let attempt = 1; attempt <= MAX_ATTEMPTS_PER_SAVE; attempt++) {
        if (attempt > 1 && performance.now() - started > RUN_DEADLINE_MS) return false
        if (attempt > 1) figures.retries += 1
        if (deepEqual(mine, base)) {
          // The server already holds everything in the draft (for example a lost answer to a write that was applied).
          figures.alreadySaved += 1
          acknowledge(base, version)
          return true
        }
        for (const field of Object.keys(mine.shared)) {
          if (mine.shared[field] !== base.shared[field]) {
            let set = replaced.get(field)
            if (set === undefined) replaced.set(field, (set = new Set()))
            set.add(base.shared[field] as string)
          }
        }
        figures.writes += 1
        const outcome = await sendWrite<Board>({
          url: target.url,
          method: 'PUT',
          body: mine,
          version,
          headers: { 'X-User': name },
          fetch: fetchWithDeadline,
        })
        if (outcome.kind === 'ok') {
          figures.ok += 1
          if (outcome.version === 'unknown') {
            figures.unexpected.push('a successful write carried no ETag')
            return false
          }
          acknowledge(outcome.data ?? mine, outcome.version)
          return true
        }
        let theirs: { data: Board; version: ResourceVersion } | undefined
        if (outcome.kind === 'stale') {
          if (outcome.status === 412) figures.stale412 += 1
          else figures.stale409 += 1
          if (outcome.theirs?.version !== undefined)
            theirs = { data: outcome.theirs.data, version: outcome.theirs.version }
        } else if (outcome.kind === 'error') {
          // The outcome is unknown (the write may have been applied): read theirs and merge again.
          figures.errors += 1
        } else {
          figures.unexpected.push(`unexpected outcome ${outcome.kind} ${String(outcome.status)}`)
          return false
        }
        // A 412 that carries theirs is fresh: merge and retry at once. After a failure, or after
        // several stale rounds in a row, back off (randomized, exponential, capped) and read theirs again,
        // so fifty people do not retry in lockstep on an outdated copy.
        if (theirs === undefined || attempt > FREE_STALE_RETRIES) {
          const ceiling = Math.min(
            MAX_BACKOFF_MS,
            (outcome.kind === 'error' ? 10 : 4) * 2 ** Math.min(attempt, 8),
          )
          await sleep(random() * ceiling)
          theirs = undefined
        }
        theirs ??= await readTheirs()
        if (theirs === undefined) continue
        mergeOnto(theirs)
      }
      return false
    }

    for (let edit = 1; edit <= EDITS; edit++) {
      await sleep(10 + random() * 60)
      // The edit: my counter, sometimes an item, sometimes a contested field.
      const owned = { ...mine.owned, [name]: edit }
      let items = mine.items
      if (edit % 4 === 0) {
        const id = `${name}-e${edit}`
        items = [...items, { id, by: name, n: edit }]
        pendingItems.add(id)
      }
      let shared = mine.shared
      if ((index + edit) % 5 === 0) {
        const field = `s${index % SHARED_FIELDS}`
        const value = `${name}:e${edit}`
        shared = { ...shared, [field]: value }
        pendingShared.set(field, value)
      }
      mine = { ...mine, owned, items, shared }
      person.latestOwned = edit
      person.dirty = true
      if (!(await save())) {
        figures.gaveUp += 1
        person.toldUnsaved = `edit ${edit}: not saved (retries exhausted or run deadline); the draft is kept`
      } else {
        figures.savedEdits += 1
        person.toldUnsaved = undefined
      }
    }
  }

  await Promise.all(Array.from({ length: CLIENTS }, (_, index) => runPerson(index)))
  return { figures, people, replaced, durationMs: performance.now() - started }
}

/** Checks zero lost updates against the server's final state; returns the violations. */
function lostUpdates(final: Board, people: Person[], replaced: Map<string, Set<string>>): string[] {
  const problems: string[] = []
  const finalItems = new Set(final.items.map((item) => item.id))
  if (finalItems.size !== final.items.length) problems.push('duplicate item ids in the final state')
  for (const person of people) {
    const owned = final.owned[person.name] ?? 0
    if (person.toldUnsaved === undefined) {
      if (owned !== person.ackedOwned)
        problems.push(`${person.name}: owned is ${owned}, acknowledged ${person.ackedOwned}`)
    } else if (owned < person.ackedOwned || owned > person.latestOwned) {
      problems.push(
        `${person.name}: owned is ${owned}, outside acknowledged ${person.ackedOwned}..latest ${person.latestOwned}`,
      )
    }
    for (const id of person.ackedItems) {
      if (!finalItems.has(id)) problems.push(`${person.name}: acknowledged item ${id} is missing`)
    }
    for (const [field, value] of person.ackedShared) {
      if (final.shared[field] === value) continue
      if (!replaced.get(field)?.has(value))
        problems.push(`${person.name}: acknowledged ${field}=${value} vanished without anyone seeing it`)
    }
  }
  for (const item of final.items) {
    if (!/^c\d\d-e\d+$/.test(item.id)) problems.push(`unknown item ${item.id}`)
  }
  return problems
}

function report(
  name: string,
  figures: Figures,
  faults: FaultStats,
  durationMs: number,
  people: Person[],
): void {
  const table = {
    target: name,
    'people × edits': `${CLIENTS} × ${EDITS}`,
    'requests (at the proxy)': faults.requests,
    'forwarded to the server': faults.forwarded,
    'upstream statuses': JSON.stringify(faults.upstreamStatuses),
    'writes sent': figures.writes,
    'writes ok': figures.ok,
    '412 stale': figures.stale412,
    '409 stale': figures.stale409,
    'failed writes (network/5xx/cut-off)': figures.errors,
    'reads of theirs': figures.reads,
    'failed reads': figures.readFailures,
    merges: figures.merges,
    'clean merges': figures.cleanMerges,
    'true conflicts surfaced': figures.conflictsSurfaced,
    'resolved mine / theirs': `${figures.choseMine} / ${figures.choseTheirs}`,
    'found already saved (lost answer)': figures.alreadySaved,
    retries: figures.retries,
    'edits saved': `${figures.savedEdits} of ${CLIENTS * EDITS}`,
    'gave up (person told)': figures.gaveUp,
    'unsaved drafts at the end (told)': people.filter((person) => person.dirty).length,
    'faults injected': JSON.stringify(faults.faults),
    'duration ms': Math.round(durationMs),
  }
  const width = Math.max(...Object.keys(table).map((key) => key.length))
  console.log(
    [
      `soak figures: ${name}`,
      ...Object.entries(table).map(([key, value]) => `  ${key.padEnd(width)}  ${String(value)}`),
    ].join('\n'),
  )
}

function checkRun(
  name: string,
  run: Awaited<ReturnType<typeof runSoak>>,
  final: Board,
  faults: FaultStats,
): void {
  report(name, run.figures, faults, run.durationMs, run.people)
  expect(run.figures.unexpected).toEqual([])
  expect(run.people).toHaveLength(CLIENTS)
  expect(lostUpdates(final, run.people, run.replaced)).toEqual([])
  // No one ends with an unsaved draft they were not told about.
  expect(run.people.filter((person) => person.dirty && person.toldUnsaved === undefined)).toEqual([])
  // The run did exercise what it claims to: contention, merges, true conflicts and every kind of fault.
  expect(run.figures.savedEdits).toBeGreaterThanOrEqual(CLIENTS * EDITS * 0.9)
  expect(run.figures.stale412).toBeGreaterThan(0)
  expect(run.figures.cleanMerges).toBeGreaterThan(0)
  expect(run.figures.conflictsSurfaced).toBeGreaterThan(0)
  for (const kind of [
    'drop-before',
    'drop-after',
    'error-before',
    'error-after',
    'slow',
    'truncate',
  ] as const) {
    expect(faults.faults[kind], kind).toBeGreaterThan(0)
  }
  const totalItems = CLIENTS * (EDITS / 4)
  expect(final.items.length).toBeLessThanOrEqual(totalItems)
  expect(final.items.length).toBeGreaterThanOrEqual(
    run.people.reduce((sum, person) => sum + person.ackedItems.size, 0),
  )
}

const FAULTS = {
  rates: { drop: 0.015, error: 0.015, slow: 0.03, truncate: 0.015 },
  maxPerKind: 30,
  activeForMs: 30_000,
  slowMs: [20, 150] as const,
}

describe('soak: 50 people × 20 edits on one record, with faults', () => {
  describe('against the reference server (loopback node:http)', () => {
    const reference = createReferenceServer({
      resources: { boards: { requirePrecondition: true } },
      seed: { boards: [{ id: 'board', ...initialBoard() }] },
    })
    let http: NodeFetchServer
    let proxy: FaultProxy
    beforeAll(async () => {
      http = await serveFetch((request) => reference.handle(request))
      proxy = await startFaultProxy({ target: http.url, seed: 7, ...FAULTS })
    })
    afterAll(async () => {
      await proxy?.close()
      await http?.close()
    })

    it('loses no acknowledged change and leaves no untold draft', async () => {
      const run = await runSoak(
        {
          url: `${proxy.url}/boards/board`,
        },
        7,
      )
      const final = (await fetchResource<Board>(`${http.url}/boards/board`)).data
      expect(final).toEqual(reference.snapshot()['boards']?.[0])
      checkRun('reference server', run, final, proxy.stats())
    })
  })

  describe('against lighttpd + mod_webdav', () => {
    let lighttpd: Lighttpd
    let proxy: FaultProxy
    beforeAll(async () => {
      lighttpd = await startLighttpd({ files: { 'board.json': JSON.stringify(initialBoard()) } })
      proxy = await startFaultProxy({ target: lighttpd.url, seed: 11, ...FAULTS })
    })
    afterAll(async () => {
      await proxy?.close()
      await lighttpd?.stop()
    })

    it('loses no acknowledged change and leaves no untold draft', async () => {
      const run = await runSoak(
        {
          url: `${proxy.url}/board.json`,
        },
        11,
      )
      const final = (await fetchResource<Board>(`${lighttpd.url}/board.json`)).data
      checkRun('lighttpd', run, final, proxy.stats())
    })
  })
})
