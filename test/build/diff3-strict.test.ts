import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import diff3Merge from 'diff3'
import { describe, expect, it } from 'vitest'
import { buildStrictDiff3Module } from '../../build/diff3-strict'

const require = createRequire(import.meta.url)
const onpPath = join(dirname(require.resolve('diff3/package.json')), 'onp.js')

describe('diff3 under strict mode', () => {
  it('the published onp.js throws in strict mode (the defect we work around)', () => {
    const source = readFileSync(onpPath, 'utf8')
    const module = { exports: {} as unknown }
    new Function('module', `"use strict";\n${source}`)(module)
    const Onp = module.exports as new (a: string[], b: string[]) => { compose(): unknown }
    expect(() => new Onp(['a', 'b'], ['a', 'c']).compose()).toThrow(/ed is not defined/)
  })

  it('the import served by the plugin merges in strict mode', () => {
    expect(buildStrictDiff3Module()).toMatch(/^"use strict";/)
    const result = diff3Merge(['a', 'B', 'c', 'd', 'e'], ['a', 'b', 'c', 'd', 'e'], ['a', 'b', 'c', 'd', 'E'])
    expect(result).toEqual([{ ok: ['a', 'B', 'c', 'd', 'E'] }])
  })
})
