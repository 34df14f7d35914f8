import type {SpeakerTurn} from '@castline/parse'
import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {SKIP, visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import {align, tokenSpans} from './align.js'

/** A pause between timed words this long keeps the end of the word before it as a point of its own. */
const pause = 0.25

/**
 * Gives each speaker turn the timed file's clock inside it (`turn.clock`):
 * the offset in the turn's text where each aligned word starts, and where
 * a cue (or a timed word before a pause) ends, with its time; a point on
 * the line through its neighbours is left out. Run after `remarkTimedClock` and after
 * redaction, so the offsets are those of the text that is published: the
 * turn's text is aligned again, token by token, with the file's words on
 * the published clock. A word the file does not have gets no point of its
 * own: captions interpolate by characters between the points around it,
 * which are never on the far side of a removed ad, since its words have
 * none, nor before the turn's own start. Does nothing without a timed file that matched.
 */
export function remarkTurnClock() {
  return (tree: Root, file: VFile): void => {
    const words = file.data.timedWords
    if (!words?.length) return
    const turns: SpeakerTurn[] = []
    const spans: Array<{turn: number; at: number; length: number; key: string}> = []
    visit(tree, 'speakerTurn', (turn: SpeakerTurn) => {
      let base = 0
      for (const child of turn.children) {
        const text = toString(child)
        for (const span of tokenSpans(text)) spans.push({...span, at: span.at + base, turn: turns.length})
        base += text.length + 2
      }
      turns.push(turn)
      return SKIP
    })
    const pairs = align(
      spans.map((span) => span.key),
      words.map((word) => word.key)
    )
    // Every aligned word's start, and the ends the file gives (a cue's, a word's before a pause)…
    const points: number[][] = turns.map(() => [])
    pairs.forEach(([i, j], index) => {
      const span = spans[i]!
      const word = words[j]!
      // Nothing in a turn is said before it starts: a word matched earlier (a stray, heard in an ad or
      // music the text lacks, that the turn's start stepped over) would put its caption there.
      const start = turns[span.turn]!.start
      if (start && !start.estimated && word.start < start.seconds - tolerance) return
      const into = points[span.turn]!
      const next = words[pairs[index + 1]?.[1] ?? -1]
      add(into, span.at, word.start)
      // A cue's end is the file's; a timed word's end matters only before a pause.
      if (word.closes && (!word.word || !next || next.start - word.end >= pause)) add(into, span.at + span.length, word.end)
    })
    // …then only those a straight line through their neighbours would miss: the clock stays small.
    turns.forEach((turn, index) => {
      const kept = simplified(points[index]!)
      if (kept.length) turn.clock = kept
    })
    delete file.data.timedWords
  }
}

/**
 * Adds a point when it keeps offsets and times from going back. Two points
 * may share an offset: a cue's end and the next cue's start, where Chinese
 * has no space between them, a step across the pause.
 */
function add(points: number[], offset: number, seconds: number): void {
  const lastOffset = points.at(-2)
  const lastSeconds = points.at(-1)
  if (lastOffset !== undefined && (offset < lastOffset || seconds < lastSeconds!)) return
  points.push(offset, Math.round(seconds * 1000) / 1000)
}

/** Seconds a point may be off the line through the points kept around it before it is kept itself. */
const tolerance = 0.05

/** The points of a clock without those that lie on the line between their neighbours, within `tolerance`. */
function simplified(points: number[]): number[] {
  const count = points.length / 2
  if (count <= 2) return points
  const kept = [points[0]!, points[1]!]
  for (let k = 1; k < count - 1; k++) {
    const [ax, ay] = [kept.at(-2)!, kept.at(-1)!]
    const [px, py] = [points[k * 2]!, points[k * 2 + 1]!]
    const [bx, by] = [points[k * 2 + 2]!, points[k * 2 + 3]!]
    const expected = bx === ax ? ay : ay + ((px - ax) * (by - ay)) / (bx - ax)
    if (Math.abs(expected - py) > tolerance || px === ax || px === bx) kept.push(px, py)
  }
  kept.push(points.at(-2)!, points.at(-1)!)
  return kept
}
