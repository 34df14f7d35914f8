import {remarkSpeakers} from '@castline/parse'
import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import remarkParse from 'remark-parse'
import {unified} from 'unified'

const parser = unified().use(remarkParse).use(remarkSpeakers)
const stamp = (s: number) => new Date(Math.round(s * 1000)).toISOString().slice(11, 23).replace('.', ',')

/** A transcript's words on a clock: the SRT a transcription tool would write, and when each letter or digit is said. */
export interface SyntheticClock {
  srt: string
  /** Every letter and digit said, lower-cased, in order. */
  said: string
  /** When each of them is said, in seconds. */
  saidAt: number[]
}

/**
 * A clock for a real transcript that has none: 15 characters a second, a
 * pause after a sentence and between speakers, written as SRT cues of up to
 * 84 characters cut without regard to sentences, as Whisper's are.
 */
export function syntheticClock(markdown: string): SyntheticClock {
  const tree = parser.runSync(parser.parse(markdown)) as Root
  let clock = 1
  let said = ''
  const saidAt: number[] = []
  const cues: string[] = []
  for (const section of tree.children) {
    if (section.type !== 'section') continue
    for (const turn of section.children) {
      if (turn.type !== 'speakerTurn') continue
      const text = turn.children.map((child) => toString(child)).join(' ').replace(/\s+/g, ' ').trim()
      for (const piece of text.match(/.{1,84}(?:\s|$)/gsu) ?? []) {
        const start = clock
        for (const char of piece) {
          if (/[\p{L}\p{N}]/u.test(char)) {
            said += char.toLowerCase()
            saidAt.push(clock)
          }
          clock += /[.?!]/.test(char) ? 0.4 : 1 / 15
        }
        cues.push(`${cues.length + 1}\n${stamp(start)} --> ${stamp(clock)}\n${piece.trim()}`)
      }
      clock += 0.7
    }
  }
  return {srt: `${cues.join('\n\n')}\n`, said, saidAt}
}

/**
 * How far each cue starts from when its first words are said: cues matched
 * to the clock by their first eight letters, in order (a cue too short to
 * match is skipped). Seconds, one per matched cue.
 */
export function startErrors(cues: Array<{start: number; text: string}>, clock: SyntheticClock): number[] {
  const letters = (text: string) => (text.toLowerCase().match(/[\p{L}\p{N}]/gu) ?? []).join('')
  const errors: number[] = []
  let cursor = 0
  for (const cue of cues) {
    const own = letters(cue.text.replace(/^<v [^>]*>/, ''))
    const at = clock.said.indexOf(own.slice(0, 8), cursor)
    if (own.length >= 8 && at >= 0 && at - cursor < 400) {
      errors.push(Math.abs(cue.start - clock.saidAt[at]!))
      cursor = at + own.length
    }
  }
  return errors
}
