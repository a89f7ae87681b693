/**
 * Starts a real lighttpd with mod_webdav on 127.0.0.1 for tests: a free port, a temporary document
 * root that WebDAV may write to, strong ETags, and a stop() that sends SIGTERM and removes the root.
 * Debian: `apt-get install -y --no-install-recommends lighttpd lighttpd-mod-webdav` (`.ci/run` does it).
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises'
import { createServer, connect } from 'node:net'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A running lighttpd. */
export interface Lighttpd {
  /** The origin, `http://127.0.0.1:<port>`. */
  readonly url: string
  /** The port. */
  readonly port: number
  /** The document root (a temporary directory, removed by `stop`). */
  readonly root: string
  /** The process id. */
  readonly pid: number
  /** Stops the server with SIGTERM (SIGKILL after 2 s) and removes the document root. */
  stop(): Promise<void>
}

/** Options of `startLighttpd`. */
export interface LighttpdOptions {
  /** Adds CORS response headers for this origin (`'*'` for any). Default: none. */
  readonly cors?: string
  /** Files to place in the document root before start, by relative path. Default: none. */
  readonly files?: Readonly<Record<string, string>>
  /** More configuration lines. Default: none. */
  readonly extraConfig?: string
}

const CANDIDATES = [process.env['LIGHTTPD_PATH'], '/usr/sbin/lighttpd', '/usr/bin/lighttpd']

/** The lighttpd binary, or `undefined` when it is not installed. */
export function findLighttpd(): string | undefined {
  return CANDIDATES.find((path): path is string => path !== undefined && path !== '' && existsSync(path))
}

/** The directory of lighttpd's loadable modules (mod_webdav.so), if it can be found. */
function findModuleDir(): string | undefined {
  return [
    '/usr/lib/lighttpd',
    '/usr/lib64/lighttpd',
    '/usr/local/lib/lighttpd',
    '/usr/lib/x86_64-linux-gnu/lighttpd',
  ].find((dir) => existsSync(join(dir, 'mod_webdav.so')))
}

async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = probe.address() as AddressInfo
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return port
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

function config(
  root: string,
  port: number,
  errorLog: string,
  moduleDir: string | undefined,
  options: LighttpdOptions,
): string {
  const lines = [
    ...(moduleDir !== undefined ? [`server.modules-dir = "${moduleDir}"`] : []),
    'server.modules = ("mod_setenv", "mod_webdav")',
    `server.document-root = "${root}"`,
    'server.bind = "127.0.0.1"',
    `server.port = ${port}`,
    `server.errorlog = "${errorLog}"`,
    'server.max-request-size = 1024',
    'webdav.activate = "enable"',
    'webdav.is-readonly = "disable"',
    // Strong ETags from inode, mtime (with nanoseconds) and size; lighttpd's defaults, stated.
    'etag.use-inode = "enable"',
    'etag.use-mtime = "enable"',
    'etag.use-size = "enable"',
    'static-file.etags = "enable"',
    'mimetype.assign = (".json" => "application/json", ".html" => "text/html", ".js" => "text/javascript", ".css" => "text/css")',
    'index-file.names = ("index.html")',
  ]
  if (options.cors !== undefined) {
    lines.push(
      'setenv.add-response-header = (',
      `  "Access-Control-Allow-Origin" => "${options.cors}",`,
      '  "Access-Control-Allow-Methods" => "GET, HEAD, PUT, DELETE, OPTIONS",',
      '  "Access-Control-Allow-Headers" => "Content-Type, If-Match, If-None-Match",',
      '  "Access-Control-Expose-Headers" => "ETag"',
      ')',
    )
  }
  if (options.extraConfig !== undefined) lines.push(options.extraConfig)
  return `${lines.join('\n')}\n`
}

async function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve(true)
    })
  })
}

async function startOnce(binary: string, options: LighttpdOptions): Promise<Lighttpd | { error: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'conflict-safe-lighttpd-'))
  const root = join(dir, 'root')
  await mkdir(root)
  for (const [path, text] of Object.entries(options.files ?? {})) {
    const target = join(root, path)
    await mkdir(join(target, '..'), { recursive: true })
    await writeFile(target, text)
  }
  const errorLog = join(dir, 'error.log')
  const port = await freePort()
  const configFile = join(dir, 'lighttpd.conf')
  await writeFile(configFile, config(root, port, errorLog, findModuleDir(), options))
  const child = spawn(binary, ['-D', '-f', configFile], { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const cleanUp = () => rm(dir, { recursive: true, force: true })
  const deadline = Date.now() + 5000
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break
    if (await canConnect(port)) {
      return {
        url: `http://127.0.0.1:${port}`,
        port,
        root,
        pid: child.pid as number,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) {
            child.kill('SIGTERM')
            if (!(await waitForExit(child, 2000))) {
              child.kill('SIGKILL')
              await waitForExit(child, 2000)
            }
          }
          await cleanUp()
        },
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  child.kill('SIGKILL')
  await waitForExit(child, 2000)
  const log = await readFile(errorLog, 'utf8').catch(() => '')
  await cleanUp()
  return { error: `${stderr}${log}`.trim() || 'lighttpd did not start listening within 5 s' }
}

/**
 * Starts lighttpd with mod_webdav on 127.0.0.1 and a free port. Retries a few times when the port
 * was taken in between; throws with lighttpd's own messages when it cannot start.
 */
export async function startLighttpd(options: LighttpdOptions = {}): Promise<Lighttpd> {
  const binary = findLighttpd()
  if (binary === undefined) {
    throw new Error(
      'lighttpd is not installed: run `apt-get install -y --no-install-recommends lighttpd lighttpd-mod-webdav` (Debian), or set LIGHTTPD_PATH.',
    )
  }
  let last = ''
  for (let attempt = 0; attempt < 5; attempt++) {
    const started = await startOnce(binary, options)
    if (!('error' in started)) return started
    last = started.error
  }
  throw new Error(`lighttpd failed to start: ${last}`)
}
