// Evaluates summarize on real conversation (../shared/eval, see its README):
// chapter boundaries on the 16 composites (Pk and WindowDiff by the set's own
// pk.py, beside chapters spaced evenly in time); for the 24 whole episodes,
// counts of what an editor would never publish; against the four editors'
// passes, the set's own score_editorial.py; and the bundled episode's
// chapters, quotes and summary, to read. Everything each episode produced is
// written to bench/out/eval/ to be read as an editor would.
//
//   pnpm --filter @castline/bench eval [penalty …]
import {execFileSync} from 'node:child_process'
import {mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {remarkSpeakers} from '@castline/parse'
import {remarkRedactAds} from '@castline/redact-ads'
import {remarkSummarize} from '@castline/summarize'
import type {Root} from 'mdast'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {parse} from 'yaml'
import {evalSet} from './lib/eval-set.js'

const here = fileURLToPath(new URL('.', import.meta.url))
const evalDir = evalSet()
const out = join(here, 'out/eval')
// `pnpm eval penalty=2,4 prior=0.05,0.1` sweeps chapter settings on the composites only.
const sweepArgs = Object.fromEntries(process.argv.slice(2).map((arg) => arg.split('=')).map(([key, values]) => [key!, values!.split(',').map(Number)]))
const penalties = Object.keys(sweepArgs).length ? cartesian(sweepArgs) : []

function cartesian(axes: Record<string, number[]>): Array<Record<string, number>> {
  return Object.entries(axes).reduce<Array<Record<string, number>>>((all, [key, values]) => all.flatMap((combo) => values.map((value) => ({...combo, [key]: value}))), [{}])
}

interface Built {
  file: VFile
  turns: Array<{id: string; position?: {start: {line: number}}; text: string}>
}

async function build(path: string, options: {chapters?: Record<string, number>; yaml?: {people?: unknown; title?: string}; podcast?: {sponsors?: unknown; products?: unknown}} = {}): Promise<Built> {
  const file = new VFile({path, value: readFileSync(path, 'utf8')})
  const processor = unified()
    .use(remarkParse)
    .use(remarkSpeakers, {people: options.yaml?.people as never, title: options.yaml?.title, sponsors: options.podcast?.sponsors as never})
    .use(remarkRedactAds, {sponsors: options.podcast?.sponsors as never, products: options.podcast?.products as never})
    .use(remarkSummarize, {chapters: options.chapters, people: options.yaml?.people as never})
  const tree = (await processor.run(processor.parse(file), file)) as Root
  const turns: Built['turns'] = []
  for (const section of tree.children) {
    if (section.type !== 'section') continue
    for (const turn of section.children) {
      if (turn.type === 'speakerTurn') turns.push({id: turn.id, text: '', ...(turn.position ? {position: turn.position} : {})})
    }
  }
  return {file, turns}
}

const python = (script: string, args: string[]) => {
  try {
    return execFileSync('python3', [join(evalDir, script), ...args], {encoding: 'utf8'})
  } catch (error) {
    return String((error as {stdout?: string}).stdout ?? '')
  }
}

// 1. Boundaries on the composites, through the set's own pk.py.
const composites = readdirSync(join(evalDir, 'composites')).filter((name) => name.endsWith('.md')).sort()
const sweep = penalties.length ? penalties : [undefined]
console.log('Chapter boundaries on the composites (lower is better; 0 is perfect)\n')
for (const chapters of sweep) {
  const dir = join(out, 'composites')
  rmSync(dir, {recursive: true, force: true})
  for (const name of composites) {
    const {file} = await build(join(evalDir, 'composites', name), chapters ? {chapters} : {})
    mkdirSync(join(dir, name.replace(/\.md$/, '')), {recursive: true})
    writeFileSync(join(dir, name.replace(/\.md$/, ''), 'chapters.json'), JSON.stringify({chapters: (file.data.chapters ?? []).map((c) => ({startTime: c.startTime, title: c.title}))}))
  }
  const report = python('pk.py', [join(evalDir, 'composites/truth.json'), dir]).trim().split('\n')
  const counts = report.filter((line) => / chapters for /.test(line)).map((line) => line.match(/(\d+) chapters for (\d+)/)!.slice(1).map(Number))
  const ratio = counts.reduce((sum, [ours, truth]) => sum + ours! / truth!, 0) / Math.max(1, counts.length)
  // The editors chapter within one episode, finer than the composites' stretches: show both.
  const editors = await editorScores(chapters)
  console.log(`${chapters ? JSON.stringify(chapters) : 'defaults'}: ${report.at(-1)}; chapters per true segment ${ratio.toFixed(2)}; editors' Pk ${editors.pk.toFixed(3)}, chapters ours/editors ${editors.ours}/${editors.theirs}`)
}

async function editorScores(chapters: Record<string, number> | undefined) {
  const result = {pk: 0, ours: 0, theirs: 0}
  const names = readdirSync(join(evalDir, 'editors')).filter((n) => n.endsWith('.json')).sort()
  for (const name of names) {
    const slug = name.replace(/\.json$/, '')
    const {file, turns} = await build(join(evalDir, 'episodes', `${slug}.md`), chapters ? {chapters} : {})
    mkdirSync(join(out, 'editors'), {recursive: true})
    writeFileSync(join(out, 'editors', `${slug}.json`), JSON.stringify({turns, chapters: file.data.chapters, quotes: file.data.quotes}))
    const score = JSON.parse(python('score_editorial.py', [join(out, 'editors', `${slug}.json`), join(evalDir, 'editors', name)])) as {pk: number; chapters_ours: number; chapters_editor: number}
    result.pk += score.pk / names.length
    result.ours += score.chapters_ours
    result.theirs += score.chapters_editor
  }
  return result
}
if (penalties.length) process.exit(0)

// 2. The whole episodes, read for what an editor would never publish.
const lowerStart = /^[\p{Ll}\p{P}]/u
const boilerplate =
  /^(?:hi|hello|hey)\b|\b(?:welcome|thanks?(?: you)?(?: so much| very much)? (?:for|to)|thank you|(?:great|good|happy|glad) to be (?:here|on)|prior to joining|my co-?host|i'?m joined|joining (?:me|us)|my name is|i'?m [A-Z]\w+ (?:and|from)|see you|bye|subscribe|follow us|this (?:is|has been) [\w\s]+ (?:podcast|show)|show notes|that's (?:all|it) for)\b|欢迎|谢谢|感谢|大家好|再见|下期|订阅/iu
const sponsorRead = /brought to you by|sponsored by|use (?:the )?(?:promo )?code|for absolutely free|free trial|sign up (?:at|today)|\bgo to \S+\.(?:com|io|fm|dev)|\.com\/[a-z]+\b|% off|our sponsors?/iu
// Talk as said, which reads badly in print: the eval's own test, kept apart from summarize's.
const talk = / -- | - |\b(?:kind of|sort of|you know|I mean|gonna|wanna)\b|^(?:I think|I feel|I'd say|I guess|I'm not sure|I'll|If it's okay|So|And|But|Yeah|Well)\b/iu
const fragmentSentence = (sentence: string) => lowerStart.test(sentence.trim()) || !/[.!?。！？”"’)]$/u.test(sentence.trim())
const generic = new Set('stuff thing things way ways lot kind sort part point fact idea question time times people guy guys yeah okay false true pretty really actually episode today something anything everything nothing one two'.split(' '))

const episodes = readdirSync(join(evalDir, 'episodes')).filter((name) => name.endsWith('.md')).sort()
const counts = {quotes: 0, midSentence: 0, boilerplate: 0, sponsor: 0, talkQuotes: 0, claims: 0, talkClaims: 0, summaries: 0, fragmentSummaries: 0, titles: 0, genericTitles: 0, duplicateTitles: 0, longTitles: 0}
const reading: string[] = []
const summaries = new Map<string, string>()
mkdirSync(join(out, 'episodes'), {recursive: true})
for (const name of episodes) {
  const slug = name.replace(/\.md$/, '')
  const {file, turns} = await build(join(evalDir, 'episodes', name))
  const quotes = file.data.quotes ?? []
  const chapters = file.data.chapters ?? []
  counts.quotes += quotes.length
  const bad: string[] = []
  const flag = (count: keyof typeof counts, what: string) => {
    counts[count]++
    bad.push(what)
  }
  for (const quote of quotes) {
    if (lowerStart.test(quote.text)) flag('midSentence', `mid-sentence quote: ${quote.text}`)
    if (boilerplate.test(quote.text)) flag('boilerplate', `boilerplate quote: ${quote.text}`)
    if (sponsorRead.test(quote.text)) flag('sponsor', `sponsor quote: ${quote.text}`)
    if (talk.test(quote.text)) flag('talkQuotes', `reads as talk: ${quote.text}`)
  }
  const summary = file.data.summary ?? ''
  counts.summaries++
  // Initials and titles (Mireille B. Reece, Psy.D) end no sentence.
  const protectedSummary = summary.replace(/\b(?:\p{Lu}|Dr|Mr|Mrs|Ms|Psy|Ph|Jr|Sr|St|vs|etc)\./gu, (m) => m.replace('.', '\u2024'))
  const sentences = protectedSummary.match(/[^.!?。！？]+[.!?。！？]+["”’)]*/gu) ?? [summary]
  if (!summary || sentences.some(fragmentSentence) || sentences.length < 2 || sentences.length > 4) flag('fragmentSummaries', `summary: ${summary}`)
  // The first sentence is built; the rest are claims quoted from the conversation.
  for (const claim of sentences.slice(1)) {
    counts.claims++
    if (talk.test(claim.trim())) flag('talkClaims', `summary claim reads as talk: ${claim.trim()}`)
  }
  summaries.set(slug, summary)
  const seen = new Set<string>()
  for (const {title} of chapters) {
    counts.titles++
    const words = title.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? []
    if (words.some((word) => generic.has(word)) && words.length <= 4) flag('genericTitles', `generic title: ${title}`)
    if (seen.has(title.toLowerCase())) flag('duplicateTitles', `duplicate title: ${title}`)
    if (title.length > 60) flag('longTitles', `long title: ${title}`)
    seen.add(title.toLowerCase())
  }
  const episodeJson = {turns, chapters, quotes}
  writeFileSync(join(out, 'episodes', `${slug}.json`), JSON.stringify(episodeJson))
  reading.push(
    `## ${slug}\n\n${summary}\n\n${chapters.map((c) => `- ${clock(c.startTime)} ${c.title}`).join('\n')}\n\n${quotes.map((q) => `> ${q.text} (${q.speaker})`).join('\n\n')}\n${bad.length ? `\nProblems:\n${bad.map((b) => `- ${b}`).join('\n')}\n` : ''}`
  )
}
writeFileSync(join(out, 'episodes.md'), `${reading.join('\n')}\n`)
console.log(`\nThe ${episodes.length} whole episodes (bench/out/eval/episodes.md holds what each got)\n`)
console.log(`quotes that start mid-sentence: ${counts.midSentence} of ${counts.quotes}`)
console.log(`boilerplate quotes (greetings, thanks, intros, sign-offs): ${counts.boilerplate}`)
console.log(`sponsor-read quotes: ${counts.sponsor}`)
console.log(`quotes that read as talk (a spaced dash, filler, "I think…", "So…"): ${counts.talkQuotes} of ${counts.quotes}`)
console.log(`summary claims that read as talk: ${counts.talkClaims} of ${counts.claims}`)
console.log(`summaries with a fragment, or not 2 to 4 sentences: ${counts.fragmentSummaries} of ${counts.summaries}`)
console.log(`titles with a generic word: ${counts.genericTitles} of ${counts.titles}; alike: ${counts.duplicateTitles}; over 60 characters: ${counts.longTitles}`)

// 3. Against the editors' own passes.
console.log('\nAgainst the editors (score_editorial.py: Pk lower is better, title Dice higher)\n')
for (const name of readdirSync(join(evalDir, 'editors')).filter((n) => n.endsWith('.json')).sort()) {
  const slug = name.replace(/\.json$/, '')
  console.log(python('score_editorial.py', [join(out, 'episodes', `${slug}.json`), join(evalDir, 'editors', name)]).trim())
}
// The editors wrote their summaries freely; ours quote the conversation, so
// only the words they share can be compared: content words, F1.
const stop = new Set(
  'a an the and or but of to in on for with at by from as is are was were be been it its this that these those i you we they he she my your our their me us them not no so if then than too very can will would should could do does did have has had just about into over also what how why who which when where there here all any some more most such only own same other up out like get got'.split(' ')
)
const contentWords = (text: string) => new Set((text.toLowerCase().match(/[a-z0-9']+/g) ?? []).filter((w) => w.length > 2 && !stop.has(w)))
const overlaps = readdirSync(join(evalDir, 'editors'))
  .filter((n) => n.endsWith('.json'))
  .sort()
  .map((name) => {
    const editor = contentWords((JSON.parse(readFileSync(join(evalDir, 'editors', name), 'utf8')) as {summary: string}).summary)
    const ours = contentWords(summaries.get(name.replace(/\.json$/, '')) ?? '')
    const shared = [...ours].filter((w) => editor.has(w)).length
    const precision = shared / Math.max(1, ours.size)
    const recall = shared / Math.max(1, editor.size)
    return precision + recall ? (2 * precision * recall) / (precision + recall) : 0
  })
console.log(`summary content words shared with the editors' (F1): ${overlaps.map((f) => f.toFixed(3)).join(' ')}; mean ${(overlaps.reduce((a, b) => a + b, 0) / overlaps.length).toFixed(3)}`)

// 4. The bundled episode, to read.
const root = join(here, '../content')
const podcast = parse(readFileSync(join(root, 'podcast.yaml'), 'utf8'))
const bundled = parse(readFileSync(join(root, 'episodes/moonshots-elon-musk/episode.yaml'), 'utf8'))
const {file} = await build(join(root, 'episodes/moonshots-elon-musk/transcript.md'), {yaml: bundled, podcast})
console.log(`\nThe bundled episode\n\n${file.data.summary}\n`)
for (const chapter of file.data.chapters ?? []) console.log(`  ${clock(chapter.startTime)}  ${chapter.title}`)
console.log('')
for (const quote of file.data.quotes ?? []) console.log(`  「${quote.text}」 ${quote.speaker}`)

function clock(seconds: number): string {
  const s = Math.round(seconds)
  return `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`
}
