import {segment} from './segment.js'
import type {Term} from './tokenize.js'
import type {TurnInfo} from './turns.js'
import {isHostQuestion} from './turns.js'

/** How chapters are cut. */
export interface ChapterOptions {
  /** Minutes of speech: no chapter shorter, unless the episode is. */
  minMinutes: number
  /** No chapter longer, unless the subject never changes. */
  maxMinutes: number
  /** What each chapter costs against how well it holds together (see `segment`): higher, fewer chapters. */
  penalty: number
  /** The Dirichlet prior of each chapter's language model (see `segment`). */
  prior: number
  /** Nats a host's question or a new section adds to a boundary before it. */
  cueWeight: number
}

/** A chapter as a range of turns, before it has a title. */
export interface TurnRange {
  first: number
  last: number
}

/**
 * Splits the turns into chapters: the teaser and intro sections as one short
 * chapter of their own, then the body where its subject changes, by a
 * global segmentation of the whole conversation.
 */
export function chapterRanges(turns: TurnInfo[], termsOf: Term[][], options: ChapterOptions, end: number): TurnRange[] {
  if (turns.length === 0) return []
  let bodyStart = 0
  while (bodyStart < turns.length && (turns[bodyStart]!.sectionKind === 'teaser' || turns[bodyStart]!.sectionKind === 'intro')) bodyStart++
  const ranges: TurnRange[] = []
  if (bodyStart > 0 && bodyStart < turns.length) ranges.push({first: 0, last: bodyStart - 1})
  else bodyStart = 0

  const seconds = (index: number) => Math.max(0, (turns[index + 1]?.start ?? end) - turns[index]!.start)
  const body = turns.slice(bodyStart)
  const blocks = body.map((turn, i) => ({
    terms: termsOf[turn.index]!.map((term) => term.key),
    seconds: seconds(turn.index),
    cue: Math.min(1, (isHostQuestion(turn) ? 0.5 : 0) + (i > 0 && body[i - 1]!.section !== turn.section ? 0.5 : 0))
  }))
  const cuts = snap(segment(blocks, {penalty: options.penalty, prior: options.prior, cueWeight: options.cueWeight, minSeconds: options.minMinutes * 60, maxSeconds: options.maxMinutes * 60}), body)
  const edges = [0, ...cuts, body.length]
  for (let i = 0; i + 1 < edges.length; i++) ranges.push({first: bodyStart + edges[i]!, last: bodyStart + edges[i + 1]! - 1})
  return ranges
}

/** Moves each boundary to a host question at most two turns away: chapters open with the question. */
function snap(cuts: number[], body: TurnInfo[]): number[] {
  const result: number[] = []
  for (const cut of cuts) {
    let best = cut
    for (const delta of [0, -1, 1, -2, 2]) {
      const at = cut + delta
      if (at > 0 && at < body.length && isHostQuestion(body[at]!)) {
        best = at
        break
      }
    }
    if (!result.includes(best) && best > (result.at(-1) ?? 0)) result.push(best)
  }
  return result
}
