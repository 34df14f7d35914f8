// summarize on the bundled episode against a bare jieba `tag` over the same
// text, in the same run: the segmenter summarize cannot do without. The
// episode is parsed and redacted once; each round summarizes a fresh copy.
import {readFileSync} from 'node:fs'
import {Jieba} from '@node-rs/jieba'
import {dict} from '@node-rs/jieba/dict.js'
import {remarkSpeakers} from '@castline/parse'
import {remarkRedactAds} from '@castline/redact-ads'
import {remarkSummarize} from '@castline/summarize'
import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {parse} from 'yaml'
import {interleave, median} from './lib/measure.js'

const text = readFileSync(new URL('../content/episodes/moonshots-elon-musk/transcript.md', import.meta.url), 'utf8')
const readYaml = (path: string) => parse(readFileSync(new URL(path, import.meta.url), 'utf8'))
const {sponsors} = readYaml('../content/podcast.yaml')
const {people} = readYaml('../content/episodes/moonshots-elon-musk/episode.yaml')

const prepare = unified().use(remarkParse).use(remarkSpeakers, {people, sponsors}).use(remarkRedactAds, {sponsors})
const source = new VFile({value: text})
const tree = (await prepare.run(prepare.parse(source), source)) as Root
const data = structuredClone(source.data)
const turns: string[] = []
for (const section of tree.children) {
  if (section.type !== 'section') continue
  for (const turn of section.children) if (turn.type === 'speakerTurn') turns.push(toString(turn))
}

const summarize = unified().use(remarkSummarize, {people})
const once = async () => {
  const file = new VFile({value: text, data: structuredClone(data)})
  await summarize.run(structuredClone(tree), file)
  return file
}
// A run's first episode: summarize loads jieba, compromise and the word
// frequencies as it goes; the bare side loads jieba's dictionary and tags.
let start = performance.now()
const jieba = Jieba.withDict(dict)
for (const turn of turns) jieba.tag(turn, true)
const bareCold = performance.now() - start
start = performance.now()
const warm = await once()
const oursCold = performance.now() - start

const samples = await interleave(
  [
    {name: 'bare jieba tag', run: () => void turns.map((turn) => jieba.tag(turn, true))},
    {name: 'summarize', run: () => once()}
  ],
  9
)
const [bare, ours] = samples.map((sample) => median(sample.times)) as [number, number]
console.log('summarize vs bare jieba tag over the same turns\n')
console.log(`turns ${turns.length}, chapters ${warm.data.chapters?.length}, quotes ${warm.data.quotes?.length}`)
console.log(`first episode of a run: bare jieba (load + tag) ${bareCold.toFixed(0)} ms   summarize ${oursCold.toFixed(0)} ms   ratio ${(oursCold / bareCold).toFixed(2)}`)
console.log(`later episodes (median of 9 interleaved rounds): bare jieba tag ${bare.toFixed(0)} ms   summarize ${ours.toFixed(0)} ms   ratio ${(ours / bare).toFixed(2)}`)
