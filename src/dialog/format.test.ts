import { describe, expect, it } from 'vitest'
import { withField } from './Duplicate.js'
import { displayValue, fromEditText, humanise, itemName, labelOf, safeHref, toEditText } from './format.js'
import { defaultConflictMessages as messages } from './messages.js'

describe('labelOf', () => {
  describe('given labels from the form', () => {
    it('then the conflict id, then dotted names are used, array items by position or key', () => {
      const labels = { title: 'Title', 'address.city': 'City', lines: 'Order lines', 'lines.qty': 'Quantity' }
      expect(labelOf(['title'], labels, messages, 'title')).toBe('Title')
      expect(labelOf(['address', 'city'], labels, messages, 'address.city')).toBe('City')
      expect(labelOf(['lines', { key: 7, field: 'id' }, 'qty'], labels, messages, 'lines[id=7].qty')).toBe(
        'Order lines › Item 7 › Quantity',
      )
      expect(labelOf(['tags', 1], labels, messages)).toBe('Tags › Item 2')
      expect(labelOf(['x'], { 'x-y': 'no' }, messages, 'x')).toBe('X')
    })
  })

  describe('given no labels', () => {
    it('then names are humanised', () => {
      expect(humanise('shippingAddress')).toBe('Shipping address')
      expect(humanise('first_name')).toBe('First name')
      expect(humanise('due-date')).toBe('Due date')
      expect(labelOf(['shippingAddress', 'zipCode'], {}, messages)).toBe('Shipping address › Zip code')
    })
  })

  describe('given a label key that names a prototype property', () => {
    it('then only own labels count', () => {
      expect(labelOf(['constructor'], {}, messages, 'constructor')).toBe('Constructor')
      expect(labelOf(['toString'], {}, messages)).toBe('To string')
    })
  })
})

describe('displayValue', () => {
  it('shows every kind of value as text', () => {
    expect(displayValue(undefined, messages)).toBe('(none)')
    expect(displayValue(null, messages)).toBe('(empty)')
    expect(displayValue('', messages)).toBe('(empty)')
    expect(displayValue(true, messages)).toBe('Yes')
    expect(displayValue(12.5, messages)).toBe('12.5')
    expect(displayValue(['finance', 'q3'], messages)).toBe('finance, q3')
    expect(displayValue({ id: 2, unitPrice: 3.5 }, messages)).toBe('Id: 2\nUnit price: 3.5')
    expect(displayValue({ id: 2, tags: ['a'] }, messages)).toBe('{\n  "id": 2,\n  "tags": [\n    "a"\n  ]\n}')
    expect(displayValue('<b>x</b>', messages)).toBe('<b>x</b>')
  })
})

describe('edit text', () => {
  describe('given the type of the field', () => {
    it('then text stays text, numbers parse, anything else is JSON', () => {
      expect(fromEditText('hello', 'was text', messages)).toEqual({ value: 'hello' })
      expect(fromEditText(' 12.5 ', 1, messages)).toEqual({ value: 12.5 })
      expect(fromEditText('', 1, messages)).toEqual({ value: '', error: 'Enter a number.' })
      expect(fromEditText('1e999', 1, messages)).toEqual({ value: '1e999', error: 'Enter a number.' })
      expect(fromEditText('{"a":[1]}', { a: [] }, messages)).toEqual({ value: { a: [1] } })
      expect(fromEditText('{', null, messages)).toEqual({ value: '{', error: 'Enter valid JSON.' })
      expect(toEditText({ a: 1 })).toBe('{\n  "a": 1\n}')
      expect(toEditText(undefined)).toBe('')
      expect(toEditText(3)).toBe('3')
    })
  })
})

describe('itemName', () => {
  it('uses the name, title or label of an item', () => {
    expect(itemName(undefined, { id: 2, name: 'Gadget' })).toBe('Gadget')
    expect(itemName({ title: 'Intro' })).toBe('Intro')
    expect(itemName('plain', { id: 1 })).toBeUndefined()
  })
})

describe('withField', () => {
  it('sets a dotted field on a copy and refuses names that reach the prototype', () => {
    const mine = { name: 'Acme', address: { slug: 'a' } }
    expect(withField(mine, 'address.slug', 'b')).toEqual({ name: 'Acme', address: { slug: 'b' } })
    expect(mine.address.slug).toBe('a')
    expect(withField(mine, '__proto__.polluted', 1)).toBeUndefined()
    expect(withField(mine, 'constructor', 1)).toBeUndefined()
    expect(withField('text', 'a', 1)).toBeUndefined()
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('safeHref', () => {
  it('allows web addresses only', () => {
    expect(safeHref('https://example.test/a')).toBe('https://example.test/a')
    expect(safeHref('/companies/acme')).toBe('/companies/acme')
    expect(safeHref('javascript:alert(1)')).toBeUndefined()
    expect(safeHref(' JAVASCRIPT:alert(1)')).toBeUndefined()
    expect(safeHref('data:text/html,x')).toBeUndefined()
    expect(safeHref(42)).toBeUndefined()
  })
})
