// Alignment of a Markdown transcript to a timed one (@castline/timed), on the
// bundled episode at 1×, 4× and 16×, against a bare parse of the timed file
// (@plussub/srt-vtt-parser, as readTimed uses it) in the same run; and a
// timed file alone, read as the transcript (timedMarkdown, then remark-parse
// and remarkSpeakers), which names no one and is one long turn of many cues:
// the case that was quadratic. Linear: each ratio stays flat as the size grows. The timed
// file is made from the transcript itself, with the changes a transcription
// tool's output has against an edited transcript: other punctuation, filler.
// At 10× the same conversation is said ten times over, so no run of words is
// unique in the whole file: the hardest case for anchoring, and the share
// aligned says how well the fallback (halving in proportion) copes.
import {readFileSync} from 'node:fs'
import {remarkSpeakers} from '@castline/parse'
import {readTimed, remarkTimedClock, timedMarkdown} from '@castline/timed'
import {parse as parseSubtitles} from '@plussub/srt-vtt-parser'
import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {interleave, median} from './lib/measure.js'

const text = readFileSync(new URL('../content/episodes/moonshots-elon-musk/transcript.md', import.meta.url), 'utf8')
const parser = unified().use(remarkParse).use(remarkSpeakers)

function timedFile(markdown: string): string {
  const tree = parser.runSync(parser.parse(markdown)) as Root
  const cues: string[] = []
  let clock = 1
  const stamp = (s: number) => new Date(Math.round(s * 1000)).toISOString().slice(11, 23).replace('.', ',')
  for (const section of tree.children) {
    if (section.type !== 'section') continue
    for (const turn of section.children) {
      if (turn.type !== 'speakerTurn') continue
      const said = toString(turn).replace(/[，。]/g, ' ').replace(/(\p{Script=Han}{12})/gu, '$1嗯')
      for (const piece of said.match(/.{1,40}/gsu) ?? []) {
        cues.push(`${cues.length + 1}\n${stamp(clock)} --> ${stamp(clock + piece.length / 4.5)}\n${piece.trim()}`)
        clock += piece.length / 4.5
      }
    }
  }
  return `${cues.join('\n\n')}\n`
}

console.log('timed clock (read the timed file + align) vs bare SRT parse (median of interleaved rounds)\n')
console.log('size   cues     bare ms   ours ms   ratio   aligned   alone ms   ratio')
for (const [times, rounds] of [
  [1, 5],
  [4, 3],
  [16, 1]
] as const) {
  const markdown = Array.from({length: times}, () => text).join('\n\n***\n\n')
  const srt = timedFile(markdown)
  const tree = parser.runSync(parser.parse(markdown)) as Root
  let aligned = 0
  // Alone, the timed file is the transcript: it names no one, so it is one long turn.
  const alone = unified().use(remarkParse).use(remarkSpeakers)
  const samples = await interleave(
    [
      {name: 'bare', run: () => parseSubtitles(srt)},
      {
        name: 'ours',
        run: () => {
          const file = new VFile()
          // Setting start times again on the same tree is the same work each round.
          remarkTimedClock({timed: readTimed(srt, 'transcript.srt')})(tree, file)
          aligned = file.data.alignment?.aligned ?? 0
        }
      },
      {
        name: 'alone',
        run: () => {
          const file = new VFile({value: timedMarkdown(readTimed(srt, 'transcript.srt'))})
          alone.runSync(alone.parse(file), file)
        }
      }
    ],
    rounds
  )
  const [a, b, c] = samples.map((sample) => median(sample.times)) as [number, number, number]
  console.log(
    `${`${times}×`.padEnd(6)} ${String(srt.split('-->').length - 1).padEnd(8)} ${a.toFixed(0).padStart(7)} ${b.toFixed(0).padStart(9)} ${(b / a).toFixed(2).padStart(7)}   ${`${Math.round(aligned * 100)}%`.padEnd(7)} ${c.toFixed(0).padStart(8)} ${(c / a).toFixed(2).padStart(7)}`
  )
}
