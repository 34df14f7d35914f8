import {splitSentences} from '@castline/parse'
import {chineseWords} from '@castline/summarize'
import type {EpisodeData, TurnData} from './types.js'
import {timedTurns} from './transcripts.js'

/** A caption: what a player shows at once. */
export interface Caption {
  start: number
  end: number
  speaker: string
  /** One or two lines, joined by a line break. */
  text: string
}

/**
 * Caption limits, after Netflix's Timed Text Style Guides (English and
 * Simplified Chinese): characters a line (Latin, CJK), lines a cue, the
 * shortest and longest a cue is shown (5/6 s and 7 s), and the least gap
 * between two cues (two frames at 24 fps).
 */
export const captionLimits = {latin: 42, cjk: 16, lines: 2, minSeconds: 5 / 6, maxSeconds: 7, gap: 2 / 24} as const

const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u
const han = /[\p{Script=Han}\u3000-\u303F\uFF00-\uFFEF“”‘’…—]/u
// Clause ends: a cue or a line is best broken right after one.
const clauseEnd = /[,，;；:：、—–。.!?！？]["”’」』）)]*$/u
// Never at the start of a line (Chinese 禁则, and Latin closing punctuation)…
const noLineStart = /^[，。！？、；：）」』”’》】〉…‥·・%,.!?;:)\]}'"]/u
// …nor at its end.
const noLineEnd = /[（「『“‘《【〈([{·・]$/u


/**
 * The transcript as captions a player can show, to Netflix's style guide:
 * each turn cut at sentences, then clauses, then words into cues of at most
 * two balanced lines of 42 characters (16 in Chinese, where a Latin letter
 * or digit takes half a character's width), never inside a word
 * or a name, no cue of punctuation alone, no space between Han characters.
 * Times come from the turn's clock where a timed transcript gave one
 * (`turn.clock`, interpolated by characters only between its points), else
 * they are spread over the turn. Cues are then held between 5/6 s and 7 s,
 * two frames apart, never overlapping.
 */
export function captions(episode: EpisodeData): Caption[] {
  return cutOnce(episode).captions.map((caption) => ({...caption}))
}

/** A rule of the style guide that cues break: the first cue that breaks it, and how many do. */
export interface CaptionFault {
  rule: 'lines' | 'width' | 'short' | 'long' | 'gap' | 'punctuation' | 'han-space' | 'late'
  /** The first such cue, counted from 1, and when it is shown. */
  cue: number
  start: number
  count: number
}

/**
 * How far behind its words a cue may be shown: held to 5/6 s each, a run of
 * cues said faster than that is pushed late; past this, the captions are no
 * longer on the words (a timed file with times bunched together does it).
 */
export const lateSeconds = 3

/**
 * The episode's captions held to every rule `captions` follows, as a player
 * would meet them: what breaks one, by rule. Empty when they follow the
 * guide, and only then does the feed call them captions.
 */
export function captionFaults(episode: EpisodeData): CaptionFault[] {
  const {captions: list, said} = cutOnce(episode)
  const faults = new Map<CaptionFault['rule'], CaptionFault>()
  const fault = (rule: CaptionFault['rule'], index: number) => {
    const known = faults.get(rule)
    if (known) known.count++
    else faults.set(rule, {rule, cue: index + 1, start: list[index]!.start, count: 1})
  }
  for (const [index, cue] of list.entries()) {
    const lines = cue.text.split('\n')
    const layout = layoutFor(cjk.test(cue.text))
    if (lines.length > captionLimits.lines) fault('lines', index)
    if (lines.some((line) => layout.size(line) > layout.perLine)) fault('width', index)
    const shown = cue.end - cue.start
    if (shown < captionLimits.minSeconds - 0.001) fault('short', index)
    if (shown > captionLimits.maxSeconds + 0.001) fault('long', index)
    const next = list[index + 1]
    if (next && next.start - cue.end < captionLimits.gap - 0.001) fault('gap', index)
    if (!/[\p{L}\p{N}]/u.test(cue.text)) fault('punctuation', index)
    if (/\p{Script=Han}[ \t]+\p{Script=Han}/u.test(cue.text)) fault('han-space', index)
    if (cue.start - said[index]! > lateSeconds) fault('late', index)
  }
  return [...faults.values()]
}

// transcript.json and transcript.vtt are the same cues: cut the turns (jieba and all) once an episode.
const cutFor = new WeakMap<EpisodeData, {captions: Caption[]; said: number[]}>()

function cutOnce(episode: EpisodeData): {captions: Caption[]; said: number[]} {
  let made = cutFor.get(episode)
  if (!made) {
    made = cut(episode)
    cutFor.set(episode, made)
  }
  return made
}

/** The captions, and when each one's first word is said (before cues are held to the guide's durations). */
function cut(episode: EpisodeData): {captions: Caption[]; said: number[]} {
  const result: Caption[] = []
  // A name is never split over two lines or two cues: the episode's people and speakers, as the text writes them.
  const names = [...new Set([...episode.people.map((person) => person.name), ...episode.turns.map((turn) => turn.speaker.name)])].filter((name) => /[\s·・]/u.test(name))
  for (const turn of timedTurns(episode)) {
    const {text, source} = displayText(turn.text)
    if (!/[\p{L}\p{N}]/u.test(text)) continue
    const wide = cjk.test(text)
    const layout = layoutFor(wide)
    const kept = namesIn(text, names)
    const pieces = splitSentences(text).flatMap((sentence) => cues(units(text, sentence.start, sentence.end, wide, kept), layout))
    const time = clockOf(turn, turn.end)
    const timed = merged(pieces).map((piece) => ({...piece, from: time(source[piece.start]!, 'start'), to: time(source[piece.end - 1]! + 1, 'end')}))
    for (const piece of joinedShort(timed, layout)) {
      result.push({start: piece.from, end: piece.to, speaker: piece.speaker ?? turn.speaker.name, text: piece.lines.join('\n')})
    }
  }
  const said = result.map((caption) => caption.start)
  return {captions: held(result), said}
}

/**
 * A turn's text as captions show it: blank lines and runs of space become one
 * space, none between Han characters (a soft line break in Chinese is no
 * space). With, for each character, where it is in the turn's text.
 */
function displayText(raw: string): {text: string; source: number[]} {
  let text = ''
  const source: number[] = []
  let space = -1
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i]!
    if (/\s/.test(char)) {
      if (space < 0) space = i
      continue
    }
    if (space >= 0 && text && !(han.test(text.at(-1)!) && han.test(char))) {
      text += ' '
      source.push(space)
    }
    space = -1
    text += char
    source.push(i)
  }
  return {text, source}
}

interface Unit {
  text: string
  start: number
  end: number
  /** A space before it (Latin words). */
  spaced: boolean
}

/** Where in the text the names are, as ranges of offsets. */
function namesIn(text: string, names: string[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = []
  for (const name of names) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) ranges.push([at, at + name.length])
  }
  return ranges
}

