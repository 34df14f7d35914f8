// Chapters against the people who publish them (../shared/eval, see its
// README): the twelve editors' passes and the four Syntax episodes' own
// chapters through the set's score_chapters.py, and on the 16 composites the
// share of true topic shifts that are a chapter boundary within 2 turns.
// Everything is built in this process (parse, redact-ads, summarize), the
// way publish-episode builds it, and written to bench/out/chapters/.
//
//   pnpm --filter @castline/bench chapters ['{"penalty":2}']
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
import {evalSet} from './lib/eval-set.js'

const here = fileURLToPath(new URL('.', import.meta.url))
const evalDir = evalSet()
const chapters = process.argv[2] ? (JSON.parse(process.argv[2]) as Record<string, number>) : undefined
const out = join(here, 'out/chapters')
rmSync(out, {recursive: true, force: true})

interface Written {
  turns: Array<{id: string; position?: unknown; start: {seconds: number}}>
}

/** Builds one transcript and writes the parts of episode.json the scorers read. */
async function build(path: string, slug: string, dir: string): Promise<Written & {chapters: Array<{firstTurn: string; title: string}>}> {
  const file = new VFile({path, value: readFileSync(path, 'utf8')})
  const processor = unified().use(remarkParse).use(remarkSpeakers).use(remarkRedactAds).use(remarkSummarize, chapters ? {chapters} : {})
  const tree = (await processor.run(processor.parse(file), file)) as Root
  const turns: Written['turns'] = []
  for (const section of tree.children) {
    if (section.type !== 'section') continue
    for (const turn of section.children) {
      if (turn.type === 'speakerTurn') turns.push({id: turn.id, start: {seconds: turn.start?.seconds ?? 0}, ...(turn.position ? {position: turn.position} : {})})
    }
  }
  const episode = {turns, chapters: file.data.chapters ?? [], quotes: file.data.quotes ?? [], summary: file.data.summary ?? ''}
  mkdirSync(join(dir, slug), {recursive: true})
  writeFileSync(join(dir, slug, 'episode.json'), JSON.stringify(episode))
  return episode
}

const python = (script: string, args: string[]) => {
  try {
    return execFileSync('python3', [join(evalDir, script), ...args], {encoding: 'utf8'})
  } catch (error) {
    return String((error as {stdout?: string}).stdout ?? '')
  }
}

const started = performance.now()
const editors = readdirSync(join(evalDir, 'editors'))
  .filter((name) => name.endsWith('.json'))
  .sort()
for (const name of editors) await build(join(evalDir, 'episodes', name.replace(/\.json$/, '.md')), name.replace(/\.json$/, ''), join(out, 'editors'))
const creators = readdirSync(join(evalDir, 'creators')).sort()
for (const name of creators) await build(join(evalDir, 'creators', name, 'transcript.md'), name, join(out, 'creators'))

// Composites: each true shift found within 2 turns by one of our boundaries.
const truth = JSON.parse(readFileSync(join(evalDir, 'composites/truth.json'), 'utf8')) as Record<string, {segment: number[]}>
let found = 0
let shifts = 0
let ours = 0
for (const [name, {segment}] of Object.entries(truth).sort()) {
  const episode = await build(join(evalDir, 'composites', `${name}.md`), name, join(out, 'composites'))
  const index = new Map(episode.turns.map((turn, i) => [turn.id, i]))
  const boundaries = episode.chapters.slice(1).map((chapter) => index.get(chapter.firstTurn) ?? -99)
  ours += boundaries.length
  for (let i = 1; i < segment.length; i++) {
    if (segment[i] === segment[i - 1]) continue
    shifts++
    if (boundaries.some((b) => Math.abs(b - i) <= 2)) found++
  }
}
const lastLine = (text: string) => text.trim().split('\n').at(-1)
const editorReport = python('score_chapters.py', [join(out, 'editors'), ...editors.map((name) => join(evalDir, 'editors', name))])
const creatorReport = python('score_chapters.py', [join(out, 'creators'), ...creators.map((name) => join(evalDir, 'creators', name, 'chapters.json'))])
writeFileSync(join(out, 'report.txt'), `${editorReport}\n${creatorReport}`)
console.log(`${chapters ? JSON.stringify(chapters) : 'defaults'} (${((performance.now() - started) / 1000).toFixed(0)} s)`)
console.log(`  editors:    ${lastLine(editorReport)}`)
console.log(`  shows:      ${lastLine(creatorReport)}`)
console.log(`  composites: boundary recall ${(found / shifts).toFixed(3)} (${found} of ${shifts} shifts within 2 turns; ${ours} boundaries)`)
