import {remarkSpeakers} from '@castline/parse'
import {remarkRedactAds} from '@castline/redact-ads'
import type {Root} from 'mdast'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import type {ProducerChoices} from './choices.js'
import {openingWords} from './choices.js'
import {remarkSummarize} from './plugin.js'

const people = [
  {id: 'ana', name: 'Ana Host', role: 'host' as const},
  {id: 'ben', name: 'Ben Guest', role: 'guest' as const}
]
const topics = [
  'Solar panels on every rooftop will make electricity cheap. Battery storage smooths the grid at night.',
  'The rocket booster lands back on the pad after every launch. Reusable engines cut the cost of orbit.',
  'Humanoid robots will work in every factory. Their hands and sensors are the hardest part to build.'
]
const transcript = [
  '**[Break: Acme]**\n\n**Ana Host:** Acme makes the best widgets, use code WIDGET today.\n\n***',
  ...topics.flatMap((topic, t) => [
    `**Ana Host:** Part ${t + 1}. What should we know about topic number ${t + 1}?`,
    ...Array.from({length: 12}, (_, i) => `**Ben Guest:** Answer ${t + 1}.${i + 1}: ${topic} This is where the next decade of progress comes from.`)
  ])
].join('\n\n')

function run(choices: Omit<ProducerChoices, 'file'> = {}) {
  const file = new VFile({path: 'transcript.md', value: transcript})
  const yaml = new VFile({path: 'episode.yaml'})
  const processor = unified()
    .use(remarkParse)
    .use(remarkSpeakers, {people, sponsors: [{id: 'acme', name: 'Acme'}]})
    .use(remarkRedactAds, {sponsors: [{id: 'acme', name: 'Acme'}]})
    .use(remarkSummarize, {people, choices: {...choices, file: yaml}})
  processor.runSync(processor.parse(file), file) as Root
  const fatal = yaml.messages.filter((m) => m.fatal).map((m) => `${m.line}:${m.column} ${m.ruleId}`)
  const warnings = yaml.messages.filter((m) => !m.fatal).map((m) => `${m.line}:${m.column} ${m.ruleId}`)
  return {data: file.data, fatal, warnings}
}
const at = (line: number) => ({line, column: 9})

