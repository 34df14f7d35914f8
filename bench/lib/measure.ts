/** Times of one task, in milliseconds. */
export interface Sample {
  name: string
  times: number[]
}

export function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/**
 * Runs the tasks in turn, round after round, so that whatever else the
 * machine does falls on all of them alike; the figure that matters is the
 * ratio of medians, not an absolute time.
 */
export async function interleave(tasks: Array<{name: string; run: () => unknown}>, rounds: number): Promise<Sample[]> {
  const samples = tasks.map((task) => ({name: task.name, times: [] as number[]}))
  for (const task of tasks) await task.run() // warm up
  for (let round = 0; round < rounds; round++) {
    for (const [index, task] of tasks.entries()) {
      globalThis.gc?.()
      const start = performance.now()
      await task.run()
      samples[index]!.times.push(performance.now() - start)
    }
  }
  return samples
}
