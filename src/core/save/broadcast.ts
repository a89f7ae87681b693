/**
 * Telling other tabs that a record was saved, over one `BroadcastChannel` per tab. A tab never hears its
 * own messages (they are sent and received on the same channel object). Created on first use, never at
 * import; where `BroadcastChannel` is missing (old browsers, server rendering) everything is a no-op.
 */
import type { ResourceVersion } from '../http/version.js'

/** The channel name shared by every tab of the origin. */
export const BROADCAST_CHANNEL_NAME = 'conflict-safe'

/** What a tab announces after a save. */
export interface RecordSavedMessage {
  readonly type: 'saved'
  /** The record key (`hashKey(queryKey)`). */
  readonly key: string
  /** The version the record has now, when known. */
  readonly version?: ResourceVersion
}

type Listener = (message: RecordSavedMessage) => void

let channel: BroadcastChannel | null | undefined
const listeners = /* @__PURE__ */ new Set<Listener>()

function getChannel(): BroadcastChannel | undefined {
  if (channel === undefined) {
    channel = null
    if (typeof BroadcastChannel === 'function') {
      try {
        channel = new BroadcastChannel(BROADCAST_CHANNEL_NAME)
        // In Node, do not keep the process alive for this channel.
        ;(channel as unknown as { unref?: () => void }).unref?.()
        channel.onmessage = (event: MessageEvent<unknown>) => {
          const message = parseMessage(event.data)
          if (message) for (const listener of [...listeners]) listener(message)
        }
      } catch {
        channel = null
      }
    }
  }
  return channel ?? undefined
}

function parseMessage(data: unknown): RecordSavedMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined
  const { type, key, version } = data as Record<string, unknown>
  if (type !== 'saved' || typeof key !== 'string') return undefined
  if (version !== undefined && (typeof version !== 'object' || version === null)) return undefined
  return { type, key, ...(version !== undefined && { version: version as ResourceVersion }) }
}

/** Tell other tabs that the record `key` was saved (at `version`, when known). */
export function announceSaved(key: string, version: ResourceVersion | undefined): void {
  try {
    getChannel()?.postMessage({
      type: 'saved',
      key,
      ...(version !== undefined && { version: { ...version } }),
    })
  } catch {
    // A closed or unavailable channel: other tabs will see the change on their next refetch.
  }
}

/** Listen for saves announced by other tabs. Returns the unsubscribe. */
export function onSavedElsewhere(listener: Listener): () => void {
  if (!getChannel()) return () => {}
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}
