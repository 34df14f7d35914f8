// The floor a whole episode is measured against, as one process: a bare
// remark-parse of the bundled transcript, then its quotes as 30 cards (ten
// quotes at three sizes) by bare sharp, two at a time, in our fonts. This is
// what the bare dependencies cost for the work publish-episode does.
//
//   node --import tsx bench/floor.ts
import {readFileSync} from 'node:fs'
import {cardFont, cardSizes, confineFonts, escapeMarkup} from '@castline/cards'
import remarkParse from 'remark-parse'
import sharp from 'sharp'
import {unified} from 'unified'

const root = new URL('../', import.meta.url)
const markdown = readFileSync(new URL('content/episodes/moonshots-elon-musk/transcript.md', root), 'utf8')
unified().use(remarkParse).parse(markdown)

const {quotes} = JSON.parse(readFileSync(new URL('out/moonshots-elon-musk/quotes.json', root), 'utf8')) as {quotes: Array<{text: string}>}
confineFonts()
const font = cardFont('quote')
const jobs = cardSizes.flatMap((size) => quotes.slice(0, 10).map((quote) => ({size, text: quote.text})))
const one = async ({size, text}: (typeof jobs)[number]) => {
  // Lines of a fixed length: no layout of ours, only sharp and its text renderer.
  const lines = text.match(/.{1,14}/gsu) ?? [text]
  const image = await sharp({text: {text: `<span foreground="#ffffff">${escapeMarkup(lines.join('\n'))}</span>`, font: `${font.name} 48`, fontfile: font.file, dpi: 72, rgba: true}})
    .png()
    .toBuffer()
  await sharp({create: {width: size.width, height: size.height, channels: 3, background: '#1d3557'}})
    .composite([{input: image, top: 80, left: 80}])
    .png({compressionLevel: 6, adaptiveFiltering: false})
    .toBuffer()
}
for (let i = 0; i < jobs.length; i += 2) await Promise.all(jobs.slice(i, i + 2).map(one))
