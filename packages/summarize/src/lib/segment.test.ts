import {describe, expect, it} from 'vitest'
import {evenBoundaries, pk, segment, windowDiff} from './segment.js'

describe('pk and windowDiff', () => {
  it('are 0 for a perfect segmentation and count misses otherwise', () => {
    expect(pk(20, [5, 10, 15], [5, 10, 15])).toBe(0)
    expect(windowDiff(20, [5, 10, 15], [5, 10, 15])).toBe(0)
    // k = 3: no boundary found at all misses every window that spans one.
    expect(pk(20, [5, 10, 15], [])).toBeCloseTo(9 / 17)
    expect(windowDiff(20, [5, 10, 15], [])).toBeCloseTo(9 / 17)
    // One boundary off by one costs a little, never more than a miss.
    expect(pk(20, [5, 10, 15], [6, 10, 15])).toBeGreaterThan(0)
    expect(pk(20, [5, 10, 15], [6, 10, 15])).toBeLessThan(pk(20, [5, 10, 15], [10, 15]))
  })

  it('places even boundaries', () => {
    expect(evenBoundaries(10, 2)).toEqual([5])
    expect(evenBoundaries(9, 3)).toEqual([3, 6])
    expect(evenBoundaries(1, 3)).toEqual([])
  })
})

describe('segment', () => {
  const block = (words: string, cue = 0) => ({terms: words.split(' '), seconds: 60, cue})
  const solar = 'solar panel grid inverter battery sunlight rooftop'
  const rocket = 'rocket orbit engine booster landing payload launch'
  const farm = 'farm crop soil harvest seed tractor wheat'

  it('finds where the vocabulary changes', () => {
    const blocks = [...Array(8).fill(solar), ...Array(8).fill(rocket), ...Array(8).fill(farm)].map((words) => block(words))
    expect(segment(blocks, {count: 3, minSeconds: 120, window: 20})).toEqual([8, 16])
  })

  it('lets a cue decide between equally good gaps, and keeps segments long enough', () => {
    const same = Array.from({length: 12}, () => block('word other thing'))
    same[7] = block('word other thing', 1)
    expect(segment(same, {count: 2, minSeconds: 60, window: 6})).toEqual([7])
    expect(segment(same, {count: 2, minSeconds: 60 * 6, window: 6})).toEqual([6])
  })

  it('makes no boundary when one segment is asked for or there is one block', () => {
    expect(segment([block(solar)], {count: 4, minSeconds: 60})).toEqual([])
    expect(segment([block(solar), block(rocket)], {count: 1, minSeconds: 60})).toEqual([])
  })
})
