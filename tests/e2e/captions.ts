import {expect} from 'vitest'
import {parse as strictParse} from 'node-webvtt'
import {WebVTTParser} from 'webvtt-parser'

// The caption rules Castline follows (Netflix's Timed Text Style Guides for
// English and Simplified Chinese), checked on what players read: the VTT.

const han = /\p{Script=Han}/u
const minSeconds = 5 / 6
const maxSeconds = 7
const gap = 2 / 24

const fullWidth = /[\p{Script=Han}\u3000-\u303F\uFF00-\uFFEF“”‘’…—]/u
/** A line's width: in a Chinese line, a Latin letter or a digit is half a character. */
const width = (line: string) => (han.test(line) ? [...line].reduce((sum, char) => sum + (fullWidth.test(char) ? 1 : 0.5), 0) : line.length)

/** A cue's text as a viewer reads it: WebVTT's character references decoded. */
const decoded = (text: string) =>
  text.replace(/&(amp|lt|gt|nbsp|lrm|rlm);/g, (_, name: string) => ({amp: '&', lt: '<', gt: '>', nbsp: '\u00A0', lrm: '\u200E', rlm: '\u200F'})[name]!)

export interface CaptionCheck {
  /** The turns' texts: every word of them is in the captions once, in order. */
  texts?: string[]
  /** Names never split over two lines. */
  names?: string[]
}

/** Tokens as words and Han characters: what must be kept, once each. */
export const words = (text: string) => (text.toLowerCase().match(/\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu) ?? []).join(' ')

/**
 * Reads a WebVTT file with two parsers: webvtt-parser (the W3C reference
 * parser's rules) and node-webvtt in strict mode (what HLS packagers use), with no errors
 * and the same cues, and holds each cue to
 * the rules: a voice, at most two lines of 42 characters (16 with Han), lines
 * balanced, 5/6 s to 7 s, two frames from the next and never over it, no cue
 * of punctuation alone, no space between Han characters, no name broken over
 * lines; and, given the turns' texts, the words kept, none repeated or lost.
 */
export function checkCaptions(vtt: string, check: CaptionCheck = {}) {
  const parsed = new WebVTTParser().parse(vtt, 'metadata')
  expect(parsed.errors).toEqual([])
  expect(parsed.cues.length).toBeGreaterThan(0)
  const strict = strictParse(vtt, {meta: true, strict: true})
  expect(strict.errors).toEqual([])
  const ms = (seconds: number) => Math.round(seconds * 1000)
  expect(strict.cues.map((cue) => [ms(cue.start), ms(cue.end), cue.text])).toEqual(parsed.cues.map((cue) => [ms(cue.startTime), ms(cue.endTime), cue.text]))
  const said: string[] = []
  parsed.cues.forEach((cue, index) => {
    const where = `cue ${index + 1} at ${cue.startTime}: ${JSON.stringify(cue.text)}`
    const duration = cue.endTime - cue.startTime
    expect(duration, where).toBeGreaterThanOrEqual(minSeconds - 0.001)
    expect(duration, where).toBeLessThanOrEqual(maxSeconds + 0.001)
    const next = parsed.cues[index + 1]
    if (next) expect(next.startTime - cue.endTime, where).toBeGreaterThanOrEqual(gap - 0.001)
    const voice = cue.tree.children[0] as {name?: string}
    expect(voice.name, where).toBe('v')
    const lines = decoded(cue.text.replace(/^<v [^>]*>/, '')).split('\n')
    expect(lines.length, where).toBeLessThanOrEqual(2)
    const joined = lines.join('')
    expect(joined, where).toMatch(/[\p{L}\p{N}]/u)
    for (const line of lines) {
      expect(width(line), where).toBeLessThanOrEqual(han.test(line) ? 16 : 42)
      expect(line, where).not.toMatch(/\p{Script=Han} +(?=\p{Script=Han})/u)
      expect(line, where).toBe(line.trim())
    }
    if (lines.length === 2) {
      // Balanced as far as the words and clauses allow: the shorter line at least a quarter of the longer.
      const [a, b] = lines.map(width) as [number, number]
      expect(Math.min(a, b), where).toBeGreaterThanOrEqual(Math.max(a, b) / 4)
      for (const name of check.names ?? []) {
        const flat = han.test(joined) ? joined : lines.join(' ')
        for (let at = flat.indexOf(name); at >= 0; at = flat.indexOf(name, at + 1)) {
          expect(at + name.length <= lines[0]!.length || at >= lines[0]!.length, `${where}: ${name} split`).toBe(true)
        }
      }
    }
    said.push(lines.join(' '))
  })
  if (check.texts) {
    // Where the captions and the turns first differ, with a little of what comes before: a whole-text diff would drown it.
    const shown = words(said.join(' ')).split(' ')
    const spoken = words(check.texts.join(' ')).split(' ')
    let at = 0
    while (at < Math.max(shown.length, spoken.length) && shown[at] === spoken[at]) at++
    const around = (list: string[]) => list.slice(Math.max(0, at - 8), at + 8).join(' ')
    expect(around(shown), `captions and turns differ at word ${at}`).toBe(around(spoken))
  }
  return parsed.cues
}
