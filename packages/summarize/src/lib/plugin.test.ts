import {readFileSync} from 'node:fs'
import {remarkSpeakers, splitSentences} from '@castline/parse'
import {remarkRedactAds} from '@castline/redact-ads'
import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {remarkSummarize} from './plugin.js'
import {quoteLengths, standsAlone} from './quotes.js'
import {similar} from './quotes.js'

const people = [
  {id: 'peter', name: 'Peter Diamandis', aliases: ['彼得·戴曼迪斯'], role: 'host' as const},
  {id: 'dave', name: 'Dave Blundin', aliases: ['Dave Blunden'], role: 'co-host' as const},
  {id: 'elon', name: 'Elon Musk', aliases: ['埃隆·马斯克'], role: 'guest' as const},
  {id: 'grok', name: 'Grok', role: 'guest' as const}
]
const sponsors = [
  {id: 'metatrends', name: 'Metatrends', urls: ['diamandis.com/metatrends']},
  {id: 'blitzy', name: 'Blitzy', aliases: ['Blitzi']}
]

function run(text: string, withPeople = true) {
  const file = new VFile({path: 'transcript.md', value: text})
  const processor = unified()
    .use(remarkParse)
    .use(remarkSpeakers, withPeople ? {people, sponsors} : {})
    .use(remarkRedactAds, {sponsors})
    .use(remarkSummarize, withPeople ? {people} : {})
  const tree = processor.runSync(processor.parse(file), file) as Root
  const turns: Array<{id: string; paragraphs: string[]; role?: string; person?: string}> = []
  for (const section of tree.children) {
    if (section.type !== 'section') continue
    for (const turn of section.children) {
      if (turn.type === 'speakerTurn') {
        turns.push({id: turn.id, paragraphs: turn.children.map((c) => toString(c)), role: turn.speaker.role, person: turn.speaker.person})
      }
    }
  }
  return {file, turns}
}

