import { describe, expect, it } from 'vitest'
import {
  type Decision,
  countRemaining,
  decisionKind,
  isDecided,
  toChoices,
  withHunk,
  withKey,
} from './decisions.js'
import { articleConflicts } from './fixtures.js'
import { createResolutionStore } from './resolutionStore.js'

const body = articleConflicts.find((conflict) => conflict.id === 'body')!
const price = articleConflicts.find((conflict) => conflict.id === 'price')!

describe('decisions', () => {
  describe('given no decisions', () => {
    it('then every conflict remains and the choices are empty (every conflict keeps mine)', () => {
      expect(countRemaining(articleConflicts, {})).toBe(6)
      expect(toChoices(articleConflicts, {})).toEqual({})
    })
  })

  describe('given a text conflict decided hunk by hunk', () => {
    it('then it is decided only when every conflicting hunk has a choice', () => {
      const first = withHunk(body, undefined, 0, 'both')
      expect(first).toEqual({ hunks: ['both', undefined] })
      expect(isDecided(body, first)).toBe(false)
      const both = withHunk(body, first, 1, 'theirs')
      expect(isDecided(body, both)).toBe(true)
      expect(decisionKind(both)).toBe('hunks')
    })

    it('then open hunks keep mine in the choices', () => {
      expect(toChoices(articleConflicts, { body: withHunk(body, undefined, 1, 'theirs') })).toEqual({
        body: { hunks: ['mine', 'theirs'] },
      })
    })

    it('then a whole-field choice replaces the hunk choices', () => {
      expect(withHunk(body, 'theirs', 0, 'mine')).toEqual({ hunks: ['mine', undefined] })
    })
  })

  describe('given an edit that does not parse', () => {
    it('then it is not decided and is left out of the choices', () => {
      const decision = { value: 'twelve', error: 'Enter a number.' }
      expect(isDecided(price, decision)).toBe(false)
      expect(decisionKind(decision)).toBe('edit')
      expect(toChoices(articleConflicts, { price: decision })).toEqual({})
      expect(toChoices(articleConflicts, { price: { value: 12 } })).toEqual({ price: { value: 12 } })
    })
  })

  describe('given a conflict id that names a prototype property', () => {
    it('then decisions are plain own data, never the prototype', () => {
      const conflicts = [
        { ...price, id: '__proto__' },
        { ...price, id: 'constructor' },
      ]
      const decisions = withKey<Decision>(
        withKey<Decision>({}, '__proto__', 'theirs'),
        'constructor',
        undefined,
      )
      expect(Object.getPrototypeOf(decisions)).toBeNull()
      expect(countRemaining(conflicts, decisions)).toBe(1)
      const choices = toChoices(conflicts, decisions)
      expect(Object.keys(choices)).toEqual(['__proto__'])
      expect(({} as Record<string, unknown>).theirs).toBeUndefined()
    })
  })
})

describe('createResolutionStore', () => {
  describe('given default choices', () => {
    it('then it starts from them and tells subscribers about every change', () => {
      const store = createResolutionStore(articleConflicts, { title: 'theirs' })
      let calls = 0
      const unsubscribe = store.subscribe(() => calls++)
      expect(store.get().title).toBe('theirs')
      const before = store.get()
      store.chooseHunk('body', 1, 'both')
      expect(store.get()).not.toBe(before)
      expect(store.get().body).toEqual({ hunks: [undefined, 'both'] })
      store.choose('title', undefined)
      expect('title' in store.get()).toBe(false)
      expect(calls).toBe(2)
      unsubscribe()
      store.choose('price', 'mine')
      expect(calls).toBe(2)
    })

    it('then hunk choices for an unknown conflict are ignored', () => {
      const store = createResolutionStore(articleConflicts)
      store.chooseHunk('nope', 0, 'mine')
      expect(store.get()).toEqual({})
    })
  })
})
