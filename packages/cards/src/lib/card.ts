import sharp, {type OverlayOptions, type Sharp} from 'sharp'
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
  /** Where to find the show, short: `diamandis.com/podcast`, the attribution's last line. */
  address?: string | undefined
}

export interface CardQuote {
  text: string
  speaker: string
}

// A card never repeats an operation, so libvips' operation cache only holds memory.
sharp.cache(false)

/** Why a quote cannot become a card. */
export class CardError extends Error {
  constructor(
    message: string,
    readonly ruleId: 'empty-quote' | 'missing-glyph' | 'quote-too-long' | 'bad-logo' | 'bad-colour' | 'bad-artwork'
  ) {
    super(message)
  }
}

/** Checks logo bytes once, before any card: a PNG of them, or a CardError. */
export function readLogo(bytes: Buffer): Promise<Buffer> {
  return logoImage(bytes, (image) => image)
}

async function logoImage(bytes: Buffer, shape: (image: Sharp) => Sharp): Promise<Buffer> {
  try {
    return await shape(sharp(bytes)).png().toBuffer()
  } catch (error) {
    throw new CardError(`The logo is not an image sharp can read: ${(error as Error).message}`, 'bad-logo')
  }
}

// Every card of a size shows the logo at the same size: resize it once.
const logos = new WeakMap<Buffer, Map<string, Promise<Buffer>>>()

function sizedLogo(bytes: Buffer, box: {height: number; width: number}): Promise<Buffer> {
  let sizes = logos.get(bytes)
  if (!sizes) {
    sizes = new Map()
    logos.set(bytes, sizes)
  }
  const key = `${box.width}x${box.height}`
  let logo = sizes.get(key)
  if (!logo) {
    logo = logoImage(bytes, (image) => image.resize({height: box.height, width: box.width, fit: 'inside'}))
    sizes.set(key, logo)
  }
  return logo
}

/** A quote in quotation marks; quotation marks inside it become single ones, as both languages nest them. */
export function quoted(text: string): string {
  return `“${typographic(text).replaceAll('“', '‘').replaceAll('”', '’')}”`
}

/**
 * Typewriter marks as a typesetter sets them, in both languages: an
 * apostrophe inside or at the end of a word is ’ (don’t, the ’90s, Wes’), a
 * single quotation mark opens after a space, an opening bracket or the
 * start, and straight double marks open and close in turn.
 */