describe('the bundled episode', () => {
  const text = readFileSync(new URL('../../../../content/episodes/moonshots-elon-musk/transcript.md', import.meta.url), 'utf8')
  const {file, turns} = run(text)
  const chapters = file.data.chapters!
  const quotes = file.data.quotes!

  it('covers every turn with chapters, with no gap and no overlap', () => {
    const ids = turns.map((t) => t.id)
    let next = 0
    for (const chapter of chapters) {
      expect(chapter.firstTurn).toBe(ids[next])
      next = ids.indexOf(chapter.lastTurn) + 1
      expect(next).toBeGreaterThan(0)
    }
    expect(next).toBe(ids.length)
    expect(chapters[0]!.startTime).toBe(0)
    expect(chapters.every((c, i) => i === 0 || c.startTime > chapters[i - 1]!.startTime)).toBe(true)
  })

  it('gives the teaser its own chapter, and the body chapters of 2 to 25 minutes', () => {
    expect(chapters[0]).toMatchObject({firstTurn: 't1', lastTurn: 't6'})
    const ends = [...chapters.slice(2).map((c) => c.startTime), file.data.timing!.duration]
    chapters.slice(1).forEach((chapter, i) => {
      const minutes = (ends[i]! - chapter.startTime) / 60
      expect(minutes).toBeGreaterThanOrEqual(2)
      expect(minutes).toBeLessThanOrEqual(25)
    })
  })

  it('titles chapters in Chinese, short, distinct and not generic', () => {
    const titles = chapters.map((c) => c.title)
    expect(new Set(titles).size).toBe(titles.length)
    for (const title of titles) {
      expect(title.length).toBeLessThanOrEqual(16)
      expect(title).toMatch(/\p{Script=Han}/u)
      expect(title).not.toMatch(/^(?:介绍|讨论|对话|Introduction|Discussion)$/)
      // The speakers' names are not a subject.
      expect(title).not.toMatch(/马斯克|Elon|Peter|戴曼迪斯/)
    }
  })

  it('picks 8 to 10 pull quotes that follow the rules', () => {
    expect(quotes.length).toBeGreaterThanOrEqual(8)
    expect(quotes.length).toBeLessThanOrEqual(10)
    for (const quote of quotes) {
      expect(standsAlone(quote.text)).toBe(true)
      expect(quote.text.length).toBeGreaterThanOrEqual(quoteLengths.zh.min)
      expect(quote.text.length).toBeLessThanOrEqual(quoteLengths.zh.max)
      const turn = turns.find((t) => t.id === quote.turn)!
      expect(turn.person).toBeDefined()
      const paragraph = turn.paragraphs.find((p) => p.includes(quote.text))!
      expect(splitSentences(paragraph).some((s) => s.start === paragraph.indexOf(quote.text))).toBe(true)
      expect(quote.text).not.toMatch(/Metatrends|Blitzi/)
      expect(quote.position?.start.line).toBeGreaterThan(0)
    }
    expect(quotes.filter((q) => turns.find((t) => t.id === q.turn)!.role === 'guest').length).toBeGreaterThan(quotes.length / 2)
    for (const a of quotes) for (const b of quotes) if (a !== b) expect(similar(a.text, b.text)).toBe(false)
    // Spread over the episode: at most two from a chapter while there are more chapters than quotes.
    const perChapter = new Map<number, number>()
    for (const q of quotes) perChapter.set(q.chapter, (perChapter.get(q.chapter) ?? 0) + 1)
    expect(Math.max(...perChapter.values())).toBeLessThanOrEqual(2)
    expect(perChapter.size).toBeGreaterThanOrEqual(Math.ceil(quotes.length / 2))
  })

  it('quotes the counterpart in the conversation of a line in the cold open', () => {
    const teaser = turns.slice(0, turns.findIndex((t) => t.id === chapters[0]!.lastTurn) + 1).flatMap((t) => t.paragraphs)
    const teaserEnd = turns.findIndex((t) => t.id === chapters[0]!.lastTurn)
    const counterparts = quotes.filter((q) => turns.findIndex((t) => t.id === q.turn) > teaserEnd && teaser.some((line) => similar(line, q.text)))
    expect(counterparts.length).toBeGreaterThan(0)
  })

  it('writes a summary: who talks with whom about what, in the language of the episode, then verbatim claims', () => {
    const sentences = splitSentences(file.data.summary!)
    expect(sentences.length).toBeGreaterThanOrEqual(2)
    expect(sentences.length).toBeLessThanOrEqual(4)
    expect(sentences[0]!.text).toMatch(/^埃隆·马斯克与彼得·戴曼迪斯(?:、戴夫·布伦登)?谈.+。$/u)
    // Every line taken from the conversation is quoted with who said it.
    const rest = file.data.summary!.slice(sentences[0]!.text.length)
    const claims = [...rest.matchAll(/(?:埃隆·马斯克|彼得·戴曼迪斯|戴夫·布伦登|随后又)说：“(.+?)”/gu)]
    expect(rest).toMatch(/^(?:埃隆·马斯克|彼得·戴曼迪斯|戴夫·布伦登)说/u)
    expect(claims.length).toBeGreaterThanOrEqual(1)
    expect(claims.map((claim) => claim[0]).join('')).toBe(rest)
    for (const [, claim] of claims) {
      expect(text).toContain(claim!)
      expect(standsAlone(claim!)).toBe(true)
    }
  })

  it('is deterministic', () => {
    const again = run(text).file
    expect(again.data.chapters).toEqual(chapters)
    expect(again.data.quotes).toEqual(quotes)
    expect(again.data.summary).toBe(file.data.summary)
  })
})

