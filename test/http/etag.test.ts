import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  ConflictSafeError,
  MalformedETagError,
  formatETag,
  parseETag,
  parseETagList,
  strongCompare,
  weakCompare,
  type EntityTag,
} from '../../src/core/http/index'

/** Characters an entity tag may carry between its quotes (etagc: %x21 / %x23-7E / obs-text). */
const etagChar = fc.oneof(
  fc.constant('!'),
  fc.integer({ min: 0x23, max: 0x7e }).map((code) => String.fromCharCode(code)),
  fc.integer({ min: 0x80, max: 0xff }).map((code) => String.fromCharCode(code)),
)
const entityTag = fc.record({ weak: fc.boolean(), opaque: fc.string({ unit: etagChar, maxLength: 40 }) })

function malformed(header: string): MalformedETagError {
  try {
    parseETag(header)
  } catch (error) {
    expect(error).toBeInstanceOf(MalformedETagError)
    return error as MalformedETagError
  }
  throw new Error(`parseETag accepted ${JSON.stringify(header)}`)
}

describe('parseETag', () => {
  it('reads a strong tag', () => {
    expect(parseETag('"abc"')).toEqual({ weak: false, opaque: 'abc' })
  })

  it('reads a weak tag', () => {
    expect(parseETag('W/"abc"')).toEqual({ weak: true, opaque: 'abc' })
  })

  it('reads the empty tag and tags with commas, slashes and obs-text', () => {
    expect(parseETag('""')).toEqual({ weak: false, opaque: '' })
    expect(parseETag('"a,b/c"')).toEqual({ weak: false, opaque: 'a,b/c' })
    expect(parseETag('"caf\u00e9"')).toEqual({ weak: false, opaque: 'caf\u00e9' })
  })

  it('ignores surrounding whitespace', () => {
    expect(parseETag(' \tW/"7" ')).toEqual({ weak: true, opaque: '7' })
  })

  it.each([
    ['abc', 'missing opening quote'],
    ['"abc', 'missing closing quote'],
    ['abc"', 'missing opening quote'],
    ['w/"abc"', 'case-sensitive'],
    ['W/abc', 'missing opening quote'],
    ['"a"b"', 'unexpected text after the closing quote'],
    ['"a b"', 'not allowed'],
    ['"a\\"b"', 'unexpected text'],
    ['', 'ends where an opening quote was expected'],
    ['"a", "b"', 'unexpected text'],
    ['"\u20ac"', 'not allowed'],
  ])('reports %j as malformed (%s), quoting the header', (header, reason) => {
    const error = malformed(header)
    expect(error).toBeInstanceOf(ConflictSafeError)
    expect(error).not.toBeInstanceOf(TypeError)
    expect(error.code).toBe('MALFORMED_ETAG')
    expect(error.header).toBe(header)
    expect(error.message).toContain(JSON.stringify(header))
    expect(error.message).toContain(reason)
  })

  it('shortens a huge header in the message but keeps it whole on the error', () => {
    const header = `"${'x'.repeat(5000)}`
    const error = malformed(header)
    expect(error.header).toBe(header)
    expect(error.message.length).toBeLessThan(700)
  })

  it('never throws anything but MalformedETagError, whatever the input', () => {
    fc.assert(
      fc.property(fc.string(), (header) => {
        try {
          const tag = parseETag(header)
          expect(formatETag(tag)).toBe(header.trim())
        } catch (error) {
          expect(error).toBeInstanceOf(MalformedETagError)
        }
      }),
    )
  })
})

describe('formatETag', () => {
  it('formats strong and weak tags', () => {
    expect(formatETag({ weak: false, opaque: 'abc' })).toBe('"abc"')
    expect(formatETag({ weak: true, opaque: '7' })).toBe('W/"7"')
  })

  it('refuses an opaque part with a quote or a space', () => {
    expect(() => formatETag({ weak: false, opaque: 'a"b' })).toThrow(MalformedETagError)
    expect(() => formatETag({ weak: false, opaque: 'a b' })).toThrow(MalformedETagError)
  })

  it('round-trips with parseETag', () => {
    fc.assert(
      fc.property(entityTag, (tag: EntityTag) => {
        expect(parseETag(formatETag(tag))).toEqual(tag)
      }),
    )
  })
})

describe('parseETagList', () => {
  it('reads "*"', () => {
    expect(parseETagList('*')).toBe('*')
    expect(parseETagList(' * ')).toBe('*')
  })

  it('reads a list of strong and weak tags', () => {
    expect(parseETagList('"a", W/"b",\t"c"')).toEqual([
      { weak: false, opaque: 'a' },
      { weak: true, opaque: 'b' },
      { weak: false, opaque: 'c' },
    ])
  })

  it('keeps commas inside quotes and ignores empty elements', () => {
    expect(parseETagList(', "a,b" ,, W/"c",')).toEqual([
      { weak: false, opaque: 'a,b' },
      { weak: true, opaque: 'c' },
    ])
    expect(parseETagList('')).toEqual([])
  })

  it.each(['"a" "b"', '*, "a"', '"a", *', '"a", b', '"a", "b'])('reports %j as malformed', (header) => {
    expect(() => parseETagList(header)).toThrow(MalformedETagError)
    try {
      parseETagList(header)
    } catch (error) {
      expect((error as MalformedETagError).header).toBe(header)
    }
  })

  it('round-trips any list of tags', () => {
    fc.assert(
      fc.property(fc.array(entityTag, { maxLength: 6 }), (tags) => {
        expect(parseETagList(tags.map(formatETag).join(', '))).toEqual(tags)
      }),
    )
  })
})

describe('comparison (RFC 9110 section 8.8.3.2 table)', () => {
  const cases: Array<[string, string, boolean, boolean]> = [
    ['W/"1"', 'W/"1"', false, true],
    ['W/"1"', 'W/"2"', false, false],
    ['W/"1"', '"1"', false, true],
    ['"1"', '"1"', true, true],
  ]
  it.each(cases)('%s vs %s: strong %s, weak %s', (a, b, strong, weak) => {
    expect(strongCompare(parseETag(a), parseETag(b))).toBe(strong)
    expect(weakCompare(parseETag(a), parseETag(b))).toBe(weak)
    expect(strongCompare(parseETag(b), parseETag(a))).toBe(strong)
    expect(weakCompare(parseETag(b), parseETag(a))).toBe(weak)
  })
})
