/**
 * One person in a scenario: a panel with their name and their own QueryClient, as if they sat at their own
 * browser. `usePerson()` gives the form the headers that say who is saving (`X-User`, which the reference
 * server reports as `by` in its conflicts).
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { createContext, type ReactNode, useContext, useState } from 'react'
import { createDraftStore, DEFAULT_DRAFT_PREFIX, type DraftStore } from '../../src/core/save/index'

/** Who is using a panel. */
export interface PersonValue {
  /** The person's name. */
  readonly name: string
  /** Request headers naming them (`{ 'X-User': name }`). */
  readonly headers: Record<string, string>
  /**
   * Their own draft store (sessionStorage, keys prefixed with their name): two people in one page must not
   * share stored drafts, as two browsers would not.
   */
  readonly draftStore: DraftStore
}

const PersonContext = createContext<PersonValue | null>(null)

/** The person of the nearest `<Person>` panel. Throws outside one. */
export function usePerson(): PersonValue {
  const person = useContext(PersonContext)
  if (person === null) throw new Error('usePerson() must be called inside <Person>.')
  return person
}

/** Props of a person panel. */
export interface PersonProps {
  /** The person's name, shown as the heading and sent as `X-User`. */
  readonly name: string
  /** Query client options for this person. Default: no query retries (a demo should show failures at once). */
  readonly queryClient?: QueryClient
  /** Their form. */
  readonly children: ReactNode
}

/** A person's panel: heading, own QueryClient, and the person context. */
export function Person({ name, queryClient, children }: PersonProps): ReactNode {
  const [client] = useState(
    () =>
      queryClient ??
      new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } }),
  )
  const [person] = useState<PersonValue>(() => ({
    name,
    headers: { 'X-User': name },
    draftStore: createDraftStore({ prefix: `${DEFAULT_DRAFT_PREFIX}${name}:` }),
  }))
  return (
    <section className="demo-person" aria-label={name}>
      <h3>{name}</h3>
      <QueryClientProvider client={client}>
        <PersonContext.Provider value={person}>{children}</PersonContext.Provider>
      </QueryClientProvider>
    </section>
  )
}
