// Quote cards for the bundled episode against bare sharp: one text image of
// the same size composited on the same background and encoded the same way,
// written the plain way (a `create` background, a PNG overlay), in the same
// run. Ours sets two text layers and a rule and still comes out below 1.0,
// as it fills the background itself and writes RGB, not RGBA. Then the whole batch on one core and on all of them.
import {readFileSync} from 'node:fs'
import {availableParallelism} from 'node:os'
import {type CardStyle, cardSizes, renderCard, renderCards} from '@castline/cards'
import {bareCard} from './lib/bare-card.js'
import {interleave, median} from './lib/measure.js'

const out = new URL('../out/moonshots-elon-musk/', import.meta.url)
const {quotes} = JSON.parse(readFileSync(new URL('quotes.json', out), 'utf8')) as {quotes: Array<{text: string; speaker: string}>}
const {title} = JSON.parse(readFileSync(new URL('episode.json', out), 'utf8')) as {title: string}
const style: CardStyle = {background: '#1d3557', show: 'Moonshots with Peter Diamandis', episode: title, language: 'zh'}

// Our first card confines fontconfig to our fonts; the baseline then uses the same fonts.
await renderCard(quotes[0]!, cardSizes[0]!, style)

const bare = (quote: {text: string; speaker: string}, size: (typeof cardSizes)[number]) => bareCard(quote, size, style)

console.log(`Quote cards: ${quotes.length} quotes × ${cardSizes.length} sizes\n`)
console.log('size        bare ms  ours ms  ratio')
const ratios: number[] = []
for (const size of cardSizes) {
  const samples = await interleave(
    [
      {name: 'bare', run: () => Promise.all(quotes.map((quote) => bare(quote, size)))},
      {name: 'ours', run: () => Promise.all(quotes.map((quote) => renderCard(quote, size, style)))}
    ],
    5
  )
  const [a, b] = samples.map((s) => median(s.times) / quotes.length) as [number, number]
  ratios.push(b / a)
  console.log(`${size.name.padEnd(10)} ${a.toFixed(1).padStart(8)} ${b.toFixed(1).padStart(8)} ${(b / a).toFixed(2).padStart(6)}`)
}
console.log(`worst ratio per card: ${Math.max(...ratios).toFixed(2)} (target at most 1.5)`)

const cores = availableParallelism()
const batch = await interleave(
  [
    {name: 'one at a time', run: () => renderCards(quotes, style, 1)},
    {name: `${cores} at a time`, run: () => renderCards(quotes, style, cores)}
  ],
  3
)
const [serial, parallel] = batch.map((s) => median(s.times)) as [number, number]
const before = process.cpuUsage()
const start = performance.now()
await renderCards(quotes, style, cores)
const used = process.cpuUsage(before)
const wall = performance.now() - start
console.log(`\nall ${quotes.length * cardSizes.length} cards: one at a time ${serial.toFixed(0)} ms, ${cores} at a time ${parallel.toFixed(0)} ms (${(serial / parallel).toFixed(2)}× faster)`)
console.log(`CPU time over wall time while rendering: ${((used.user + used.system) / 1000 / wall).toFixed(2)} of ${cores} cores`)
