import {mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {findEvalSet} from '@castline/bench/eval-set'
import {startErrors, syntheticClock} from '@castline/bench/synthetic-clock'
import {buildEpisode} from '@castline/cli'
import {lateSeconds} from '@castline/render'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {checkCaptions} from './captions.js'

// Real conversation, not text we wrote: the evaluation set's 24 whole
// episodes (../shared/eval, outside the repository, which may not copy
// them), each with an SRT clock made from its own words. Where a machine has
// no evaluation set, these are skipped and say so.
const evalDir = findEvalSet()
const names = evalDir ? (await readdir(join(evalDir, 'episodes'))).filter((name) => name.endsWith('.md')).sort() : []

describe.skipIf(!evalDir)('captions of the evaluation set’s real episodes', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'castline-eval-'))
  })
  afterAll(async () => {
    await rm(dir, {recursive: true, force: true})
  })

  it('are all there: 24 episodes', () => {
    expect(names).toHaveLength(24)
  })

  it.each(names)('%s: every rule held, every word kept once, each cue on its words', async (name) => {
    const slug = name.replace(/\.md$/, '')
    const markdown = await readFile(join(evalDir!, 'episodes', name), 'utf8')
    const clock = syntheticClock(markdown)
    await writeFile(join(dir, `${slug}.md`), markdown)
    await writeFile(join(dir, `${slug}.srt`), clock.srt)
    const result = await buildEpisode({slug, transcript: join(dir, `${slug}.md`), timed: join(dir, `${slug}.srt`)}, {cards: false})
    const vtt = String(result.outputs?.get('transcript.vtt'))
    const data = JSON.parse(String(result.outputs?.get('episode.json'))) as {
      timing: {estimated: boolean; captions: string}
      turns: Array<{text: string; speaker: {name: string}}>
    }
    expect(data.timing).toMatchObject({estimated: false, captions: 'guide'})
    const cues = checkCaptions(vtt, {texts: data.turns.map((turn) => turn.text), names: [...new Set(data.turns.map((turn) => turn.speaker.name))].filter((n) => n.includes(' '))})
    const errors = startErrors(cues.map((cue) => ({start: cue.startTime, text: cue.text})), clock).sort((a, b) => a - b)
    // Nearly every cue is matched to the clock, starts with its words, and none is left behind them.
    expect(errors.length).toBeGreaterThan(cues.length * 0.9)
    expect(errors[Math.floor(errors.length / 2)]).toBeLessThanOrEqual(0.2)
    expect(errors.at(-1)).toBeLessThanOrEqual(lateSeconds)
  }, 120_000)
})
