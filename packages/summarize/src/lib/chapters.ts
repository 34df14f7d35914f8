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
    cue: boundaryCue(turn, body[i - 1])
  }))
  const cuts = snap(
    segment(blocks, {
      penalty: options.penalty,
      prior: options.prior,
      cueWeight: options.cueWeight,
      minSeconds: options.minMinutes * 60,
      maxSeconds: options.maxMinutes * 60
    }),
    blocks
  )
  const edges = [0, ...cuts, body.length]
  for (let i = 0; i + 1 < edges.length; i++) ranges.push({first: bodyStart + edges[i]!, last: bodyStart + edges[i + 1]! - 1})
  return ranges
}

// A speaker who names the next subject: "Let's talk about hosting", "Next up…", 「接下来我们聊聊…」.
const announcesSubject =
  /^(?:(?:so|okay|ok|alright|all right|well|now|and|but|cool|great|yeah|right)[,.!]?\s+)*(?:let'?s (?:talk|move|get|switch|jump|dive|go|start|shift|turn|chat|dig)|moving on|next (?:up|question|section|topic|thing|one)|the next (?:question|section|topic|thing)|speaking of|another (?:thing|question|topic)|(?:i|we) (?:want|wanted|'d like|would like) to (?:ask|talk|get|move|switch|turn|dig|shift|start)|tell (?:us|me) (?:about|more|a (?:bit|little))|what about|how about|switching gears|changing gears|on (?:the|a) (?:topic|subject) of|talk (?:to us |to me )?about)\b/iu
const announcesSubjectZh = /^.{0,12}(?:接下来|下一个|换个话题|说到|我们来(?:聊|谈|说)|聊聊|谈谈|我想问|想问(?:一下|您|你)|请问)/u

/**
 * How much a turn looks like the start of a new subject, −1 … 1: a host's
 * question or a speaker naming the next subject opens one; a reply fragment
 * ("statically use.", "Yeah. Oh, interesting.") never does, as a transcription
 * bot's turns often begin mid-sentence.
 */
export function boundaryCue(turn: TurnInfo, previous: TurnInfo | undefined): number {
  const text = turn.text.trim()
  const head = text.slice(0, 160)
  let cue = 0
  if (previous && previous.section !== turn.section) cue += 0.5
  if (isHostQuestion(turn)) cue += 0.5
  if (announcesSubject.test(head) || announcesSubjectZh.test(head)) cue += 0.5
  const words = text.split(/\s+/).length
  if (/^\p{Ll}/u.test(text) || (!/\p{Script=Han}/u.test(text) && words < 5 && !/[？?]/.test(text))) cue -= 0.5
  return Math.max(-1, Math.min(1, cue))
}

/** Moves each boundary to the turn at most two away that most looks like a new subject: chapters open with the question. */
function snap(cuts: number[], blocks: Array<{cue: number}>): number[] {
  const result: number[] = []
  for (const cut of cuts) {
    let best = cut
    for (const delta of [-1, 1, -2, 2]) {
      const at = cut + delta
      if (at > 0 && at < blocks.length && blocks[at]!.cue > blocks[best]!.cue) best = at
    }
    if (!result.includes(best) && best > (result.at(-1) ?? 0)) result.push(best)
  }
  return result
}
