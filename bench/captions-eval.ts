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
import {remarkSpeakers} from '@castline/parse'
import {parse as parseSubtitles} from '@plussub/srt-vtt-parser'
import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {evalSet} from './lib/eval-set.js'

const here = fileURLToPath(new URL('.', import.meta.url))
const evalDir = evalSet()
const out = join(here, 'out/captions')
rmSync(out, {recursive: true, force: true})
const parser = unified().use(remarkParse).use(remarkSpeakers)
const stamp = (s: number) => new Date(Math.round(s * 1000)).toISOString().slice(11, 23).replace('.', ',')
const han = /\p{Script=Han}/u
const fullWidth = /[\p{Script=Han}\u3000-\u303F\uFF00-\uFFEF“”‘’…—]/u
const graphemes = new Intl.Segmenter('en', {granularity: 'grapheme'})
// What a viewer sees: entities decoded, a letter and its accent one character.
const width = (raw: string) => {
  const line = raw.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&')
  const chars = [...graphemes.segment(line)].map((g) => g.segment)
  return han.test(line) ? chars.reduce((sum, char) => sum + (fullWidth.test(char) ? 1 : 0.5), 0) : chars.length
}
const letters = (text: string) => (text.toLowerCase().match(/[\p{L}\p{N}]/gu) ?? []).join('')

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
for (const name of readdirSync(join(evalDir, 'episodes')).filter((n) => n.endsWith('.md')).sort()) {
  const slug = name.replace(/\.md$/, '')
  const markdown = readFileSync(join(evalDir, 'episodes', name), 'utf8')
  // The clock: 15 characters a second, a pause after a sentence and between speakers.
  const tree = parser.runSync(parser.parse(markdown)) as Root
  let clock = 1
  let said = ''
  const saidAt: number[] = []
  const cues: string[] = []
  for (const section of tree.children) {
    if (section.type !== 'section') continue
    for (const turn of section.children) {
      if (turn.type !== 'speakerTurn') continue
      const text = turn.children.map((child) => toString(child)).join(' ').replace(/\s+/g, ' ').trim()
      for (const piece of text.match(/.{1,84}(?:\s|$)/gsu) ?? []) {
        const start = clock
        for (const char of piece) {
          if (/[\p{L}\p{N}]/u.test(char)) {
            said += char.toLowerCase()
            saidAt.push(clock)
          }
          clock += /[.?!]/.test(char) ? 0.4 : 1 / 15
        }
        cues.push(`${cues.length + 1}\n${stamp(start)} --> ${stamp(clock)}\n${piece.trim()}`)
      }
      clock += 0.7
    }
  }
  const folder = join(out, slug)
  mkdirSync(folder, {recursive: true})
  writeFileSync(join(folder, 'transcript.md'), markdown)
  writeFileSync(join(folder, 'transcript.srt'), `${cues.join('\n\n')}\n`)
  const result = await buildEpisode({slug, transcript: join(folder, 'transcript.md'), timed: join(folder, 'transcript.srt')}, {cards: false})
  const vtt = result.outputs?.get('transcript.vtt')
  if (!vtt) {
    rows.push(`${slug.padEnd(34)} not built: ${result.files.flatMap((f) => f.messages.filter((m) => m.fatal).map((m) => m.reason)).join('; ')}`)
    continue
  }
  writeFileSync(join(folder, 'transcript.vtt'), vtt)
  const parsed: Array<{from: number; to: number; text: string}> = parseSubtitles(String(vtt)).entries
  const tally: Tally = {cues: parsed.length, lines: 0, width: 0, short: 0, long: 0, gap: 0, punctuation: 0, space: 0, unbalanced: 0, errors: []}
  let cursor = 0
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
    const own = letters(lines.join(' '))
    const at = said.indexOf(own.slice(0, 8), cursor)
    if (own.length >= 8 && at >= 0 && at - cursor < 400) {
      tally.errors.push(Math.abs(cue.from / 1000 - saidAt[at]!))
      cursor = at + own.length
    }
  })
  tally.errors.sort((a, b) => a - b)
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
console.log(
  `start error: median ${(total.errors[Math.floor(total.errors.length / 2)] ?? 0).toFixed(2)} s, 99th percentile ${(total.errors[Math.floor(total.errors.length * 0.99)] ?? 0).toFixed(2)} s, worst ${(total.errors.at(-1) ?? 0).toFixed(2)} s, over 0.5 s ${total.errors.filter((e) => e > 0.5).length} of ${total.errors.length}`
)
