import {splitSentences} from '@castline/parse'
import {toString} from 'mdast-util-to-string'
import type {VFile} from 'vfile'
import type {TurnRange} from './chapters.js'
import type {PinnedQuote} from './quotes.js'
import type {TurnInfo} from './turns.js'

/** Where in episode.yaml a choice was written. */
export interface Place {
  line: number
  column: number
}

/**
 * The producer's choices from episode.yaml, each with its place there so a
 * problem names the YAML line. What is not given stays automatic.
 */
export interface ProducerChoices {
  /** The chapter list: each starts at a time or at the first words of a turn or sentence. */
  chapters?: Array<{at: string | number; title: string; place?: Place | undefined}> | undefined
  /** New titles for automatic chapters, by number (1 is the first). */
  titles?: Array<{chapter: number; title: string; place?: Place | undefined}> | undefined
  /** Verbatim texts that must be quotes. */
  pin?: Array<{text: string; place?: Place | undefined}> | undefined
  /** Texts never to quote. */
  exclude?: Array<{text: string; place?: Place | undefined}> | undefined
  /** Replaces the automatic summary. */
  summary?: string | undefined
  /** The file problems are reported on (episode.yaml's); the transcript's when not given. */
  file?: VFile | undefined
}

/** Letters and digits only, lower case: how `at` and pins are compared, so punctuation and spacing do not matter. */
export const bareText = (text: string) => text.replace(/[\s\p{P}\p{S}]+/gu, '').toLowerCase()

/**
 * A producer's chapter list as turn ranges with start times and titles, or
 * undefined when an `at` cannot be resolved (each problem is a fatal message
 * at its place). An `at` time picks the turn being spoken at that time; first
 * words pick the one turn that starts with them, or has a sentence that does.
 */
export function resolveChapters(
  chapters: NonNullable<ProducerChoices['chapters']>,
  turns: TurnInfo[],
  end: number,
  report: (reason: string, place: Place | undefined, ruleId: string) => void
): Array<{range: TurnRange; startTime: number; title: string}> | undefined {
  const found: Array<{turn: number; startTime: number; title: string}> = []
  let ok = true
  for (const [index, chapter] of chapters.entries()) {
    const at = chapter.at
    let turn: number | undefined
    let startTime: number | undefined
    const seconds = typeof at === 'number' ? at : /^(?:\d+:)?\d+:\d+(?:\.\d+)?$/.test(at.trim()) ? timeSeconds(at.trim()) : undefined
    if (seconds !== undefined) {
      if (seconds > end) {
        report(`\`at: ${at}\` is after the end of the episode (${clock(end)})`, chapter.place, 'chapter-at-not-found')
        ok = false
        continue
      }
      turn = turns.findLastIndex((t) => t.start <= seconds + 0.5)
      if (turn < 0) turn = 0
      startTime = seconds
    } else {
      const words = bareText(String(at))
      const matches = turns.filter((t) => opensWith(t.text, words))
      if (words === '' || matches.length === 0) {
        report(`\`at: ${at}\` matches no turn: give the first words of a turn or sentence as the transcript has them, or a time such as "00:42:10"`, chapter.place, 'chapter-at-not-found')
        ok = false
        continue
      }
      if (matches.length > 1) {
        const lines = matches.slice(0, 4).map((t) => t.node.position?.start.line ?? '?')
        report(`\`at: ${at}\` matches ${matches.length} turns (lines ${lines.join(', ')}${matches.length > 4 ? ', …' : ''}): give more of the words`, chapter.place, 'chapter-at-ambiguous')
        ok = false
        continue
      }
      turn = matches[0]!.index
      startTime = matches[0]!.start
    }
    const previous = found.at(-1)
    if (previous && turn <= previous.turn) {
      report(`Chapter ${index + 1} starts ${turn === previous.turn ? 'in the same turn as' : 'before'} the chapter above it: the list must be in the order of the episode`, chapter.place, 'chapters-out-of-order')
      ok = false
      continue
    }
    found.push({turn, startTime: startTime ?? 0, title: chapter.title.trim()})
  }
  if (!ok) return undefined
  return found.map((chapter, index) => ({
    range: {first: chapter.turn, last: (found[index + 1]?.turn ?? turns.length) - 1},
    startTime: chapter.startTime,
    title: chapter.title
  }))
}

/** Whether a turn, or one of its sentences, starts with these words (compared bare). */
function opensWith(text: string, words: string): boolean {
  return bareText(text).startsWith(words) || splitSentences(text).some((sentence) => bareText(sentence.text).startsWith(words))
}

/**
 * The fewest first words of a turn that no other turn (or sentence) starts
 * with: what `--suggest` writes as a chapter's `at`, so that the producer
 * reads where the chapter starts and it resolves to that turn again. At
 * least four words, or eight characters in Chinese. Undefined when no words
 * do: a turn said twice ("Hi."), or one of emoji alone; a time must serve.
 */
export function openingWords(texts: string[], index: number): string | undefined {
  const text = texts[index]!.trim()
  const chinese = /\p{Script=Han}/u.test(text.slice(0, 12))
  const units = chinese ? [...text] : text.split(/(?<=\s)/)
  const least = chinese ? 8 : 4
  let taken = ''
  for (const [i, unit] of units.entries()) {
    taken += unit
    if (i + 1 < least && i + 1 < units.length) continue
    const words = bareText(taken)
    if (words && texts.filter((other) => opensWith(other, words)).length === 1) return taken.trim()
  }
  return undefined
}

/**
 * A pinned text where the transcript (after redaction) has it: the
 * conversation's over the teaser's, where both have it. Undefined when it is
 * not there verbatim.
 */
export function findPinned(text: string, turns: TurnInfo[]): PinnedQuote | undefined {
  const wanted = text.trim().replace(/\s+/g, ' ')
  let found: PinnedQuote | undefined
  for (const turn of turns) {
    for (const paragraph of turn.paragraphs) {
      const said = toString(paragraph)
      const at = said.replace(/\s+/g, ' ').indexOf(wanted)
      if (at === -1) continue
      // Map the offset back from whitespace-folded text to the paragraph's own.
      let folded = 0
      let start = 0
      while (folded < at && start < said.length) {
        if (/\s/.test(said[start]!)) while (start + 1 < said.length && /\s/.test(said[start + 1]!)) start++
        start++
        folded++
      }
      let end = start
      for (let count = 0; count < wanted.length && end < said.length; count++) {
        if (/\s/.test(said[end]!)) while (end + 1 < said.length && /\s/.test(said[end + 1]!)) end++
        end++
      }
      const candidate = {turn, paragraph, start, end, text: said.slice(start, end)}
      if (turn.sectionKind !== 'teaser') return candidate
      found ??= candidate
    }
  }
  return found
}

function timeSeconds(text: string): number {
  return text.split(':').reduce((total, part) => total * 60 + Number(part), 0)
}

function clock(seconds: number): string {
  const s = Math.round(seconds)
  return `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`
}