describe("the producer's chapters", () => {
  it('are the chapter list, each starting where its `at` points: first words or a time', () => {
    const {data, fatal} = run({
      chapters: [
        {at: 'Part 1. What should', title: 'The sun', place: at(1)},
        {at: 'answer 2.1 the rocket', title: 'Rockets', place: at(2)},
        {at: '00:04:00', title: 'Robots', place: at(3)}
      ]
    })
    expect(fatal).toEqual([])
    expect(data.chapters!.map((c) => [c.title, c.by])).toEqual([
      ['The sun', 'producer'],
      ['Rockets', 'producer'],
      ['Robots', 'producer']
    ])
    expect(data.chapters![2]!.startTime).toBe(240)
    // What they replaced is kept, to take back.
    expect(data.displaced!.chapters!.length).toBeGreaterThan(0)
    expect(data.displaced!.chapters!.every((c) => c.by === 'castline')).toBe(true)
  })

  it('publish whatever the automatic chapters were: more of them than Castline made, the last the longest', () => {
    const clock = (seconds: number) => `00:0${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
    const chapters = Array.from({length: 12}, (_, i) => ({at: clock(i * 15), title: `Part ${i + 1}`, place: at(i + 1)}))
    const {data, fatal} = run({chapters})
    expect(fatal).toEqual([])
    expect(data.chapters!.map((c) => c.title)).toEqual(chapters.map((c) => c.title))
    expect(data.summary).toMatch(/Ben Guest/)
  })

  it('fail with the YAML place on an `at` that finds no turn, several, or goes back', () => {
    expect(run({chapters: [{at: 'Nobody says this', title: 'x', place: at(4)}]}).fatal).toEqual(['4:9 chapter-at-not-found'])
    expect(run({chapters: [{at: 'Answer 1', title: 'x', place: at(5)}]}).fatal).toEqual(['5:9 chapter-at-ambiguous'])
    expect(run({chapters: [{at: '99:00:00', title: 'x', place: at(6)}]}).fatal).toEqual(['6:9 chapter-at-not-found'])
    const backwards = run({
      chapters: [
        {at: 'Part 2.', title: 'a', place: at(7)},
        {at: 'Part 1.', title: 'b', place: at(8)}
      ]
    })
    expect(backwards.fatal).toEqual(['8:9 chapters-out-of-order'])
  })

  it('rename automatic chapters by number with `titles`, and say when there is no such chapter', () => {
    const {data, fatal} = run({titles: [{chapter: 1, title: 'Opening', place: at(9)}]})
    expect(fatal).toEqual([])
    expect(data.chapters![0]).toMatchObject({title: 'Opening', by: 'producer'})
    expect(data.chapters!.slice(1).every((c) => c.by === 'castline')).toBe(true)
    expect(run({titles: [{chapter: 40, title: 'x', place: at(10)}]}).fatal).toEqual(['10:9 no-such-chapter'])
  })
})

describe("the producer's quotes and summary", () => {
  const automatic = run().data.quotes!

  it('pin a verbatim line first, exclude another, and fill the rest automatically in transcript order', () => {
    const pin = 'Reusable engines cut the cost of orbit.'
    const excluded = automatic[0]!.text
    const {data, fatal} = run({pin: [{text: pin, place: at(11)}], exclude: [{text: excluded, place: at(12)}]})
    expect(fatal).toEqual([])
    const quotes = data.quotes!
    expect(quotes.filter((q) => q.by === 'producer').map((q) => q.text)).toEqual([pin])
    expect(quotes.some((q) => q.text.includes(excluded))).toBe(false)
    expect(quotes.length).toBeGreaterThanOrEqual(Math.min(automatic.length, 6))
    const order = quotes.map((q) => Number(q.turn.slice(1)))
    expect(order).toEqual([...order].sort((a, b) => a - b))
    expect(data.displaced!.quotes!.map((q) => q.text)).toContain(excluded)
  })

  it('fail on a pin that is not in the transcript word for word, or is in a removed ad', () => {
    expect(run({pin: [{text: 'Solar panels will make us rich.', place: at(13)}]}).fatal).toEqual(['13:9 pin-not-found'])
    expect(run({pin: [{text: 'Acme makes the best widgets', place: at(14)}]}).fatal).toEqual(['14:9 pin-in-ad'])
    expect(run({exclude: [{text: 'never said', place: at(15)}]}).warnings).toEqual(['15:9 exclude-not-found'])
  })

  it('take the summary as written, keeping the automatic one to take back', () => {
    const {data} = run({summary: 'Ana and Ben on energy, rockets and robots.'})
    expect(data.summary).toBe('Ana and Ben on energy, rockets and robots.')
    expect(data.summaryBy).toBe('producer')
    expect(data.displaced!.summary).toMatch(/^Ben Guest joins Ana Host to talk about/)
  })
})

describe('openingWords', () => {
  it('gives the fewest first words no other turn starts with', () => {
    const texts = ['So what about the grid at night?', 'So what about the rockets?', '我们现在谈谈能源和电网的问题吧', '我们现在谈谈火箭']
    expect(openingWords(texts, 0)).toBe('So what about the grid')
    expect(openingWords(texts, 1)).toBe('So what about the rockets?')
    expect(openingWords(texts, 2)).toBe('我们现在谈谈能源')
  })

  it('gives none when no words tell the turn apart: said twice, or emoji alone', () => {
    const texts = ['Hi.', 'Hello there, and welcome to the show.', 'Hi.', '🎉🎉', 'Ok.']
    expect(openingWords(texts, 0)).toBeUndefined()
    expect(openingWords(texts, 3)).toBeUndefined()
    expect(openingWords(texts, 4)).toBe('Ok.')
  })
})
