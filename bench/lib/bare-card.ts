import {type CardStyle, cardFont, type cardSizes, escapeMarkup, layoutCard} from '@castline/cards'
import sharp from 'sharp'

const font = cardFont('quote')

/**
 * A quote card the plain way, by bare sharp: the same text image ours sets
 * (our lines at our size, in our font) composited on a `create` background of
 * the same size, encoded the same way.
 */
export async function bareCard(quote: {text: string; speaker: string}, size: (typeof cardSizes)[number], style: CardStyle): Promise<Buffer> {
  const layout = layoutCard(quote, size, style)
  const text = await sharp({
    text: {text: `<span foreground="#ffffff">${escapeMarkup(layout.quote.lines.join('\n'))}</span>`, font: `${font.name} ${layout.quote.px}`, fontfile: font.file, dpi: 72, rgba: true}
  })
    .png()
    .toBuffer()
  return sharp({create: {width: size.width, height: size.height, channels: 3, background: '#1d3557'}})
    .composite([{input: text, top: layout.quote.top, left: layout.margin}])
    .png({compressionLevel: 6, adaptiveFiltering: false})
    .toBuffer()
}