/** The pieces a line may break between: words, with the punctuation that may not start or end a line, and the rest of a name, kept on them. */
function units(text: string, from: number, to: number, wide: boolean, names: Array<[number, number]>): Unit[] {
  const result: Unit[] = []
  // A Chinese line is broken between jieba's words, never inside one (`美 / 国人`).
  const segments = wide ? chineseWords(text.slice(from, to)).map((word) => ({text: word.text, index: word.index + from})) : spaceSplit(text, from, to)
  for (const segment of segments) {
    if (/^\s+$/.test(segment.text)) continue
    const start = segment.index
    const end = start + segment.text.length
    const last = result.at(-1)
    const spaced = start > 0 && text[start - 1] === ' '
    // Glued: closing punctuation to the word before it, a word after an opening mark or a middle dot, a name's parts.
    const inName = names.some(([a, b]) => a < start && start < b)
    if (last && (inName || (!spaced && (noLineStart.test(segment.text) || noLineEnd.test(last.text))))) {
      last.text += `${spaced ? ' ' : ''}${segment.text}`
      last.end = end
    } else result.push({text: segment.text, start, end, spaced})
  }
  return result
}

function spaceSplit(text: string, from: number, to: number): Array<{text: string; index: number}> {
  const result: Array<{text: string; index: number}> = []
  for (const match of text.slice(from, to).matchAll(/\S+|\s+/g)) result.push({text: match[0], index: match.index + from})
  return result
}

/** How long a line may be, and how long a text is: in Chinese a Latin letter or a digit takes half a character's width. */
interface Layout {
  perLine: number
  size: (text: string) => number
}

const fullWidth = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303F\uFF00-\uFFEF“”‘’…—]/u