export function typographic(text: string): string {
  const opens = (before: string) => before === '' || /[\s([{“‘「『（—–-]/u.test(before)
  let out = ''
  let open = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    const before = text[i - 1] ?? ''
    const after = text[i + 1] ?? ''
    if (char === "'") {
      // An apostrophe in a word, or before a year's digits; else a single quotation mark.
      if (/[\p{L}\p{N}]/u.test(before) || (/\d/.test(after) && opens(before) && /^\d\d(?:s|\b)/u.test(text.slice(i + 1)))) out += '’'
      else out += opens(before) ? '‘' : '’'
    } else if (char === '"') {
      // Quotes' straight double marks come in pairs (a Chinese one opens after a Han character): they alternate.
      out += open ? '”' : '“'
      open = !open
    }
    else out += char
  }
  return out
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

/**
 * Quotation marks, and full-width punctuation right before a closing one, at
 * half width (`halt`); a mark beside a Latin letter or digit (an apostrophe,
 * an English quotation) at its proportional width (`pwid`): the CJK face's
 * marks are full-width, which would leave a gap in "It’s".
 */
function halt(markup: string): string {
  return markup
    .replace(/[。，、；：！？](?=[”’])/g, (mark) => `<span font_features="halt">${mark}</span>`)
    .replace(/(?<=([\p{Script=Latin}\d.,!?;:]?))[“”‘’](?=([\p{Script=Latin}\d]?))/gu, (mark, before: string, after: string) => `<span font_features="${before || after ? 'pwid' : 'halt'}">${mark}</span>`)
}

async function setMarkup(markup: string, font: Face, ink: string) {
  // Raw pixels: the composite reads them as they are, with no PNG in between.
  const {data, info} = await sharp({text: {text: `<span foreground="${ink}">${markup}</span>`, font: font.name, fontfile: font.file, dpi: 72, rgba: true, align: 'left'}})
    .raw()
    .toBuffer({resolveWithObject: true})
  return {data, width: info.width, height: info.height, raw: {width: info.width, height: info.height, channels: info.channels}}
}

/** One block of text set by Pango in one of our faces, line breaks already decided. */
function setText(lines: string[], font: Face, px: number, ink: string) {
  // CJK fonts set quotation marks full-width, half of it blank: `halt` takes the blank away.
  return setMarkup(`<span font_desc="${font.name} ${px}">${halt(escapeMarkup(lines.join('\n')))}</span>`, font, ink)
}

/**
 * Shortens a line with an ellipsis until it fits `width` ems. One pass over the
 * characters: a long title costs its length, not its length squared.
 */
export function fitLine(text: string, width: number, font: Face): string {
  if (emWidth(text, font) <= width) return text
  const room = width - emWidth('…', font)
  const chars = [...text]
  let used = 0
  let end = 0
  while (end < chars.length) {
    const advance = emWidth(chars[end]!, font, chars[end + 1] ?? '…')
    if (used + advance > room) break
    used += advance
    end++
  }
  let head = chars.slice(0, Math.max(1, end)).join('')
  // A word is not cut: back to the last space, unless that loses most of the line (Chinese has no spaces to cut at).
  const space = head.lastIndexOf(' ')
  if (chars[end] !== ' ' && space > head.length / 2 && !/\p{Script=Han}/u.test(head.slice(space))) head = head.slice(0, space)
  return `${head.replace(/[\s,;:，、；：·|–—-]+$/u, '')}…`
}

/**
 * The show and the episode's title on one line, the title shortened to fit;
 * when too little of it would be left to say anything (埃隆·马斯…, "Elon
 * Musk on…"), the show alone: a title cut inside its first words reads as a
 * mistake.
 */
function detailLine(show: string, episode: string, width: number, font: Face): string {
  const parts = [show.trim(), episode.trim()].filter(Boolean)
  const line = fitLine(parts.join(' | '), width, font)
  if (parts.length < 2 || !line.endsWith('…')) return line
  const prefix = `${parts[0]} | `
  const kept = line.startsWith(prefix) ? line.slice(prefix.length, -1) : ''
  const enough = /\p{Script=Han}/u.test(kept) ? [...kept.replace(/[\s\p{P}]/gu, '')].length >= 8 : kept.split(/\s+/u).filter(Boolean).length >= 4
  return enough ? line : fitLine(parts[0]!, width, font)
}

/** Where everything on a card goes: computed from metrics alone, no rendering. */
export interface CardLayout {
  size: CardSize
  ink: string
  margin: number
  /** The quote's box, its lines and their size. */
  quote: {top: number; width: number; height: number; px: number; lines: string[]}
  attribution: {speaker: string; speakerPx: number; detail: string; detailPx: number; address?: string | undefined}
  logo?: {top: number; left: number; height: number; width: number} | undefined
  rule: {top: number; width: number; height: number}
}

/**
 * Lays a card out: margins a tenth of the short side, the logo in the top
 * corner, the attribution at the bottom, and the quote as large as fits
 * between them. Throws a CardError for what cannot make a card.
 */
export function layoutCard(quote: CardQuote, size: CardSize, style: CardStyle): CardLayout {
  const text = quote.text.trim()
  if (!text) throw new CardError('The quote is empty', 'empty-quote')
  const ink = inkFor(style.background)
  const quoteFace = face('quote')
  const speakerFace = face('speaker')
  const detailFace = face('detail')
  const missing = [...new Set([...missingGlyphs(text, quoteFace), ...missingGlyphs(quote.speaker + style.show + style.episode + (style.address ?? ''), detailFace)])]
  if (missing.length) throw new CardError(`The card font has no glyph for ${missing.map((c) => `\`${c}\` (U+${c.codePointAt(0)!.toString(16).toUpperCase()})`).join(', ')}`, 'missing-glyph')

  const short = Math.min(size.width, size.height)
  const margin = Math.round(short * 0.1)
  const width = size.width - 2 * margin
  const gap = Math.round(short * 0.05)
  let top = margin
  let logo: CardLayout['logo']
  if (style.logo) {
    logo = {top: margin, left: margin, height: Math.round(short * 0.09), width: Math.round(width / 2)}
    top += logo.height + gap
  }
  // The attribution stays legible at a phone's width (a square card is shown at about 360 px: 13 px type).
  const speakerPx = Math.round(short * 0.045)
  const detailPx = Math.round(speakerPx * 0.8)
  // The rule above the name marks the attribution: no dash besides.
  const speaker = fitLine(quote.speaker, width / speakerPx, speakerFace)
  const detail = detailLine(style.show, style.episode, width / detailPx, detailFace)
  const address = style.address?.trim() ? fitLine(style.address.trim(), width / detailPx, detailFace) : undefined
  const attributionTop = size.height - margin - (address ? 2 : 1) * Math.ceil(lineHeight(detailFace) * detailPx) - Math.ceil(lineHeight(speakerFace) * speakerPx)
  const ruleTop = attributionTop - Math.round(gap * 0.6)
  const rule = {top: ruleTop, width: Math.round(short * 0.08), height: Math.max(4, Math.round(short * 0.006))}
  const box = {width, height: ruleTop - gap - top}
  // A story card is tall: its quote may be set larger than on the others.
  const maxPx = Math.round(short * (size.height > size.width ? 0.1 : 0.085))
  const fit = fitText(quoted(text), box, quoteFace, {minPx: Math.round(short * 0.03), maxPx})
  if (!fit) throw new CardError(`The quote is too long for a ${size.name} card (${[...text].length} characters)`, 'quote-too-long')
  return {
    size,
    ink,
    margin,
    quote: {top, width: box.width, height: box.height, px: fit.px, lines: fit.lines},
    attribution: {speaker, speakerPx, detail, detailPx, ...(address ? {address} : {})},
    logo,
    rule
  }
}

/**
 * A quote card: the quote set as large as fits the safe area, the speaker,
 * the show and episode below it, the logo above, on the brand colour.
 * Two Pango renders (the quote; the attribution's two faces in one), one
 * composite, one PNG. The same quote and style always give the same bytes.
 */
export async function renderCard(quote: CardQuote, size: CardSize, style: CardStyle): Promise<Buffer> {
  confineFonts()
  const layout = layoutCard(quote, size, style)
  const {ink, margin} = layout
  const layers: OverlayOptions[] = []
  if (style.logo && layout.logo) {
    layers.push({input: await sizedLogo(style.logo, layout.logo), top: layout.logo.top, left: layout.logo.left})
  }

  const {speaker, speakerPx, detail, detailPx, address} = layout.attribution
  const detailLine = (text: string) => `<span font_desc="${face('detail').name} ${detailPx}" alpha="75%">${halt(escapeMarkup(text))}</span>`
  const attribution = await setMarkup(
    `<span font_desc="${face('speaker').name} ${speakerPx}">${halt(escapeMarkup(speaker))}</span>\n${detailLine(detail)}${address ? `\n${detailLine(address)}` : ''}`,
    face('speaker'),
    ink
  )
  layers.push({input: attribution.data, raw: attribution.raw, top: layout.size.height - margin - attribution.height, left: margin})
  layers.push({
    input: {create: {width: layout.rule.width, height: layout.rule.height, channels: 4, background: ink === '#ffffff' ? {r: 255, g: 255, b: 255, alpha: 0.6} : {r: 20, g: 20, b: 20, alpha: 0.6}}},
    top: layout.rule.top,
    left: margin
  })

  const marked = quoted(quote.text.trim())
  const quoteFace = face('quote')
  let set = await setText(layout.quote.lines, quoteFace, layout.quote.px, ink)
  // Metrics err wide, so this holds; if Pango ever disagrees, shrink rather than clip.
  for (let px = layout.quote.px; (set.width > layout.quote.width || set.height > layout.quote.height) && px > 8; ) {
    px = Math.floor(px * 0.95)
    const again = fitText(marked, layout.quote, quoteFace, {minPx: Math.min(px, 8), maxPx: px})
    if (!again) break
    set = await setText(again.lines, quoteFace, again.px, ink)
  }
  layers.push({input: set.data, raw: set.raw, top: layout.quote.top + Math.max(0, Math.round((layout.quote.height - set.height) / 2)), left: margin})

  // The background as raw pixels filled here: libvips' `create` costs more
  // than the composite itself. The alpha the overlays bring is dropped, as
  // every pixel is opaque: an RGB PNG is smaller and quicker to encode.
  const background = Buffer.alloc(size.width * size.height * 3, Buffer.from(rgb(style.background)))
  // zlib level 6: a sixth of level 9's time for files a quarter larger; cards dominate a publish.
  return sharp(background, {raw: {width: size.width, height: size.height, channels: 3}})
    .composite(layers)
    .removeAlpha()
    .png({compressionLevel: 6, adaptiveFiltering: false})
    .toBuffer()
}
