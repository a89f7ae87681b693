/**
 * The shared per-record controller, read with `useSyncExternalStore`. Internal to the hooks.
 */
import type { QueryClient, QueryKey } from '@tanstack/react-query'
import { useEffect, useReducer, useSyncExternalStore } from 'react'
import { hashKey } from '../core/save/hash-key.js'
import type { SaveController, SaveSnapshot } from '../core/save/save-controller.js'
import { getRecordController, retainRecord } from './registry.js'

/** The record's controller and its current snapshot; holds the record while mounted. */
export function useRecord<TData>(
  client: QueryClient,
  queryKey: QueryKey,
): { controller: SaveController<TData>; snapshot: SaveSnapshot<TData> } {
  const key = hashKey(queryKey)
  const [, rerender] = useReducer((count: number) => count + 1, 0)
  // Looked up on every render: always the live controller of this record (creating it touches no window).
  const controller = getRecordController<TData>(client, queryKey)
  useEffect(() => {
    const release = retainRecord(client, queryKey)
    // If the controller this render saw was disposed meanwhile, render again with the live one.
    if (getRecordController(client, queryKey) !== controller) rerender()
    return release
    // `key` stands for `queryKey` (a new array on every render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, key, controller])
  const snapshot = useSyncExternalStore(controller.subscribe, controller.getSnapshot, controller.getSnapshot)
  return { controller, snapshot }
}
