import {describe, expect, it} from 'vitest'
import {Progress, describeOutputs} from './progress.js'

function capture(tty: boolean, json = false) {
  const out: string[] = []
  const err: string[] = []
  const progress = new Progress({stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd: '/', color: false, tty}, {json, tty})
  return {progress, out, err}
}

describe('progress', () => {
  it('redraws one line on a terminal with the episode, counts and time left, and clears it', () => {
    const {progress, out, err} = capture(true)
    progress.start(2, 3)
    progress.building('ep-1')
    expect(err.at(-1)).toMatch(/^\r\u001B\[2K\[0\/2\] ep-1 · 0:00 elapsed$/)
    progress.episode({slug: 'ep-1', status: 'published', target: '/out/ep-1', outputs: ['a.json', 'cards/x.png', 'cards/y.png']})
    progress.building('ep-2')
    expect(err.at(-1)).toMatch(/\[1\/2\] ep-2 · 0:00 elapsed · about 0:00 left$/)
    progress.episode({slug: 'ep-2', status: 'failed', reason: 'broken'})
    progress.finish()
    expect(out).toEqual(['3 episode(s) unchanged; building 2\n', '✔ ep-1: a.json, cards/ (2 files) in /out/ep-1\n', '✖ ep-2: not published; broken\n'])
    expect(err.at(-1)).toBe('\r\u001B[2K')
  })

  it('writes plain lines and no control codes when not on a terminal', () => {
    const {progress, out, err} = capture(false)
    progress.start(1, 0)
    progress.building('ep')
    progress.episode({slug: 'old', status: 'unchanged'})
    expect(err).toEqual([])
    expect(out).toEqual(['· old: unchanged\n'])
  })

  it('writes JSON lines', () => {
    const {progress, out} = capture(false, true)
    progress.episode({slug: 'ep', status: 'published', timings: {parse: 5}})
    progress.feed({line: '', status: 'written', episodes: 1})
    expect(out.map((line) => JSON.parse(line))).toEqual([
      {slug: 'ep', status: 'published', timings: {parse: 5}, warnings: []},
      {feed: 'feed.xml', status: 'written', episodes: 1}
    ])
  })

  it('ends with a summary: counts, time, CPU time and peak memory of the whole process', () => {
    const text = capture(false)
    text.progress.summary({published: 2, unchanged: 1, failed: 0})
    expect(text.out).toHaveLength(1)
    expect(text.out[0]).toMatch(/^2 published, 1 unchanged, 0 failed in 0:\d\d · \d+\.\d cores busy · peak memory \d+ MB\n$/)
    const json = capture(false, true)
    // Some CPU time, so that the summary has something to count.
    let spin = 0
    for (let i = 0; i < 3e7; i++) spin += i % 7
    json.progress.summary({published: 0, unchanged: 3, failed: 1})
    const {summary} = JSON.parse(json.out[0]!)
    expect(summary).toMatchObject({published: 0, unchanged: 3, failed: 1})
    expect(summary.cpuSeconds).toBeGreaterThan(0)
    expect(summary.seconds).toBeGreaterThanOrEqual(0)
    expect(summary.peakMemoryMb).toBeGreaterThan(10)
    expect(spin).toBeGreaterThan(0)
  })

  it('describes outputs by file and by folder', () => {
    expect(describeOutputs(['b.md', 'cards/1.png', 'a.json', 'cards/2.png'])).toBe('a.json, b.md, cards/ (2 files)')
  })
})
