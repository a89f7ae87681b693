/**
 * The two-people end-to-end scenarios, run against each real server (`test/e2e/two-people-*.test.ts`):
 * Ada and Bob open the same note in their own browsers (two Playwright contexts) from the production build
 * of the demo app. Each scenario shows the second save being conditioned (If-Match: the version Bob
 * loaded), refused (412), merged, and saved (If-Match: Ada's version) — and reads the server's final state
 * with a GET to prove it holds every acknowledged change of both people.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BuiltDemoApp } from './build-demo-app'
import { buildDemoApp } from './build-demo-app'
import type { E2EBackend } from './backends'
import { NotePage } from './note-page'
import type { Exchange, People } from './people'
import { launchPeople, writesOf } from './people'

const summary = (exchanges: readonly Exchange[]) =>
  exchanges.map((exchange) => `${exchange.method} ${exchange.ifMatch ?? '-'} → ${exchange.status}`)

/** Defines the two-people suite for one server. */
export function describeTwoPeople(
  name: string,
  start: (app: BuiltDemoApp) => Promise<E2EBackend>,
  options: {
    /** Also run the scenario on the server's body-versioned resource (`backend.bodyVersion`). Default `false`. */
    readonly bodyVersion?: boolean
  } = {},
): void {
  describe(name, () => {
    let app: BuiltDemoApp
    let backend: E2EBackend
    let people: People

    beforeAll(async () => {
      app = await buildDemoApp()
      backend = await start(app)
      people = await launchPeople()
    })

    afterAll(async () => {
      await people?.close()
      await backend?.stop()
      await app?.remove()
    })

    /** Ada and Bob, each at their own browser, with the note `id` open. */
    async function openBoth(
      id: string,
      appUrl: E2EBackend['appUrl'] = backend.appUrl,
    ): Promise<{ ada: NotePage; bob: NotePage }> {
      const ada = new NotePage(await people.person('Ada', { apiPrefix: backend.apiPrefix }))
      const bob = new NotePage(await people.person('Bob', { apiPrefix: backend.apiPrefix }))
      await ada.open(appUrl(id, 'Ada'))
      await bob.open(appUrl(id, 'Bob'))
      return { ada, bob }
    }

    /** The status of a successful PUT on this server (the reference server answers 200 with the record, lighttpd 204). */
    const savedStatus = () => (backend.kind === 'webdav' ? 204 : 200)

    it('merges edits of different fields: the second save is conditioned, refused with 412, merged and saved', async () => {
      const id = 'groceries'
      await backend.seed(id, { title: 'Groceries', body: 'Milk and eggs.\nBread from the corner shop.\n' })
      const loaded = await backend.read(id)
      const { ada, bob } = await openBoth(id)
      // Both pinned the version they loaded.
      expect(await ada.version()).toBe(loaded.etag)
      expect(await bob.version()).toBe(loaded.etag)

      await ada.setTitle('Groceries for Saturday')
      await ada.save()
      await ada.waitForStatus(/^Saved\.$/)
      const afterAda = await backend.read(id)
      expect(afterAda.etag).not.toBe(loaded.etag)

      await bob.setBody('Milk and eggs.\nBread from the market.\n')
      await bob.save()
      await bob.waitForStatus(/^Saved, merged with 1 change made elsewhere\.$/)
      const final = await backend.read(id)

      // Ada: one conditional write. Bob: refused on the version he loaded, then saved on Ada's.
      await expect
        .poll(() => summary(writesOf(ada.person.exchanges)))
        .toEqual([`PUT ${loaded.etag} → ${savedStatus()}`])
      await expect
        .poll(() => summary(writesOf(bob.person.exchanges)))
        .toEqual([`PUT ${loaded.etag} → 412`, `PUT ${afterAda.etag} → ${savedStatus()}`])
      // Theirs came with the 412 from the reference server (no GET); lighttpd's bare 412 costs one GET.
      const reads = bob.person.exchanges.filter((exchange) => exchange.method === 'GET')
      expect(reads).toHaveLength(backend.kind === 'webdav' ? 2 : 1)

      // Bob's form shows the merged note and is now at the saved version.
      expect(await bob.title.inputValue()).toBe('Groceries for Saturday')
      expect(await bob.version()).toBe(final.etag)
      // The server holds both acknowledged changes.
      expect(final.data).toMatchObject({
        title: 'Groceries for Saturday',
        body: 'Milk and eggs.\nBread from the market.\n',
      })
      expect(ada.person.pageErrors).toEqual([])
      expect(bob.person.pageErrors).toEqual([])
    })

    it('resolves a true conflict in the dialog by clicks, keeping both people’s text', async () => {
      const id = 'offsite'
      await backend.seed(id, {
        title: 'Team offsite',
        body: 'Day one: talks.\nDay two: a walk in the hills.\n',
      })
      const loaded = await backend.read(id)
      const { ada, bob } = await openBoth(id)

      await ada.setTitle('Team offsite 2026')
      await ada.setBody('Day one: talks.\nDay two: a boat trip on the lake.\n')
      await ada.save()
      await ada.waitForStatus(/^Saved\.$/)
      const afterAda = await backend.read(id)

      await bob.setBody('Day one: talks.\nDay two: a museum visit downtown.\n')
      await bob.save()
      const dialog = bob.dialog
      await dialog.waitFor()
      expect(await dialog.getAttribute('aria-modal')).toBe('true')
      await expect
        .poll(() => dialog.getByRole('heading', { level: 2 }).first().innerText())
        .toBe('Someone else saved this record while you were editing')
      if (backend.kind === 'reference') expect(await dialog.innerText()).toContain('Saved by Ada')
      // The title merged automatically; the body needs a decision, change by change.
      const body = dialog.getByRole('region', { name: 'Body' })
      const changes = body.getByRole('group', { name: /^Change \d+ of \d+$/ })
      const count = await changes.count()
      expect(count).toBeGreaterThan(0)
      for (let index = 0; index < count; index++)
        await changes.nth(index).getByRole('radio', { name: 'Both' }).click()
      await dialog.getByRole('button', { name: 'Save merged' }).click()
      await bob.waitForStatus(/^Saved/)
      await dialog.waitFor({ state: 'detached' })
      const final = await backend.read(id)

      await expect
        .poll(() => summary(writesOf(bob.person.exchanges)))
        .toEqual([`PUT ${loaded.etag} → 412`, `PUT ${afterAda.etag} → ${savedStatus()}`])
      const saved = final.data as { title: string; body: string }
      expect(saved.title).toBe('Team offsite 2026')
      // "Both" keeps mine, then theirs: Bob's line and Ada's line.
      expect(saved.body).toBe(
        'Day one: talks.\nDay two: a museum visit downtown.\nDay two: a boat trip on the lake.\n',
      )
      expect(await bob.body.inputValue()).toBe(saved.body)
      expect(await bob.version()).toBe(final.etag)
      expect(ada.person.pageErrors).toEqual([])
      expect(bob.person.pageErrors).toEqual([])
    })

    if (options.bodyVersion === true)
      it('with the version in the body: the second save carries the loaded version, is refused with 409, merged and saved', async () => {
        const variant = backend.bodyVersion
        if (variant === undefined) throw new Error(`${backend.kind} has no body-versioned resource`)
        const id = 'memo'
        await variant.seed(id, { title: 'Memo', body: 'First line.\nSecond line.\n' })
        const { ada, bob } = await openBoth(id, variant.appUrl)
        expect(await ada.version()).toBe('1')
        expect(await bob.version()).toBe('1')

        await ada.setTitle('Memo to the team')
        await ada.save()
        await ada.waitForStatus(/^Saved\.$/)
        await bob.setBody('First line.\nSecond line, revised.\n')
        await bob.save()
        await bob.waitForStatus(/^Saved, merged with \d+ changes? made elsewhere\.$/)

        const sent = (exchange: Exchange) =>
          (JSON.parse(exchange.body ?? '{}') as { version?: unknown }).version
        await expect
          .poll(() =>
            writesOf(bob.person.exchanges).map(
              (exchange) => `${exchange.method} version ${String(sent(exchange))} → ${exchange.status}`,
            ),
          )
          .toEqual(['PUT version 1 → 409', 'PUT version 2 → 200'])
        const final = await variant.read(id)
        expect(final.data).toMatchObject({
          title: 'Memo to the team',
          body: 'First line.\nSecond line, revised.\n',
          version: 3,
        })
        expect(await bob.version()).toBe('3')
        expect(bob.person.pageErrors).toEqual([])
      })
  })
}
