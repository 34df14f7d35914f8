import {splitSentences} from '@castline/parse'
import type {EpisodeData} from './types.js'
import {timedTurns} from './transcripts.js'

/** A caption: what a player shows at once. */
export interface Caption {
  start: number
  end: number
  speaker: string
  /** One or two lines, joined by a line break. */
  text: string
}

/** Caption limits: characters a line (Latin, CJK), lines a cue, seconds a cue. */
export const captionLimits = {latin: 42, cjk: 17, lines: 2, seconds: 7} as const

const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u

/**
 * The transcript as captions a player can show: each turn cut at sentence,
 * then clause, then word boundaries into cues of at most two lines of 42
 * characters (17 in Chinese) and at most 7 seconds. Times within a turn are
 * spread over its characters, between its start and the next turn's.
 */
export function captions(episode: EpisodeData): Caption[] {
  const result: Caption[] = []
  for (const turn of timedTurns(episode)) {
    const text = turn.text.replace(/\s*\n+\s*/g, ' ').trim()
    if (!text) continue
    const wide = cjk.test(text)
    const perLine = wide ? captionLimits.cjk : captionLimits.latin
    const pieces = splitSentences(text).flatMap((sentence) => fit(sentence.text.trim(), perLine * captionLimits.lines, wide))
    const total = pieces.reduce((sum, piece) => sum + piece.length, 0) || 1
    const length = Math.max(0, turn.end - turn.start.seconds)
    let at = 0
    for (const piece of pieces) {
      const start = turn.start.seconds + (length * at) / total
      at += piece.length
      const end = turn.start.seconds + (length * at) / total
      // A cue shown longer than seven seconds (a pause, a slow speaker) ends after seven.
      result.push({start: round(start), end: round(Math.max(start + 0.5, Math.min(end, start + captionLimits.seconds))), speaker: turn.speaker.name, text: lines(piece, perLine, wide)})
    }
  }
  return result
}

/** A sentence cut into pieces of at most `most` characters: at clauses first, then words (or characters, in CJK). */
function fit(sentence: string, most: number, wide: boolean): string[] {
  if (sentence.length <= most) return sentence ? [sentence] : []
  const clauses = sentence.split(/(?<=[,，;；:：、—–])\s*/u).filter(Boolean)
  const pieces: string[] = []
  let current = ''
  const push = () => {
    if (current) pieces.push(current.trim())
    current = ''
  }
  for (const clause of clauses) {
    if (clause.length > most) {
      push()
      const units = wide ? [...clause] : clause.split(/(?<=\s)/)
      for (const unit of units) {
        if ((current + unit).trim().length > most) push()
        current += unit
      }
      continue
    }
    const joined = current ? `${current}${wide ? '' : ' '}${clause}` : clause
    if (joined.length > most) {
      push()
      current = clause
    } else current = joined
  }
  push()
  return pieces
}

/** A piece on one line, or two balanced lines broken at a space (anywhere, in CJK). */
function lines(piece: string, perLine: number, wide: boolean): string {
  if (piece.length <= perLine) return piece
  if (wide) {
    // Balanced, never inside 《…》 or before a closing mark, best right after a comma.
    const chars = [...piece]
    let best = -1
    let bestCost = Number.POSITIVE_INFINITY
    for (let i = Math.max(1, chars.length - perLine); i <= Math.min(perLine, chars.length - 1); i++) {
      const before = chars[i - 1]!
      const after = chars[i]!
      let cost = Math.abs(i - chars.length / 2)
      if (/[《“‘（「『【(]/u.test(before) || /[》”’）」』】)，。、；：？！,.;:?!]/u.test(after)) cost += 100
      if (/[，、；：,;:]/u.test(before)) cost -= 3
      if (cost < bestCost) {
        bestCost = cost
        best = i
      }
    }
    if (best < 0) best = Math.ceil(chars.length / 2)
    return `${chars.slice(0, best).join('')}\n${chars.slice(best).join('')}`
  }
  const middle = piece.length / 2
  let best = -1
  for (let i = 0; i < piece.length; i++) {
    if (piece[i] === ' ' && i <= perLine && piece.length - i - 1 <= perLine && (best < 0 || Math.abs(i - middle) < Math.abs(best - middle))) best = i
  }
  return best < 0 ? piece : `${piece.slice(0, best)}\n${piece.slice(best + 1)}`
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000
}
