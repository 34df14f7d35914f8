import {describe, expect, it} from 'vitest'
import {buildPlan} from './builder.js'

describe('buildPlan', () => {
  it('builds one thing at a time with --jobs 1, off this thread', () => {
    expect(buildPlan(1, undefined, 200)).toEqual({builds: 1, cardConcurrency: 1, workers: 1})
  })

  it('interleaves builds on one worker on a small machine, one card each', () => {
    expect(buildPlan(2, undefined, 200)).toEqual({builds: 2, cardConcurrency: 1, workers: 1})
  })

  it('gives a lone episode every job for its cards', () => {
    expect(buildPlan(2, undefined, 1)).toEqual({builds: 1, cardConcurrency: 2, workers: 1})
    expect(buildPlan(8, undefined, 3)).toEqual({builds: 3, cardConcurrency: 2, workers: 2})
  })

  it('spreads many jobs over worker threads, about four builds each', () => {
    expect(buildPlan(8, undefined, 100)).toEqual({builds: 8, cardConcurrency: 1, workers: 2})
    expect(buildPlan(16, undefined, 100)).toEqual({builds: 16, cardConcurrency: 1, workers: 4})
  })

  it('never starts more workers than builds', () => {
    expect(buildPlan(4, 3, 2)).toEqual({builds: 2, cardConcurrency: 2, workers: 2})
    expect(buildPlan(2, 0, 50)).toEqual({builds: 2, cardConcurrency: 1, workers: 0})
  })
})
