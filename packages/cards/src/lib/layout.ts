import type {Face} from './fonts.js'

// Chinese line breaking (禁则): these never start a line…
const noBreakBefore = new Set([...'，。！？、；：）」』”’》】〉〕｝…‥·・—～%‰℃,.!?;:)]}>\'"'])
// …and these never end one.
const noBreakAfter = new Set([...'（「『“‘《【〈〔｛([{<'])

const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303F\uFF00-\uFFEF“”‘’…—]/u

/** The pieces a line may break between: one CJK character, a Latin word, or a space. */
export function atoms(text: string): string[] {
  const result: string[] = []
  let word = ''
  for (const char of text) {
    if (/\s/.test(char)) {
      if (word) result.push(word)
      word = ''
      result.push(' ')
    } else if (cjk.test(char)) {
      if (word) result.push(word)
      word = ''
      result.push(char)
    } else {
      word += char
    }
  }
  if (word) result.push(word)
  return result
}

function canBreakBetween(before: string, after: string): boolean {
  if (after === ' ' || before === ' ') return true
  return !noBreakBefore.has([...after][0]!) && !noBreakAfter.has([...before].at(-1)!)
}

const halfWidth = /[“”‘’]/u
const halfBeforeClosing = /[。，、；：！？]/u

/**
 * Width of a piece of text in ems of a face, as the card sets it: quotation
 * marks, and full-width punctuation before a closing mark, at half width (the
 * `halt` feature); kerning ignored, so this errs wide, never narrow.
 */
export function emWidth(text: string, font: Face, next = ''): number {
  const chars = [...text]
  let units = 0
  chars.forEach((char, index) => {
    const advance = font.metrics.glyphForCodePoint(char.codePointAt(0)!).advanceWidth
    const following = chars[index + 1] ?? next[0] ?? ''
    const half = halfWidth.test(char) || (halfBeforeClosing.test(char) && /[”’]/u.test(following))
    units += half ? Math.min(advance, font.metrics.unitsPerEm / 2) : advance
  })
  return units / font.metrics.unitsPerEm
}

/** Characters of `text` that the face has no glyph for. */
export function missingGlyphs(text: string, font: Face): string[] {
  const missing = new Set<string>()
  for (const char of text) {
    const code = char.codePointAt(0)!
    // Line breaks and default-ignorable format characters are not drawn.
    if (code === 0x0a || /\p{Default_Ignorable_Code_Point}/u.test(char)) continue
    if (!font.metrics.hasGlyphForCodePoint(code)) missing.add(char)
  }
  return [...missing]
}

/**
 * Greedy line filling at `width` ems, breaking only where the rules allow:
 * between CJK characters, at spaces, never before closing or after opening
 * punctuation; a word longer than a line is broken where it must be.
 */
export function breakLines(text: string, width: number, font: Face): string[] {
  const pieces = atoms(text)
  const lines: string[][] = []
  let line: string[] = []
  let lineWidth = 0
  for (const [index, piece] of pieces.entries()) {
    const pieceWidth = emWidth(piece, font, pieces[index + 1])
    if (piece === ' ' && line.length === 0) continue
    if (lineWidth + pieceWidth <= width || line.length === 0) {
      line.push(piece)
      lineWidth += pieceWidth
      continue
    }
    if (piece === ' ') {
      lines.push(line)
      line = []
      lineWidth = 0
      continue
    }
    // Move back to the last place a break is allowed.
    let cut = line.length
    while (cut > 0 && !canBreakBetween(line[cut - 1]!, cut < line.length ? line[cut]! : piece)) cut--
    if (cut === 0) {
      // Nowhere to break within the rules: the piece stays on this line, and
      // fitText takes a smaller size if the line is then too wide.
      line.push(piece)
      lineWidth += pieceWidth
      continue
    }
    const carried = line.slice(cut)
    lines.push(line.slice(0, cut))
    line = [...carried, piece]
    lineWidth = emWidth(line.join(''), font, pieces[index + 1])
  }
  if (line.length) lines.push(line)
  return lines.map((pieces) => pieces.join('').trim()).filter(Boolean)
}

/**
 * The same number of lines, as even as they can be (CSS's `text-wrap:
 * balance`): the narrowest width that still gives that many, so no last
 * line holds one word ("people.”") under full ones.
 */
export function balanced(text: string, width: number, lines: string[], font: Face): string[] {
  if (lines.length < 2) return lines
  let low = width / 2
  let high = width
  let best = lines
  for (let step = 0; step < 12 && high - low > 0.05; step++) {
    const mid = (low + high) / 2
    const tried = breakLines(text, mid, font)
    if (tried.length === lines.length && Math.max(...tried.map((line) => emWidth(line, font))) <= width) {
      best = tried
      high = mid
    } else low = mid
  }
  // Still one word alone at the end (a narrow card, long words): it takes the word before it along.
  const last = best.at(-1)!
  const before = best.at(-2)!
  if (!/\s/.test(last) && !/\p{Script=Han}/u.test(last) && before.includes(' ')) {
    const cut = before.lastIndexOf(' ')
    const moved = `${before.slice(cut + 1)} ${last}`
    if (before.slice(0, cut).includes(' ') && emWidth(moved, font) <= width) return [...best.slice(0, -2), before.slice(0, cut), moved]
  }
  return best
}

/** The line height Pango uses for a face, in ems. */
export function lineHeight(font: Face): number {
  const {ascent, descent, lineGap, unitsPerEm} = font.metrics
  return (ascent - descent + lineGap) / unitsPerEm
}

export interface Fit {
  px: number
  lines: string[]
}

/**
 * The largest font size, up to `maxPx`, at which the text fills a box of
 * `width` × `height` pixels without overflowing; undefined when even
 * `minPx` would not fit.
 */
export function fitText(text: string, box: {width: number; height: number}, font: Face, limits: {minPx: number; maxPx: number}): Fit | undefined {
  const ratio = lineHeight(font)
  for (let px = limits.maxPx; px >= limits.minPx; px = Math.floor(px * 0.96)) {
    const lines = breakLines(text, box.width / px, font)
    const widest = Math.max(...lines.map((line) => emWidth(line, font)))
    if (lines.length * ratio * px <= box.height && widest * px <= box.width) return {px, lines: balanced(text, box.width / px, lines, font)}
    if (px === limits.minPx) break
    if (Math.floor(px * 0.96) < limits.minPx) px = Math.ceil(limits.minPx / 0.96)
  }
  return undefined
}
