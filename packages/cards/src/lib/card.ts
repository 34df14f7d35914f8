import sharp, {type OverlayOptions} from 'sharp'
import {confineFonts, type Face, face} from './fonts.js'
import {emWidth, fitText, lineHeight, missingGlyphs} from './layout.js'

export interface CardSize {
  name: 'square' | 'landscape' | 'story'
  width: number
  height: number
}

/** Instagram square, link-preview landscape, full-screen story. */
export const cardSizes: readonly CardSize[] = [
  {name: 'square', width: 1080, height: 1080},
  {name: 'landscape', width: 1200, height: 675},
  {name: 'story', width: 1080, height: 1920}
]

export interface CardStyle {
  /** Brand colour, `#rrggbb`. */
  background: string
  /** The show's name and the episode's title, for the attribution. */
  show: string
  episode: string
  language: 'zh' | 'en' | 'mixed'
  /** A logo image (any format sharp reads), drawn in the top corner. */
  logo?: Buffer | undefined
}

export interface CardQuote {
  text: string
  speaker: string
}

/** Why a quote cannot become a card. */
export class CardError extends Error {
  constructor(
    message: string,
    readonly ruleId: 'empty-quote' | 'missing-glyph' | 'quote-too-long' | 'bad-logo' | 'bad-colour'
  ) {
    super(message)
  }
}

/** Checks logo bytes once, before any card: a PNG of them, or a CardError. */
export async function readLogo(bytes: Buffer): Promise<Buffer> {
  try {
    return await sharp(bytes).png().toBuffer()
  } catch (error) {
    throw new CardError(`The logo is not an image sharp can read: ${(error as Error).message}`, 'bad-logo')
  }
}

/** Pango markup text: every `&`, `<` and `>` escaped. */
export function escapeMarkup(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;')
}

function rgb(colour: string): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour)
  if (!match) throw new CardError(`Brand colour \`${colour}\` is not of the form #rrggbb`, 'bad-colour')
  return [Number.parseInt(match[1]!, 16), Number.parseInt(match[2]!, 16), Number.parseInt(match[3]!, 16)]
}

