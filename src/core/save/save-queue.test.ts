import { describe, expect, it } from 'vitest'
import { SaveQueue } from './save-queue.js'

function gate<T>() {
  let open!: (value: T) => void
  let fail!: (reason: unknown) => void
  const promise = new Promise<T>((resolve, reject) => {
    open = resolve
    fail = reject
  })
  return { promise, open, fail }
}

describe('SaveQueue', () => {
  it('takes the lock synchronously: the second call in the same tick does not start', () => {
    const queue = new SaveQueue()
    const started: string[] = []
    const first = gate<string>()
    void queue.run('todo:1', () => {
      started.push('a')
      return first.promise
    })
    expect(queue.isBusy('todo:1')).toBe(true)
    void queue.run('todo:1', async () => {
      started.push('b')
      return 'b'
    })
    expect(started).toEqual(['a'])
  })

  it('never runs two tasks of one record in parallel, and runs records independently', async () => {
    const queue = new SaveQueue()
    let running = 0
    let maxRunning = 0
    const task = (ms: number) => async () => {
      running++
      maxRunning = Math.max(maxRunning, running)
      await new Promise((resolve) => setTimeout(resolve, ms))
      running--
      return ms
    }
    const other = gate<string>()
    const otherDone = queue.run('todo:2', () => other.promise)
    expect(queue.isBusy('todo:2')).toBe(true)
    await Promise.all([queue.run('todo:1', task(5)), queue.run('todo:1', task(1))])
    expect(maxRunning).toBe(1)
    other.open('x')
    await expect(otherDone).resolves.toBe('x')
    expect(queue.isBusy('todo:1')).toBe(false)
    expect(queue.isBusy('todo:2')).toBe(false)
  })

  it('the latest waiting task takes the next slot; superseded callers get its result', async () => {
    const queue = new SaveQueue()
    const first = gate<string>()
    const ran: string[] = []
    const a = queue.run('r', () => first.promise)
    const b = queue.run('r', async () => {
      ran.push('b')
      return 'b'
    })
    const c = queue.run('r', async () => {
      ran.push('c')
      return 'c'
    })
    expect(queue.hasNext('r')).toBe(true)
    first.open('a')
    await expect(Promise.all([a, b, c])).resolves.toEqual(['a', 'c', 'c'])
    expect(ran).toEqual(['c'])
  })

  it('a failing task releases the lock and the next one still runs', async () => {
    const queue = new SaveQueue()
    const failing = queue.run('r', async () => {
      throw new Error('boom')
    })
    const next = queue.run('r', async () => 'ok')
    await expect(failing).rejects.toThrow('boom')
    await expect(next).resolves.toBe('ok')
    expect(queue.isBusy('r')).toBe(false)
  })

  it('a task that throws synchronously rejects and releases the lock', async () => {
    const queue = new SaveQueue()
    const thrown = queue.run('r', () => {
      throw new Error('sync')
    })
    await expect(thrown).rejects.toThrow('sync')
    expect(queue.isBusy('r')).toBe(false)
  })

  it('dropNext rejects the waiting task and leaves the running one alone', async () => {
    const queue = new SaveQueue()
    const first = gate<string>()
    const a = queue.run('r', () => first.promise)
    const b = queue.run('r', async () => 'b')
    queue.dropNext('r', new Error('disposed'))
    await expect(b).rejects.toThrow('disposed')
    first.open('a')
    await expect(a).resolves.toBe('a')
    expect(queue.isBusy('r')).toBe(false)
  })
})
