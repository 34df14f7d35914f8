// parse + redact-ads on the bundled episode, 1×, 10× and 50× in one file,
// against bare remark-parse of the same text in the same run.
import {readFileSync} from 'node:fs'
import {remarkSpeakers} from '@castline/parse'
import {remarkRedactAds} from '@castline/redact-ads'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {parse} from 'yaml'
import {interleave, median} from './lib/measure.js'

const text = readFileSync(new URL('../content/episodes/moonshots-elon-musk/transcript.md', import.meta.url), 'utf8')
// The bundled episode's own people and sponsors, as the CLI would pass them.
const readYaml = (path: string) => parse(readFileSync(new URL(path, import.meta.url), 'utf8'))
const {sponsors} = readYaml('../content/podcast.yaml')
const {people} = readYaml('../content/episodes/moonshots-elon-musk/episode.yaml')

const bare = unified().use(remarkParse)
const pipeline = unified().use(remarkParse).use(remarkSpeakers, {people, sponsors}).use(remarkRedactAds, {sponsors})

console.log('parse + redact-ads vs bare remark-parse (median of interleaved rounds)\n')
console.log('size   bytes      bare ms   ours ms   ratio   our stages alone')
const ratios: number[] = []
for (const [times, rounds] of [
  [1, 15],
  [10, 5],
  [50, 3]
] as const) {
  const input = Array.from({length: times}, () => text).join('\n\n***\n\n')
  const samples = await interleave(
    [
      {name: 'bare', run: () => bare.parse(input)},
      {
        name: 'ours',
        run: async () => {
          const file = new VFile({value: input})
          await pipeline.run(pipeline.parse(file), file)
        }
      }
    ],
    rounds
  )
  const [a, b] = samples.map((sample) => median(sample.times)) as [number, number]
  ratios.push(b / a)
  console.log(
    `${`${times}×`.padEnd(6)} ${String(Buffer.byteLength(input)).padEnd(10)} ${a.toFixed(0).padStart(7)} ${b.toFixed(0).padStart(9)} ${(b / a).toFixed(2).padStart(7)}   ${((b - a) / a).toFixed(2)}× of bare parse`
  )
}
console.log(`\nratio spread from 1× to 50×: ${(Math.max(...ratios) / Math.min(...ratios)).toFixed(2)} (1.00 = perfectly flat)`)
