/**
 * Two people, two browsers: launches Debian's Chromium through playwright-core and gives each person their
 * own browser context (own cookies, storage and cache), a page, and a record of every API exchange their
 * page made (method, URL, If-Match, Idempotency-Key, status, ETag), read from the browser's own network
 * events. Requests to anything but 127.0.0.1 are aborted.
 */
import { chromium } from 'playwright-core'
import type { Browser, BrowserContext, Page, Request as BrowserRequest } from 'playwright-core'
import { CHROMIUM_ARGS } from '../../../build/chromium'

/** One HTTP exchange seen by a person's browser. */
export interface Exchange {
  readonly method: string
  readonly url: string
  readonly ifMatch: string | undefined
  readonly idempotencyKey: string | undefined
  /** The request body as sent (writes), else undefined. */
  readonly body: string | undefined
  /** The status, or 0 when the request failed (no response). */
  readonly status: number
  readonly etag: string | undefined
}

/** One person at their own browser. */
export interface PersonAtBrowser {
  readonly name: string
  readonly context: BrowserContext
  readonly page: Page
  /** Every API exchange so far (requests whose URL starts with the `apiPrefix`), oldest first. */
  readonly exchanges: Exchange[]
  /** Errors thrown in the page (uncaught) and console errors, for the test to assert none happened. */
  readonly pageErrors: string[]
}

/** A browser with several people. */
export interface People {
  readonly browser: Browser
  /** Opens a new person (a new browser context and page). */
  person(name: string, options: { readonly apiPrefix: string }): Promise<PersonAtBrowser>
  /** Closes every context and the browser. */
  close(): Promise<void>
}

function isLoopback(url: URL): boolean {
  return (
    url.protocol === 'data:' ||
    url.protocol === 'blob:' ||
    url.protocol === 'about:' ||
    url.hostname === '127.0.0.1'
  )
}

/** Launches Chromium (`$CHROMIUM_PATH`, else /usr/bin/chromium). */
export async function launchPeople(): Promise<People> {
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  })
  const contexts: BrowserContext[] = []
  return {
    browser,
    async person(name, { apiPrefix }) {
      const context = await browser.newContext()
      contexts.push(context)
      await context.route(
        (url) => !isLoopback(url),
        (route) => route.abort('blockedbyclient'),
      )
      const page = await context.newPage()
      const exchanges: Exchange[] = []
      const pageErrors: string[] = []
      page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`))
      page.on('console', (message) => {
        // The browser logs every 4xx/5xx response as "Failed to load resource": a 412 is part of the protocol.
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
          pageErrors.push(`console: ${message.text()}`)
      })
      const record = async (request: BrowserRequest) => {
        if (!request.url().startsWith(apiPrefix) || request.method() === 'OPTIONS') return
        const headers = await request.allHeaders()
        const response = await request.response()
        exchanges.push({
          method: request.method(),
          url: request.url(),
          ifMatch: headers['if-match'],
          idempotencyKey: headers['idempotency-key'],
          body: request.postData() ?? undefined,
          status: response?.status() ?? 0,
          etag: response !== null ? ((await response.headerValue('etag')) ?? undefined) : undefined,
        })
      }
      page.on('requestfinished', (request) => void record(request))
      page.on('requestfailed', (request) => void record(request))
      return { name, context, page, exchanges, pageErrors }
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined)
      await browser.close()
    },
  }
}

/** The writes (POST, PUT, PATCH, DELETE) among `exchanges`. */
export function writesOf(exchanges: readonly Exchange[]): Exchange[] {
  return exchanges.filter((exchange) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(exchange.method))
}
