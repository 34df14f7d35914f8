// Evaluates summarize: topic segmentation on interviews with known
// boundaries (Pk and WindowDiff, against evenly spaced boundaries in the same
// run), and pull quotes on the bundled episode, rule by rule.
import {readFileSync} from 'node:fs'
import {remarkSpeakers, splitSentences} from '@castline/parse'
import {remarkRedactAds} from '@castline/redact-ads'
import {evenBoundaries, pk, quoteLengths, remarkSummarize, standsAlone, windowDiff} from '@castline/summarize'
import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {parse} from 'yaml'
import {en, interview, zh} from './lib/synthetic.js'

console.log('Topic segmentation (lower is better; 0 is perfect)\n')
console.log('lang  docs  Pk ours  Pk even  WD ours  WD even')
const failures: string[] = []
for (const language of [zh, en]) {
  const scores = {pk: 0, pkEven: 0, wd: 0, wdEven: 0}
  const docs = 12
  for (let seed = 1; seed <= docs; seed++) {
    const doc = interview(language, 6 + (seed % 4), seed * 7919)
    const file = new VFile({value: doc.markdown})
    const processor = unified().use(remarkParse).use(remarkSpeakers).use(remarkSummarize)
    const tree = (await processor.run(processor.parse(file), file)) as Root
    const ids = new Map<string, number>()
    let index = 0
    for (const section of tree.children) {
      if (section.type !== 'section') continue
      for (const turn of section.children) if (turn.type === 'speakerTurn') ids.set(turn.id, index++)
    }
    const hypothesis = (file.data.chapters ?? []).slice(1).map((chapter) => ids.get(chapter.firstTurn)!)
    const even = evenBoundaries(doc.turns, doc.boundaries.length + 1)
    scores.pk += pk(doc.turns, doc.boundaries, hypothesis) / docs
    scores.pkEven += pk(doc.turns, doc.boundaries, even) / docs
    scores.wd += windowDiff(doc.turns, doc.boundaries, hypothesis) / docs
    scores.wdEven += windowDiff(doc.turns, doc.boundaries, even) / docs
  }
  const f = (n: number) => n.toFixed(3).padStart(7)
  console.log(`${language.name.padEnd(5)} ${String(docs).padStart(4)}  ${f(scores.pk)}  ${f(scores.pkEven)}  ${f(scores.wd)}  ${f(scores.wdEven)}`)
  if (scores.pk > 0.2) failures.push(`${language.name}: Pk ${scores.pk.toFixed(3)} is above the 0.2 target`)
}

console.log('\nPull quotes on the bundled episode: how many pass each rule\n')
const root = new URL('../content/', import.meta.url)
const {sponsors, products} = parse(readFileSync(new URL('podcast.yaml', root), 'utf8'))
const episode = parse(readFileSync(new URL('episodes/moonshots-elon-musk/episode.yaml', root), 'utf8'))
const file = new VFile({value: readFileSync(new URL('episodes/moonshots-elon-musk/transcript.md', root), 'utf8')})
const processor = unified()
  .use(remarkParse)
  .use(remarkSpeakers, {people: episode.people, title: episode.title, sponsors})
  .use(remarkRedactAds, {sponsors, products})
  .use(remarkSummarize)
const tree = (await processor.run(processor.parse(file), file)) as Root
const turnText = new Map<string, string[]>()
const roles = new Map<string, string | undefined>()
for (const section of tree.children) {
  if (section.type !== 'section') continue
  for (const turn of section.children) {
    if (turn.type !== 'speakerTurn') continue
    turnText.set(turn.id, turn.children.map((child) => toString(child)))
    roles.set(turn.id, turn.speaker.person ? turn.speaker.role : undefined)
  }
}
const quotes = file.data.quotes ?? []
const redacted = (file.data.redactions ?? []).map((r) => r.text).filter(Boolean)
const pairs = (text: string) => new Set([...text.replace(/[\s\p{P}]/gu, '')].map((_, i, a) => a.slice(i, i + 2).join('')))
const rules: Array<[string, (q: (typeof quotes)[number]) => boolean]> = [
  ['stands alone (no dangling opening, ends a sentence)', (q) => standsAlone(q.text)],
  [
    'fits a card',
    (q) => {
      const l = quoteLengths[/\p{Script=Han}/u.test(q.text) ? 'zh' : 'en']
      return q.text.length >= l.min && q.text.length <= l.max
    }
  ],
  [
    'verbatim from one turn, whole sentences',
    (q) =>
      (turnText.get(q.turn) ?? []).some((paragraph) => {
        const at = paragraph.indexOf(q.text)
        return at !== -1 && splitSentences(paragraph).some((s) => s.start === at)
      })
  ],
  ['from a named person', (q) => q.person !== undefined],
  ['from a guest', (q) => roles.get(q.turn) === 'guest'],
  ['contains no redacted ad text', (q) => !redacted.some((r) => r.includes(q.text) || q.text.includes(r))],
  [
    'duplicates no other quote',
    (q) =>
      !quotes.some((o) => {
        if (o === q) return false
        const a = pairs(o.text)
        const b = pairs(q.text)
        return [...a].filter((p) => b.has(p)).length / Math.min(a.size, b.size) > 0.5
      })
  ]
]
console.log(`quotes: ${quotes.length} (wanted 6 to 10), from ${new Set(quotes.map((q) => q.chapter)).size} of ${file.data.chapters?.length} chapters`)
for (const [name, rule] of rules) {
  const passed = quotes.filter(rule).length
  console.log(`${String(passed).padStart(3)}/${quotes.length}  ${name}`)
  if (passed < quotes.length && name !== 'from a guest') failures.push(`quotes: ${quotes.length - passed} fail "${name}"`)
}
if (quotes.length < 6 || quotes.length > 10) failures.push(`quotes: ${quotes.length}, not 6 to 10`)
console.log(failures.length ? `\nbelow target:\n${failures.join('\n')}` : '\nall targets met')