/** White on dark colours, near-black on light ones (WCAG relative luminance). */
function inkFor(background: string): string {
  const [r, g, b] = rgb(background).map((v) => {
    const c = v / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.4 ? '#141414' : '#ffffff'
}

/** One block of text set by Pango in one of our faces, line breaks already decided. */
async function setText(lines: string[], font: Face, px: number, ink: string, alpha = 100) {
  // CJK fonts set quotation marks full-width, half of it blank: `halt` takes the blank away.
  // So does full-width punctuation right before a closing mark (`。”`).
  const body = escapeMarkup(lines.join('\n'))
    .replace(/[。，、；：！？](?=[”’])/g, (mark) => `<span font_features="halt">${mark}</span>`)
    .replace(/[“”‘’]/g, (mark) => `<span font_features="halt">${mark}</span>`)
  const markup = `<span foreground="${ink}" alpha="${alpha}%">${body}</span>`
  const {data, info} = await sharp({text: {text: markup, font: `${font.name} ${px}`, fontfile: font.file, dpi: 72, rgba: true, align: 'left'}})
    .png()
    .toBuffer({resolveWithObject: true})
  return {data, width: info.width, height: info.height}
}

/** Shortens a line with an ellipsis until it fits `width` ems. */
function fitLine(text: string, width: number, font: Face): string {
  if (emWidth(text, font) <= width) return text
  const chars = [...text]
  while (chars.length > 1 && emWidth(`${chars.join('').trimEnd()}…`, font) > width) chars.pop()
  return `${chars.join('').trimEnd()}…`
}

/**
 * A quote card: the quote set as large as fits the safe area, the speaker,
 * the show and episode below it, the logo above, on the brand colour.
 * The same quote and style always give the same bytes.
 */
export async function renderCard(quote: CardQuote, size: CardSize, style: CardStyle): Promise<Buffer> {
  confineFonts()
  const text = quote.text.trim()
  if (!text) throw new CardError('The quote is empty', 'empty-quote')
  const ink = inkFor(style.background)
  const quoteFace = face('quote')
  const speakerFace = face('speaker')
  const detailFace = face('detail')
  const missing = [...new Set([...missingGlyphs(text, quoteFace), ...missingGlyphs(quote.speaker + style.show + style.episode, detailFace)])]
  if (missing.length) throw new CardError(`The card font has no glyph for ${missing.map((c) => `\`${c}\` (U+${c.codePointAt(0)!.toString(16).toUpperCase()})`).join(', ')}`, 'missing-glyph')

  const short = Math.min(size.width, size.height)
  const margin = Math.round(short * 0.1)
  const inner = {width: size.width - 2 * margin, height: size.height - 2 * margin}
  const gap = Math.round(short * 0.05)
  const layers: OverlayOptions[] = []
  let top = margin

  if (style.logo) {
    const logoHeight = Math.round(short * 0.09)
    let logo: Buffer
    try {
      logo = await sharp(style.logo).resize({height: logoHeight, width: Math.round(inner.width / 2), fit: 'inside'}).png().toBuffer()
    } catch (error) {
      throw new CardError(`The logo is not an image sharp can read: ${(error as Error).message}`, 'bad-logo')
    }
    layers.push({input: logo, top: margin, left: margin})
    top += logoHeight + gap
  }

  // Attribution at the bottom: the speaker, then show and episode.
  const speakerPx = Math.round(short * 0.04)
  const detailPx = Math.round(speakerPx * 0.72)
  const dash = style.language === 'zh' ? '——' : '— '
  const speakerLine = fitLine(`${dash}${quote.speaker}`, inner.width / speakerPx, speakerFace)
  const detailLine = fitLine(`${style.show} | ${style.episode}`, inner.width / detailPx, detailFace)
  const speaker = await setText([speakerLine], speakerFace, speakerPx, ink)
  const detail = await setText([detailLine], detailFace, detailPx, ink, 75)
  const attributionTop = size.height - margin - Math.ceil(lineHeight(detailFace) * detailPx) - Math.ceil(lineHeight(speakerFace) * speakerPx)
  layers.push({input: speaker.data, top: attributionTop, left: margin})
  layers.push({input: detail.data, top: attributionTop + Math.ceil(lineHeight(speakerFace) * speakerPx), left: margin})
  // A short rule between quote and attribution.
  const rule = Math.max(4, Math.round(short * 0.006))
  layers.push({
    input: {create: {width: Math.round(short * 0.08), height: rule, channels: 4, background: ink === '#ffffff' ? {r: 255, g: 255, b: 255, alpha: 0.6} : {r: 20, g: 20, b: 20, alpha: 0.6}}},
    top: attributionTop - Math.round(gap * 0.6),
    left: margin
  })

  // The quote: as large as fits between the top and the rule.
  const box = {width: inner.width, height: attributionTop - Math.round(gap * 0.6) - gap - top}
  const marked = `“${text}”`
  // A story card is tall: its quote may be set larger than on the others.
  const maxPx = Math.round(short * (size.height > size.width ? 0.1 : 0.085))
  const fit = fitText(marked, box, quoteFace, {minPx: Math.round(short * 0.03), maxPx})
  if (!fit) throw new CardError(`The quote is too long for a ${size.name} card (${[...text].length} characters)`, 'quote-too-long')
  let set = await setText(fit.lines, quoteFace, fit.px, ink)
  // Metrics err wide, so this holds; if Pango ever disagrees, shrink rather than clip.
  for (let px = fit.px; (set.width > box.width || set.height > box.height) && px > 8; ) {
    px = Math.floor(px * 0.95)
    const again = fitText(marked, box, quoteFace, {minPx: Math.min(px, 8), maxPx: px})
    if (!again) break
    set = await setText(again.lines, quoteFace, again.px, ink)
  }
  layers.push({input: set.data, top: top + Math.max(0, Math.round((box.height - set.height) / 2)), left: margin})

  const [r, g, b] = rgb(style.background)
  return sharp({create: {width: size.width, height: size.height, channels: 3, background: {r, g, b}}})
    .composite(layers)
    .png({compressionLevel: 9, adaptiveFiltering: false})
    .toBuffer()
}
