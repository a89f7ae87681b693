/**
 * Two people, two browsers, one note, against a real third-party server that enforces If-Match: lighttpd
 * with mod_webdav. The note is a JSON file, its version is lighttpd's ETag, a stale PUT is a bare 412 (no
 * body), so the app reads theirs with one GET. See support/two-people.ts.
 */
import { startWebdavBackend } from './support/backends'
import { describeTwoPeople } from './support/two-people'

describeTwoPeople('two people against lighttpd + mod_webdav', startWebdavBackend)
