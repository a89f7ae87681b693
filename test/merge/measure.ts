/**
 * Timing for the merge benchmarks (`bench/merge-*.bench.ts`): medians of round-robin samples.
 */

/** A function to time, optionally with work to do before each timed batch (not timed). */
export type Contender =
  (() => void) | { readonly run: () => void; readonly prepare?: (calls: number) => void }

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

/**
 * Median time (ms) of one call of each contender, measured round-robin (so load on the machine
 * hits every contender alike) after a warm-up long enough for the JIT to optimise each. Each
 * sample times a batch of calls lasting about 2 ms, so timer resolution does not matter.
 */
export function measure(contenders: Record<string, Contender>, samples: number): Record<string, number> {
  const names = Object.keys(contenders)
  const run = (name: string) => {
    const contender = contenders[name] as Contender
    return typeof contender === 'function' ? contender : contender.run
  }
  const prepare = (name: string, calls: number) => {
    const contender = contenders[name] as Contender
    if (typeof contender !== 'function') contender.prepare?.(calls)
  }
  const batch: Record<string, number> = {}
  for (const name of names) {
    const fn = run(name)
    const warmUntil = performance.now() + 150
    let calls = 0
    while (performance.now() < warmUntil || calls < 5) {
      prepare(name, 1)
      fn()
      calls++
    }
    prepare(name, 1)
    const start = performance.now()
    fn()
    batch[name] = Math.max(1, Math.round(2 / Math.max(performance.now() - start, 0.0005)))
  }
  const times: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]))
  for (let s = 0; s < samples; s++) {
    for (const name of names) {
      const fn = run(name)
      const count = batch[name] as number
      prepare(name, count)
      const start = performance.now()
      for (let i = 0; i < count; i++) fn()
      ;(times[name] as number[]).push((performance.now() - start) / count)
    }
  }
  return Object.fromEntries(names.map((name) => [name, median(times[name] as number[])]))
}