function layoutFor(wide: boolean): Layout {
  if (!wide) return {perLine: captionLimits.latin, size: (text) => text.length}
  return {
    perLine: captionLimits.cjk,
    size: (text) => {
      let width = 0
      for (const char of text) width += fullWidth.test(char) ? 1 : 0.5
      return width
    }
  }
}

interface Piece {
  start: number
  end: number
  lines: string[]
  units: Unit[]
  speaker?: string
}

const join = (units: Unit[]) => units.map((unit, index) => (index && unit.spaced ? ` ${unit.text}` : unit.text)).join('')

/**
 * A sentence's units cut into cues: as much as two lines hold, closed early
 * at a clause end once a cue is half full, and each cue's lines balanced.
 */
function cues(all: Unit[], layout: Layout): Piece[] {
  // A word longer than a line (a URL) is cut into lines of its own.
  const list = all.flatMap((unit) => (layout.size(unit.text) <= layout.perLine ? [unit] : hardSplit(unit, layout)))
  const pieces: Piece[] = []
  let current: Unit[] = []
  const close = () => {
    if (current.length) pieces.push({start: current[0]!.start, end: current.at(-1)!.end, lines: balanced(current, layout), units: current})
    current = []
  }
  for (const unit of list) {
    if (current.length && !balancedFits([...current, unit], layout)) close()
    current.push(unit)
    if (widths(current, layout).total >= layout.perLine && clauseEnd.test(unit.text)) close()
  }
  close()
  return pieces
}

function hardSplit(unit: Unit, layout: Layout): Unit[] {
  const result: Unit[] = []
  let offset = unit.start
  let text = ''
  for (const char of unit.text) {
    if (text && layout.size(text + char) > layout.perLine) {
      result.push({text, start: offset, end: offset + text.length, spaced: result.length === 0 && unit.spaced})
      offset += text.length
      text = ''
    }
    text += char
  }
  result.push({text, start: offset, end: unit.end, spaced: result.length === 0 && unit.spaced})
  return result
}

// Each unit's width is measured once: a cue is tried at every unit added, and every break in it.
const unitWidth = new WeakMap<Unit, number>()

/**
 * The widths of units as `join` lays them out: `before[k]` is the width of
 * the first k units on one line; a line starting at unit k drops the space before it.
 * (Widths are sums of whole and half characters, so they add up exactly.)
 */
function widths(list: Unit[], layout: Layout): {before: number[]; space: number[]; total: number} {
  const before = [0]
  const space: number[] = []
  const gap = layout.size(' ')
  for (const [index, unit] of list.entries()) {
    let width = unitWidth.get(unit)
    if (width === undefined) {
      width = layout.size(unit.text)
      unitWidth.set(unit, width)
    }
    space.push(index && unit.spaced ? gap : 0)
    before.push(before[index]! + space[index]! + width)
  }
  return {before, space, total: before[list.length]!}
}

function balancedFits(list: Unit[], layout: Layout): boolean {
  if (widths(list, layout).total <= layout.perLine) return true
  return breakAt(list, layout) > 0
}

/** Where two lines are most even, both within the limit, best after a clause end; 0 when no break fits. */
function breakAt(list: Unit[], layout: Layout): number {
  const {before, space, total} = widths(list, layout)
  let best = 0
  let bestCost = Number.POSITIVE_INFINITY
  for (let k = 1; k < list.length; k++) {
    const first = before[k]!
    const second = total - before[k]! - space[k]!
    if (first > layout.perLine || second > layout.perLine) continue
    // Balanced, the lower line rather the longer (a pyramid), and at a clause where one is near.
    const cost = Math.abs(first - second) + (first > second ? 1 : 0) - (clauseEnd.test(list[k - 1]!.text) ? total / 6 : 0)
    if (cost < bestCost) {
      bestCost = cost
      best = k
    }
  }
  return best
}

function balanced(list: Unit[], layout: Layout): string[] {
  if (widths(list, layout).total <= layout.perLine) return [join(list)]
  const k = breakAt(list, layout)
  return k > 0 ? [join(list.slice(0, k)), join(list.slice(k))] : [join(list)]
}

/** Pieces with a letter or a digit: a cue of punctuation alone (`。`, a dash) says nothing, and is not shown. */
function merged(pieces: Piece[]): Piece[] {
  return pieces.filter((piece) => /[\p{L}\p{N}]/u.test(piece.lines.join('')))
}

