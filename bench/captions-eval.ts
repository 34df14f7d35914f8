// Captions on real conversation (../shared/eval/episodes, 24 whole English
// episodes), each published the way publish-episode builds it (cards left
// out) with a synthetic clock beside it: an SRT made from its own words, at
// a speaking pace with pauses at sentence ends and speaker changes, as a
// transcription tool would write one (cues of up to 84 characters, cut
// without regard to sentences). Every cue of every episode's transcript.vtt
// is held to the style rules the tests hold the fixtures to, and its start
// is compared with when its first word is said on that clock.
//
//   pnpm --filter @castline/bench captions
import {mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {buildEpisode} from '@castline/cli'
import {parse as parseSubtitles} from '@plussub/srt-vtt-parser'
import {evalSet} from './lib/eval-set.js'
import {startErrors, syntheticClock} from './lib/synthetic-clock.js'

const here = fileURLToPath(new URL('.', import.meta.url))
const evalDir = evalSet()
const out = join(here, 'out/captions')
rmSync(out, {recursive: true, force: true})
const han = /\p{Script=Han}/u
const fullWidth = /[\p{Script=Han}\u3000-\u303F\uFF00-\uFFEF“”‘’…—]/u
const graphemes = new Intl.Segmenter('en', {granularity: 'grapheme'})
// What a viewer sees: entities decoded, a letter and its accent one character.
const width = (raw: string) => {
  const line = raw.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&')
  const chars = [...graphemes.segment(line)].map((g) => g.segment)
  return han.test(line) ? chars.reduce((sum, char) => sum + (fullWidth.test(char) ? 1 : 0.5), 0) : chars.length
}

interface Tally {
  cues: number
  lines: number
  width: number
  short: number
  long: number
  gap: number
  punctuation: number
  space: number
  unbalanced: number
  errors: number[]
}

const total: Tally = {cues: 0, lines: 0, width: 0, short: 0, long: 0, gap: 0, punctuation: 0, space: 0, unbalanced: 0, errors: []}
const rows: string[] = []
const offGuide: string[] = []
for (const name of readdirSync(join(evalDir, 'episodes')).filter((n) => n.endsWith('.md')).sort()) {
  const slug = name.replace(/\.md$/, '')
  const markdown = readFileSync(join(evalDir, 'episodes', name), 'utf8')
  const clock = syntheticClock(markdown)
  const folder = join(out, slug)
  mkdirSync(folder, {recursive: true})
  writeFileSync(join(folder, 'transcript.md'), markdown)
  writeFileSync(join(folder, 'transcript.srt'), clock.srt)
  const result = await buildEpisode({slug, transcript: join(folder, 'transcript.md'), timed: join(folder, 'transcript.srt')}, {cards: false})
  const vtt = result.outputs?.get('transcript.vtt')
  if (!vtt) {
    rows.push(`${slug.padEnd(34)} not built: ${result.files.flatMap((f) => f.messages.filter((m) => m.fatal).map((m) => m.reason)).join('; ')}`)
    continue
  }
  writeFileSync(join(folder, 'transcript.vtt'), vtt)
  // What the build itself found: the feed calls the VTT captions only on 'guide'.
  if (JSON.parse(String(result.outputs?.get('episode.json'))).timing.captions !== 'guide') offGuide.push(slug)
  const parsed: Array<{from: number; to: number; text: string}> = parseSubtitles(String(vtt)).entries
  const tally: Tally = {cues: parsed.length, lines: 0, width: 0, short: 0, long: 0, gap: 0, punctuation: 0, space: 0, unbalanced: 0, errors: []}
  parsed.forEach((cue, index) => {
    const lines = cue.text.replace(/^<v [^>]*>/, '').split('\n')
    const duration = (cue.to - cue.from) / 1000
    if (lines.length > 2) tally.lines++
    if (lines.some((line) => width(line) > (han.test(line) ? 16 : 42))) tally.width++
    if (duration < 5 / 6 - 0.001) tally.short++
    if (duration > 7.001) tally.long++
    const next = parsed[index + 1]
    if (next && (next.from - cue.to) / 1000 < 2 / 24 - 0.001) tally.gap++
    if (!/[\p{L}\p{N}]/u.test(lines.join(''))) tally.punctuation++
    if (lines.some((line) => /\p{Script=Han} +\p{Script=Han}/u.test(line))) tally.space++
    if (lines.length === 2 && Math.min(...lines.map(width)) < Math.max(...lines.map(width)) / 4) tally.unbalanced++
  })
  tally.errors = startErrors(parsed.map((cue) => ({start: cue.from / 1000, text: cue.text})), clock).sort((a, b) => a - b)
  for (const key of ['cues', 'lines', 'width', 'short', 'long', 'gap', 'punctuation', 'space', 'unbalanced'] as const) total[key] += tally[key]
  total.errors.push(...tally.errors)
  const median = tally.errors[Math.floor(tally.errors.length / 2)] ?? 0
  rows.push(
    `${slug.padEnd(34)} ${String(tally.cues).padStart(5)} ${String(tally.lines + tally.width + tally.short + tally.long + tally.gap + tally.punctuation + tally.space + tally.unbalanced).padStart(6)} ${median.toFixed(2).padStart(7)} ${(tally.errors.at(-1) ?? 0).toFixed(2).padStart(7)} ${String(tally.errors.filter((e) => e > 0.5).length).padStart(6)}`
  )
}
total.errors.sort((a, b) => a - b)
console.log('captions on 24 real episodes with a synthetic clock: rule breaks, and start error against the clock (s)\n')
console.log(`${'episode'.padEnd(34)}  cues  breaks  median    worst  > 0.5`)
for (const row of rows) console.log(row)
const broken = ['lines', 'width', 'short', 'long', 'gap', 'punctuation', 'space', 'unbalanced'] as const
console.log(`\nall: ${total.cues} cues; ${broken.map((key) => `${key} ${total[key]}`).join(', ')}`)
console.log(`judged off the guide by the build (no rel="captions" in the feed): ${offGuide.length ? offGuide.join(', ') : 'none'}`)
console.log(
  `start error: median ${(total.errors[Math.floor(total.errors.length / 2)] ?? 0).toFixed(2)} s, 99th percentile ${(total.errors[Math.floor(total.errors.length * 0.99)] ?? 0).toFixed(2)} s, worst ${(total.errors.at(-1) ?? 0).toFixed(2)} s, over 0.5 s ${total.errors.filter((e) => e > 0.5).length} of ${total.errors.length}`
)
