/**
 * Two people, two browsers, one note, against the reference server on a real loopback node:http port:
 * the production build of the demo app, driven by Playwright in Chromium. See support/two-people.ts.
 */
import { startReferenceBackend } from './support/backends'
import { describeTwoPeople } from './support/two-people'

describeTwoPeople('two people against the reference server (node:http, loopback)', startReferenceBackend, {
  bodyVersion: true,
})
