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
  const block = (words: string, cue = 0, seconds = 60) => ({terms: words.split(' '), seconds, cue})
  const solar = 'solar panel grid inverter battery sunlight rooftop'
  const rocket = 'rocket orbit engine booster landing payload launch'
  const farm = 'farm crop soil harvest seed tractor wheat'
  const options = {penalty: 1, minSeconds: 120, maxSeconds: 3600}

  it('finds where the vocabulary changes, and how many segments there are', () => {
    const blocks = [...Array(8).fill(solar), ...Array(8).fill(rocket), ...Array(8).fill(farm)].map((words) => block(words))
    expect(segment(blocks, options)).toEqual([8, 16])
    expect(segment([...Array(8).fill(solar), ...Array(8).fill(rocket)].map((words) => block(words)), options)).toEqual([8])
  })

  it('makes no boundary in text that never changes subject, and more as the penalty falls', () => {
    const same = Array.from({length: 24}, () => block(solar))
    expect(segment(same, options)).toEqual([])
    const mixed = [...Array(6).fill(solar), ...Array(6).fill(`${solar} ${rocket}`), ...Array(6).fill(rocket)].map((words) => block(words))
    expect(segment(mixed, {...options, penalty: 0}).length).toBeGreaterThanOrEqual(segment(mixed, {...options, penalty: 20}).length)
    expect(segment(mixed, {...options, penalty: 1000})).toEqual([])
  })

  it('lets a cue decide between equally good places', () => {
    const blocks = [...Array(6).fill(solar), `${solar} ${rocket}`, ...Array(6).fill(rocket)].map((words) => block(words))
    const withCue = blocks.map((b, i) => (i === 7 ? {...b, cue: 1} : b))
    const plain = segment(blocks, options)
    expect(plain).toHaveLength(1)
    expect(segment(withCue, {...options, cueWeight: 20})).toEqual([7])
  })

  it('keeps segments between the shortest and longest lengths', () => {
    const blocks = [...Array(8).fill(solar), rocket, ...Array(8).fill(farm)].map((words) => block(words))
    const cuts = segment(blocks, {...options, minSeconds: 180})
    const edges = [0, ...cuts, blocks.length]
    for (let i = 1; i < edges.length; i++) expect((edges[i]! - edges[i - 1]!) * 60).toBeGreaterThanOrEqual(180)
    const long = Array.from({length: 30}, () => block(solar))
    const capped = segment(long, {...options, maxSeconds: 600})
    expect(capped.length).toBeGreaterThanOrEqual(2)
  })

  it('makes no boundary in one block or in text too short for two segments', () => {
    expect(segment([block(solar)], options)).toEqual([])
    expect(segment([block(solar, 0, 50), block(rocket, 0, 50)], options)).toEqual([])
  })
})
