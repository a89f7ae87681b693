import diff3Merge from 'diff3'
import { expect, it } from 'vitest'

it('merges in Chromium (ES modules are strict)', () => {
  expect(diff3Merge(['x', 'mine', 'z'], ['x', 'y', 'z'], ['x', 'theirs', 'z'])).toEqual([
    { ok: ['x'] },
    { conflict: { a: ['mine'], aIndex: 1, o: ['y'], oIndex: 1, b: ['theirs'], bIndex: 1 } },
    { ok: ['z'] },
  ])
})
