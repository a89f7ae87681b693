import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { debounce } from './debounce.js'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('debounce, leading edge (submit guard)', () => {
  it('runs the first of ten rapid calls at once and drops the rest', async () => {
    const fn = vi.fn()
    const submit = debounce(fn, 300, { leading: true, trailing: false })
    const ran = Array.from({ length: 10 }, (_, i) => submit(i))
    expect(fn).toHaveBeenCalledTimes(1)
    expect(fn).toHaveBeenCalledWith(0)
    expect(ran).toEqual([true, false, false, false, false, false, false, false, false, false])
    await vi.advanceTimersByTimeAsync(1000)
    expect(fn).toHaveBeenCalledTimes(1)
  })

  it('restarts the quiet period on every dropped call, then accepts the next burst', async () => {
    const fn = vi.fn()
    const submit = debounce(fn, 300, { leading: true, trailing: false })
    submit('a')
    await vi.advanceTimersByTimeAsync(200)
    submit('b')
    await vi.advanceTimersByTimeAsync(200)
    submit('c')
    expect(fn).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(300)
    submit('d')
    expect(fn.mock.calls).toEqual([['a'], ['d']])
  })

  it('runs every call when wait is 0', () => {
    const fn = vi.fn()
    const submit = debounce(fn, 0, { leading: true, trailing: false })
    submit()
    submit()
    expect(fn).toHaveBeenCalledTimes(2)
  })
})

describe('debounce, trailing edge (autosave)', () => {
  it('runs once with the latest arguments after the burst is quiet', async () => {
    const fn = vi.fn()
    const autosave = debounce(fn, 1000)
    autosave('h')
    await vi.advanceTimersByTimeAsync(500)
    autosave('he')
    await vi.advanceTimersByTimeAsync(500)
    autosave('hey')
    expect(fn).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(999)
    expect(fn).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(fn).toHaveBeenCalledExactlyOnceWith('hey')
  })

  it('cancel drops the pending call and leaves no timer', () => {
    const fn = vi.fn()
    const autosave = debounce(fn, 1000)
    autosave(1)
    expect(autosave.isPending()).toBe(true)
    expect(vi.getTimerCount()).toBe(1)
    autosave.cancel()
    expect(autosave.isPending()).toBe(false)
    expect(vi.getTimerCount()).toBe(0)
    vi.runAllTimers()
    expect(fn).not.toHaveBeenCalled()
  })

  it('flush runs the pending call now', () => {
    const fn = vi.fn()
    const autosave = debounce(fn, 1000)
    autosave(1)
    autosave(2)
    autosave.flush()
    expect(fn).toHaveBeenCalledExactlyOnceWith(2)
    expect(vi.getTimerCount()).toBe(0)
    autosave.flush()
    expect(fn).toHaveBeenCalledTimes(1)
  })

  it('with both edges runs the first call and the last of the burst', async () => {
    const fn = vi.fn()
    const both = debounce(fn, 100, { leading: true, trailing: true })
    both(1)
    both(2)
    both(3)
    await vi.advanceTimersByTimeAsync(100)
    expect(fn.mock.calls).toEqual([[1], [3]])
  })
})