/**
 * A cue said faster than the shortest a cue is shown ("Wow.", 「太低了。」)
 * joins the cue after it, or the one before, when the two fit in two lines:
 * held to 5/6 s alone, it would push every cue after it late.
 */
function joinedShort<T extends Piece & {from: number; to: number}>(pieces: T[], layout: Layout): T[] {
  const result = [...pieces]
  for (let k = 0; k < result.length; k++) {
    const piece = result[k]!
    if (piece.to - piece.from >= captionLimits.minSeconds) continue
    for (const other of [k + 1, k - 1]) {
      const neighbour = result[other]
      if (!neighbour) continue
      const [first, second] = other > k ? [piece, neighbour] : [neighbour, piece]
      const units = [...first.units, ...second.units]
      if (!balancedFits(units, layout) || second.to - first.from > captionLimits.maxSeconds) continue
      const joined = {...first, end: second.end, units, lines: balanced(units, layout), to: second.to}
      result.splice(Math.min(k, other), 2, joined)
      // The joined cue may still be short: look at it again.
      k = Math.min(k, other) - 1
      break
    }
  }
  return result
}

/**
 * The time of a point in a turn's text. With the turn's clock, linear
 * between its points, a step taken on the side asked for (`start`: after a
 * pause, `end`: before it); before the first point from the turn's start,
 * after the last at the turn's own pace, never past its end. Without one,
 * spread evenly from the turn's start to its end.
 */
export function clockOf(turn: TurnData, end: number): (offset: number, side: 'start' | 'end') => number {
  const begin = turn.start.seconds
  const length = Math.max(1, turn.text.length)
  const points = turn.clock
  if (!points?.length) return (offset) => round(begin + ((end - begin) * offset) / length)
  const firstOffset = points[0]!
  const lastOffset = points.at(-2)!
  const lastSeconds = points.at(-1)!
  const pace = lastOffset > firstOffset ? (lastSeconds - points[1]!) / (lastOffset - firstOffset) : 0.07
  return (offset, side) => {
    if (offset <= firstOffset) {
      if (offset === firstOffset) return round(side === 'start' ? stepAt(points, 0, 'start') : points[1]!)
      return round(Math.max(begin, points[1]! - (firstOffset - offset) * pace))
    }
    if (offset >= lastOffset) return round(Math.min(Math.max(end, lastSeconds), lastSeconds + (offset - lastOffset) * pace))
    // The last point at or before the offset: a binary search over pairs.
    let lo = 0
    let hi = points.length / 2 - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (points[mid * 2]! <= offset) lo = mid
      else hi = mid - 1
    }
    if (points[lo * 2] === offset) return round(stepAt(points, lo, side))
    const a = points[lo * 2]!
    const b = points[lo * 2 + 2]!
    const t = (offset - a) / (b - a)
    return round(points[lo * 2 + 1]! + t * (points[lo * 2 + 3]! - points[lo * 2 + 1]!))
  }
}

/** At a point shared by several (a step), the latest time for a start, the earliest for an end. */
function stepAt(points: number[], index: number, side: 'start' | 'end'): number {
  const offset = points[index * 2]!
  let k = index
  if (side === 'start') while (points[(k + 1) * 2] === offset) k++
  else while (k > 0 && points[(k - 1) * 2] === offset) k--
  return points[k * 2 + 1]!
}

/**
 * Cues held to the guide's durations in one pass, in whole milliseconds:
 * each starts no sooner than two frames after the one before it ends, is
 * shown at least 5/6 s and at most 7 s, and gives way two frames before the
 * next one's start where it can still be shown long enough.
 */
function held(list: Caption[]): Caption[] {
  const ms = (seconds: number) => Math.round(seconds * 1000)
  const least = Math.ceil(captionLimits.minSeconds * 1000)
  const most = captionLimits.maxSeconds * 1000
  const gap = Math.ceil(captionLimits.gap * 1000)
  let previousEnd = Number.NEGATIVE_INFINITY
  for (const [index, cue] of list.entries()) {
    const start = Math.max(ms(cue.start), previousEnd + gap)
    let end = Math.min(Math.max(ms(cue.end), start + least), start + most)
    const next = list[index + 1]
    if (next) end = Math.min(end, Math.max(start + least, ms(next.start) - gap))
    cue.start = start / 1000
    cue.end = end / 1000
    previousEnd = end
  }
  return list
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000
}
