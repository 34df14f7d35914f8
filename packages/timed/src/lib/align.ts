import type {AdBreak, SpeakerTurn} from '@castline/parse'
import {diffArrays} from 'diff'
import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {SKIP, visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import type {TimedTranscript} from './read.js'

/** A stretch of audio that an ad break took, in seconds. */
export interface AdTime {
  start: number
  end: number
}

declare module 'vfile' {
  interface DataMap {
    /** How the Markdown transcript was aligned to a timed one. */
    alignment: {
      /** Share of the Markdown's words (characters for Chinese) matched to the timed file. */
      aligned: number
      /** Stretches of the Markdown that found no counterpart, by turn. */
      unaligned: Array<{turn: string; words: number}>
    }
    /**
     * The timed file's words on the published clock (ads cut, when they
     * are), for `remarkTurnClock` to place inside the turns once redaction
     * is done.
     */
    timedWords: TimedWord[]
  }
}

/** One token of a timed transcript, with when it is said. */
export interface TimedWord {
  key: string
  start: number
  end: number
  /** The first token of a cue or of a timed word: its start is the file's own. */
  opens: boolean
  /** The last token of one: its end is the file's own. */
  closes: boolean
  /** From the file's word timings, not spread over a cue. */
  word: boolean
}

export interface AlignOptions {
  timed: TimedTranscript
  /** Below this share of aligned text, a warning names the stretches that did not align (default 0.8). */
  warnBelow?: number
  /** Below this share, the timed clock is not trusted at all and times stay estimated (default 0.4). */
  useAbove?: number
  /**
   * The ads were cut from the audio that is published: every time after an
   * ad break moves earlier by the break's length.
   */
  adsCutFromAudio?: boolean
  /** What the clock is, in messages (default: `the timed transcript`); `the words heard in audio.mp3` when it was listened for. */
  clockName?: string
}

const source = 'castline-timed'

interface Token {
  key: string
  /** Index of the turn or ad break the token is in. */
  owner: number
}

/**
 * Gives a Markdown transcript (edited, labelled, redacted or not) the clock
 * of a timed transcript of the same audio: the Markdown keeps its text and
 * labels, the timed file supplies the times. Words (characters in Chinese) of
 * both are aligned as sequences: unique runs of five shared tokens anchor the
 * alignment (a longest increasing run of them, as patience diff does), and
 * the stretches between anchors are aligned by jsdiff, so edits, punctuation
 * and removed filler cost nothing but their own words. Each turn starts when
 * its first aligned word is said; ad breaks get the stretch of audio between
 * the words around them.
 */
export function remarkTimedClock(options: AlignOptions) {
  if (!options || !Array.isArray(options.timed?.cues)) throw new TypeError('@castline/timed: `timed` must be a timed transcript (see readTimed)')
  const warnBelow = options.warnBelow ?? 0.8
  const useAbove = options.useAbove ?? 0.4
  const clockName = options.clockName ?? 'the timed transcript'
  return (tree: Root, file: VFile): void => {
    const owners: Array<SpeakerTurn | AdBreak> = []
    // Where each turn's or break's tokens begin: a break may have none (a marker alone).
    const startOf: number[] = []
    const md: Token[] = []
    // Turns and breaks in document order, wherever they are (a break may stand between sections).
    visit(tree, (node) => {
      if (node.type !== 'speakerTurn' && node.type !== 'adBreak') return
      owners.push(node)
      startOf.push(md.length)
      for (const key of tokens(toString(node))) md.push({key, owner: owners.length - 1})
      return SKIP
    })
    const clock = timedTokens(options.timed)
    const pairs = align(
      md.map((t) => t.key),
      clock.map((t) => t.key)
    )
    const aligned = md.length ? pairs.length / md.length : 0
    file.data.alignment = {aligned: round(aligned), unaligned: []}
    if (aligned < useAbove) {
      file.message(`Only ${percent(aligned)} of the transcript matches ${clockName}: is it the same episode? Its times are not used`, {ruleId: 'timed-mismatch', source})
      return
    }

    // Time of each Markdown token that found its counterpart.
    const timeOf = new Float64Array(md.length).fill(Number.NaN)
    const endOf = new Map<number, number>()
    const clockOf = new Map<number, number>()
    for (const [i, j] of pairs) {
      timeOf[i] = clock[j]!.start
      endOf.set(i, clock[j]!.end)
      clockOf.set(i, j)
    }
    const firstOf = new Map<number, number>()
    const lastOf = new Map<number, number>()
    md.forEach((token, index) => {
      if (!firstOf.has(token.owner)) firstOf.set(token.owner, index)
      lastOf.set(token.owner, index)
    })
    // Seconds a token takes, from the aligned stretch as a whole: to step back from a turn's first aligned word to its first word.
    const span = pairs.length > 1 ? (clock[pairs.at(-1)![1]]!.start - clock[pairs[0]![1]]!.start) / Math.max(1, pairs.at(-1)![0] - pairs[0]![0]) : 0.3
    const nextAligned = (from: number, to: number) => {
      for (let k = from; k <= to; k++) if (!Number.isNaN(timeOf[k])) return k
      return -1
    }
    const endBefore = (index: number) => {
      for (let k = index - 1; k >= 0; k--) if (!Number.isNaN(timeOf[k])) return endOf.get(k) ?? timeOf[k]!
      return 0
    }
    /** Whether the next two aligned tokens (within four) come as soon after this one as speech would. */
    const followed = (k: number): boolean => {
      let at = k
      let run = 1
      for (let m = k + 1; m < md.length && m <= at + 4 && run < 3; m++) {
        if (Number.isNaN(timeOf[m])) continue
        if (timeOf[m]! - timeOf[at]! > (m - at) * span * 2 + 1) return false
        run++
        at = m
      }
      return run >= 3 || nextAligned(at + 1, md.length - 1) < 0
    }
    const timeAt = (index: number, last: number): number => {
      // The nearest aligned token after (or before) the index, stepped by `span`.
      // A stray match is not the turn's start: a word heard in an ad or music the text does not have, far
      // ahead of the words that follow it. The start is the first of the turn's opening words that the
      // next aligned words follow closely, as speech does.
      let k = nextAligned(index, last)
      for (let m = k; m >= 0; m = nextAligned(m + 1, last)) {
        if (followed(m)) {
          k = m
          break
        }
      }
      // The next aligned token, in this turn or (none matched here) after it.
      const next = k >= 0 ? k : nextAligned(index, md.length - 1)
      if (next > index && (index === 0 || !Number.isNaN(timeOf[index - 1]!))) {
        // The words before it did not match, but the timed file has words there: when the text before
        // is matched to its end, the first of them is this turn's first word, if it is near enough to be.
        const from = index === 0 ? 0 : clockOf.get(index - 1)! + 1
        const word = clock[from]
        if (from < clockOf.get(next)! && word && timeOf[next]! - word.start <= (next - index) * span * 3 + 1) return word.start
      }
      if (next >= 0) return Math.max(0, timeOf[next]! - (next - index) * span)
      for (let k = index; k >= 0; k--) if (!Number.isNaN(timeOf[k])) return timeOf[k]! + (index - k) * span
      return 0
    }

    const unaligned: Array<{turn: string; words: number; node: SpeakerTurn}> = []
    let previous = 0
    owners.forEach((node, index) => {
      const first = firstOf.get(index)
      if (node.type === 'adBreak') {
        // The break took the audio between the last word before it and the first word after it.
        const before = startOf[index]!
        let start = previous
        for (let k = before - 1; k >= 0; k--) {
          if (Number.isNaN(timeOf[k])) continue
          start = endOf.get(k) ?? timeOf[k]!
          break
        }
        const after = (lastOf.get(index) ?? before - 1) + 1
        let end = start
        for (let k = after; k < md.length; k++) if (!Number.isNaN(timeOf[k])) {
          end = timeOf[k]!
          break
        }
        node.time = {start: round(start), end: round(Math.max(start, end))}
        return
      }
      // Stepped back over its first unaligned words, a turn still starts after the last word heard before it ends.
      const seconds = first === undefined ? previous : Math.max(previous, timeAt(first, lastOf.get(index)!), endBefore(first))
      node.start = {seconds: round(seconds), estimated: false}
      previous = seconds
      if (first !== undefined) {
        let run = 0
        let worst = 0
        for (let k = first; k <= lastOf.get(index)!; k++) {
          run = Number.isNaN(timeOf[k]) ? run + 1 : 0
          worst = Math.max(worst, run)
        }
        if (worst >= 25) unaligned.push({turn: node.id, words: worst, node})
      }
    })

    const breaks = owners.flatMap((node) => (node.type === 'adBreak' && node.time && node.time.end > node.time.start ? [{...node.time}] : []))
    file.data.timedWords = publishedWords(clock, options.adsCutFromAudio ? breaks : [])
    if (options.adsCutFromAudio) cutAds(owners)
    const end = Math.max(...options.timed.cues.map((cue) => cue.end))
    file.data.timing = {estimated: false, anchors: file.data.timing?.anchors ?? 0, duration: round(options.adsCutFromAudio ? end - adSeconds(owners) : end)}
    file.data.alignment.unaligned = unaligned.map(({turn, words}) => ({turn, words}))
    file.info(`Times from ${clockName}${options.clockName ? '' : ` (${options.timed.format})`}: ${percent(aligned)} of the text aligned`, {ruleId: 'timed-clock', source})
    if (aligned < warnBelow) {
      file.message(`Only ${percent(aligned)} of the transcript aligned to ${clockName}; times between aligned stretches are interpolated`, {ruleId: 'timed-partly-aligned', source})
    }
    for (const {words, node} of unaligned.slice(0, 10)) {
      file.message(`${words} words (characters in Chinese) here found no counterpart in ${clockName}: edited, or not in the audio?`, {place: node.position, ruleId: 'timed-unaligned', source})
    }
  }
}

/** Moves every time after each ad break earlier by the break's length: the published audio has no ads. */
function cutAds(owners: Array<SpeakerTurn | AdBreak>): void {
  let cut = 0
  for (const node of owners) {
    if (node.type === 'adBreak' && node.time) {
      const length = node.time.end - node.time.start
      node.time = {start: round(node.time.start - cut), end: round(node.time.start - cut)}
      cut += length
    } else if (node.type === 'speakerTurn' && node.start) {
      node.start = {seconds: round(Math.max(0, node.start.seconds - cut)), estimated: node.start.estimated}
    }
  }
}

function adSeconds(owners: Array<SpeakerTurn | AdBreak>): number {
  return owners.reduce((sum, node) => sum + (node.type === 'adBreak' && node.time ? node.time.end - node.time.start : 0), 0)
}

// A Han character alone, or a run of other letters and digits: `AI现在` is `ai`, `现`, `在`.
const tokenPattern = /\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{N}])+(?:['’](?:(?!\p{Script=Han})\p{L})+)?/gu

/** Words of Latin script and digits, lower-cased, and single Chinese characters: what is compared. */
export function tokens(text: string): string[] {
  return tokenSpans(text).map((span) => span.key)
}

/** The tokens of a text with where each is: its offset and length. */
export function tokenSpans(text: string): Array<{key: string; at: number; length: number}> {
  const spans: Array<{key: string; at: number; length: number}> = []
  for (const match of text.matchAll(tokenPattern)) spans.push({key: match[0].toLowerCase().replace(/’/g, "'"), at: match.index, length: match[0].length})
  return spans
}

/** The timed transcript's tokens with the time each is said: from word timings, else spread over the cue by characters. */
function timedTokens(timed: TimedTranscript): TimedWord[] {
  const result: TimedWord[] = []
  for (const cue of timed.cues) {
    if (cue.words?.length) {
      for (const word of cue.words) {
        const keys = tokens(word.text)
        keys.forEach((key, index) => {
          result.push({key, start: word.start, end: word.end, opens: index === 0, closes: index === keys.length - 1, word: true})
        })
      }
      continue
    }
    // Without word times, a token is said when its place in the cue's text comes, by characters, punctuation and spaces included: a comma is a pause.
    const spans = tokenSpans(cue.text)
    const length = Math.max(1, cue.text.length)
    const share = (cue.end - cue.start) / length
    spans.forEach((span, index) => {
      result.push({key: span.key, start: cue.start + span.at * share, end: cue.start + (span.at + span.length) * share, opens: index === 0, closes: index === spans.length - 1, word: false})
    })
  }
  return result
}

/**
 * The timed words on the clock of the published audio: with the ads cut,
 * a word said during a break is gone and every later one moves earlier by
 * the breaks before it.
 */
function publishedWords(clock: TimedWord[], breaks: AdTime[]): TimedWord[] {
  if (breaks.length === 0) return clock
  const result: TimedWord[] = []
  let k = 0
  let cut = 0
  for (const word of clock) {
    while (k < breaks.length && breaks[k]!.end <= word.start) cut += breaks[k]!.end - breaks[k++]!.start
    if (k < breaks.length && breaks[k]!.start <= word.start) continue
    result.push({...word, start: word.start - cut, end: Math.max(word.start, Math.min(word.end, breaks[k]?.start ?? word.end)) - cut})
  }
  return result
}

const shingle = 5
/** Gaps between anchors up to this many token pairs are aligned word by word (jsdiff's Myers diff). */
const diffLimit = 4_000_000

/** Index pairs (Markdown token, timed token) that are the same word in the same place of the conversation. */
export function align(a: string[], b: string[]): Array<[number, number]> {
  // Tokens as small integers, so that runs of them hash cheaply.
  const ids = new Map<string, number>()
  const id = (token: string) => {
    let found = ids.get(token)
    if (found === undefined) {
      found = ids.size + 1
      ids.set(token, found)
    }
    return found
  }
  const x = Int32Array.from(a, id)
  const y = Int32Array.from(b, id)
  const pairs: Array<[number, number]> = []
  alignRange(x, y, 0, x.length, 0, y.length, a, b, pairs, 0)
  pairs.sort((p, q) => p[0] - q[0])
  const kept: Array<[number, number]> = []
  for (const pair of pairs) {
    const last = kept.at(-1)
    if (!last || (pair[0] > last[0] && pair[1] > last[1])) kept.push(pair)
  }
  return kept
}

/** A hash of the `shingle` tokens from `at`: equal runs hash equal; a rare clash only costs an anchor. */
function runHash(tokens: Int32Array, at: number): number {
  let hash = 0
  for (let k = 0; k < shingle; k++) hash = (Math.imul(hash, 1_000_003) + tokens[at + k]!) | 0
  return hash
}

/**
 * Patience-style alignment of a[a0..a1) with b[b0..b1): runs of tokens
 * found once in each range anchor it; between anchors, the same again
 * within the gap (a run repeated in the whole text is often unique nearby);
 * a gap with no anchor at all is aligned word by word when small, or split
 * in proportion and tried again.
 */
function alignRange(x: Int32Array, y: Int32Array, a0: number, a1: number, b0: number, b1: number, a: string[], b: string[], pairs: Array<[number, number]>, depth: number): void {
  if (a1 <= a0 || b1 <= b0) return
  const unique = (tokens: Int32Array, from: number, to: number) => {
    const seen = new Map<number, number>()
    for (let i = from; i + shingle <= to; i++) {
      const key = runHash(tokens, i)
      seen.set(key, seen.has(key) ? -1 : i)
    }
    return seen
  }
  const inA = unique(x, a0, a1)
  const inB = unique(y, b0, b1)
  const anchors: Array<[number, number]> = []
  for (const [key, i] of inA) {
    const j = inB.get(key)
    if (i >= 0 && j !== undefined && j >= 0) anchors.push([i, j])
  }
  anchors.sort((p, q) => p[0] - q[0])
  const chain = longestIncreasing(anchors)
  if (chain.length === 0) {
    if ((a1 - a0) * (b1 - b0) <= diffLimit) {
      let i = a0
      let j = b0
      for (const change of diffArrays(a.slice(a0, a1), b.slice(b0, b1))) {
        const count = change.count ?? change.value.length
        if (change.added) j += count
        else if (change.removed) i += count
        else for (let k = 0; k < count; k++) pairs.push([i++, j++])
      }
    } else if (depth < 12) {
      // Too long to align word by word and nothing unique: halve both, as the talk runs at one pace.
      const am = (a0 + a1) >> 1
      const bm = b0 + Math.round(((b1 - b0) * (am - a0)) / (a1 - a0))
      alignRange(x, y, a0, am, b0, bm, a, b, pairs, depth + 1)
      alignRange(x, y, am, a1, bm, b1, a, b, pairs, depth + 1)
    }
    return
  }
  let ai = a0
  let bi = b0
  for (const [i, j] of chain) {
    if (i < ai || j < bi) continue
    alignRange(x, y, ai, i, bi, j, a, b, pairs, depth + 1)
    for (let k = 0; k < shingle; k++) if (x[i + k] === y[j + k]) pairs.push([i + k, j + k])
    ai = i + shingle
    bi = j + shingle
  }
  alignRange(x, y, ai, a1, bi, b1, a, b, pairs, depth + 1)
}

/** The longest run of anchors increasing in both sequences (patience sorting, O(n log n)). */
function longestIncreasing(anchors: Array<[number, number]>): Array<[number, number]> {
  const tails: number[] = []
  const previous = new Int32Array(anchors.length).fill(-1)
  for (let k = 0; k < anchors.length; k++) {
    const j = anchors[k]![1]
    let lo = 0
    let hi = tails.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (anchors[tails[mid]!]![1] < j) lo = mid + 1
      else hi = mid
    }
    if (lo > 0) previous[k] = tails[lo - 1]!
    tails[lo] = k
  }
  const chain: Array<[number, number]> = []
  for (let k = tails.at(-1) ?? -1; k >= 0; k = previous[k]!) chain.push(anchors[k]!)
  return chain.reverse()
}

function round(seconds: number): number {
  return Math.round(seconds * 100) / 100
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`
}
