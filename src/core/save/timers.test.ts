import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  clearTimer,
  setTimer,
  setTimerProvider,
  sleep,
  systemTimerProvider,
  type TimerProvider,
} from './timers.js'

afterEach(() => {
  setTimerProvider(systemTimerProvider)
  vi.useRealTimers()
})

describe('timers', () => {
  it('follow fake timers installed after import', async () => {
    vi.useFakeTimers()
    const fn = vi.fn()
    setTimer(fn, 50)
    expect(vi.getTimerCount()).toBe(1)
    await vi.advanceTimersByTimeAsync(50)
    expect(fn).toHaveBeenCalledOnce()
  })

  it('clearTimer cancels through the provider that made the timer', () => {
    const made: Array<() => void> = []
    const cleared: unknown[] = []
    const manual: TimerProvider = {
      name: 'manual',
      set: (callback) => made.push(callback),
      clear: (id) => cleared.push(id),
    }
    setTimerProvider(manual)
    const handle = setTimer(() => {}, 10)
    setTimerProvider(systemTimerProvider)
    clearTimer(handle)
    expect(made).toHaveLength(1)
    expect(cleared).toEqual([1])
    clearTimer(undefined)
  })

  it('sleep resolves after the delay and rejects on abort without leaving a timer', async () => {
    vi.useFakeTimers()
    const done = vi.fn()
    void sleep(100).then(done)
    await vi.advanceTimersByTimeAsync(100)
    expect(done).toHaveBeenCalledOnce()

    const controller = new AbortController()
    const slept = sleep(100, controller.signal)
    controller.abort(new Error('stop'))
    await expect(slept).rejects.toThrow('stop')
    expect(vi.getTimerCount()).toBe(0)
    await expect(sleep(1, controller.signal)).rejects.toThrow('stop')
  })
})