describe('bad input degrades gracefully', () => {
  const rules = (file: VFile) => file.messages.filter((m) => m.source === 'castline-summarize').map((m) => m.ruleId)

  it('a single turn: one chapter, fewer quotes, warnings', () => {
    const {file} = run('**Elon Musk:** 我们正身处奇点之中，这是一个了不起的未来，我对此非常乐观。')
    expect(file.data.chapters).toHaveLength(1)
    expect(file.data.chapters![0]!.startTime).toBe(0)
    expect(file.data.quotes!.length).toBeLessThanOrEqual(1)
    expect(rules(file)).toEqual(expect.arrayContaining(['one-chapter', 'few-quotes']))
  })

  it('two short turns, or one speaker only', () => {
    expect(run('**Peter Diamandis:** 你好？\n\n**Elon Musk:** 你好。').file.data.chapters).toHaveLength(1)
    const monologue = Array.from({length: 30}, (_, i) => `**Elon Musk:** 第${i}段。火箭需要可以完全重复使用，这样太空旅行的成本才能下降一百倍。`).join('\n\n')
    const {file} = run(monologue)
    expect(file.data.chapters!.length).toBeGreaterThanOrEqual(1)
    expect(file.data.quotes!.length).toBeLessThanOrEqual(1)
  })

  it('no sentence punctuation at all', () => {
    const {file} = run(Array.from({length: 20}, () => '**Elon Musk:** 我们正身处奇点之中 这没有开关可控 它正在到来 而且在加速').join('\n\n'))
    expect(file.data.chapters!.length).toBeGreaterThanOrEqual(1)
    expect(file.data.quotes).toEqual([])
    expect(rules(file)).toContain('few-quotes')
  })

  it('an English episode gets English titles and quotes', () => {
    const topics = [
      'Solar panels on every rooftop will make electricity cheap. Battery storage smooths the grid at night.',
      'The rocket booster lands back on the pad after every launch. Reusable engines cut the cost of orbit.',
      'Humanoid robots will work in every factory. Their hands and sensors are the hardest part to build.'
    ]
    const turnsText = topics.flatMap((topic, t) => [
      `**Peter Diamandis:** Let us talk about topic ${t}, what do you think?`,
      ...Array.from({length: 40}, () => `**Elon Musk:** ${topic} I think this is where the next decade of progress comes from.`)
    ])
    const {file} = run(turnsText.join('\n\n'))
    for (const chapter of file.data.chapters!) {
      expect(chapter.title.length).toBeLessThanOrEqual(60)
      expect(chapter.title).toMatch(/^[\p{Script=Latin}\d ,]+$/u)
    }
    for (const quote of file.data.quotes!) {
      expect(quote.text.length).toBeGreaterThanOrEqual(quoteLengths.en.min)
      expect(quote.text.length).toBeLessThanOrEqual(quoteLengths.en.max)
    }
  })

  it('an English conversation in a Chinese show, without episode.yaml', () => {
    const {file} = run(
      Array.from({length: 12}, (_, i) => `**Guest ${i % 2}:** The singularity is here and it is accelerating quickly. Nothing can switch it off now.`).join('\n\n'),
      false
    )
    expect(file.data.chapters!.length).toBeGreaterThanOrEqual(1)
    expect(file.data.summary).toBeTypeOf('string')
  })
})

describe('options', () => {
  it('are checked up front', () => {
    expect(() => unified().use(remarkSummarize, {chapters: {minMinutes: 10, maxMinutes: 5}}).freeze()).toThrow(/chapters/)
    expect(() => unified().use(remarkSummarize, {chapters: {penalty: -1}}).freeze()).toThrow(/penalty/)
    expect(() => unified().use(remarkSummarize, {quotes: {min: 3, max: 1}}).freeze()).toThrow(/quotes/)
    expect(() => unified().use(remarkSummarize, {show: ['Moonshots', ' ']}).freeze()).toThrow(/show/)
  })
})

describe('the lede', () => {
  it('names a subject that heads several chapters once, by its fuller name when said nearly as often, and still names the next ones', () => {
    const people = [
      {id: 'dana', name: 'Dana Miller', role: 'host' as const},
      {id: 'mike', name: 'Mike Eastham', role: 'guest' as const}
    ]
    const chapter = (opening: string, subject: string) =>
      `**Dana Miller:** ${opening} Tell us about ${subject}.\n\n**Mike Eastham:** ${subject} is what we built. ${subject} runs every day, and ${subject} keeps our team honest about what ships.\n\n**Dana Miller:** So ${subject} it is, and ${subject} again.`
    const text = [
      chapter('Chapter one.', 'TypeScript'),
      chapter('Chapter two.', 'TypeScript ESLint'),
      chapter('Chapter three.', 'TypeScript ESLint'),
      chapter('Chapter four.', 'GitHub Sponsors'),
      chapter('Chapter five.', 'Prettier')
    ].join('\n\n')
    const file = new VFile({path: 'transcript.md', value: text})
    const choices = {chapters: ['Chapter one', 'Chapter two', 'Chapter three', 'Chapter four', 'Chapter five'].map((at, i) => ({at, title: `Part ${i + 1}`}))}
    const processor = unified().use(remarkParse).use(remarkSpeakers, {people}).use(remarkSummarize, {people, choices})
    processor.runSync(processor.parse(file), file)
    const lede = splitSentences(file.data.summary!)[0]!.text
    expect(lede).toMatch(/^Mike Eastham joins Dana Miller to talk about /u)
    expect(lede).toContain('TypeScript ESLint')
    expect(lede).not.toMatch(/TypeScript(?! ESLint)/u)
    expect(lede).toContain('GitHub Sponsors')
  })
})
