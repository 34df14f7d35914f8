import {splitSentences} from '@castline/parse'
import {quoteLengths, similar, standsAlone} from './quotes.js'
import {terms} from './tokenize.js'
import type {TurnInfo} from './turns.js'
import {isHost} from './turns.js'

// How a host introduces the episode: the lede a producer would write.
const introduces = /对话|访谈|节目|播客|本期|这一集|欢迎|conversation|interview|episode|podcast|welcome|joined|today/iu

export interface SummaryOptions {
  /** Weight of each content word over the whole episode. */
  weights: Map<string, number>
  /** Chapter index by turn index, to take sentences from different chapters. */
  chapterOf: (turn: number) => number
  /** Names of the guests, to recognise the host's introduction of them. */
  guestNames: string[]
  /** Sentences not to repeat (the pull quotes). */
  avoid: string[]
}

/**
 * Two to four sentences said in the episode: the host's introduction when
 * there is one, then the guest's most central statements from different
 * chapters, in the order they were said. Extractive: every sentence is verbatim.
 */
export function summarize(turns: TurnInfo[], options: SummaryOptions): string[] {
  interface Sentence {
    text: string
    turn: TurnInfo
    order: number
    centrality: number
  }
  const sentences: Sentence[] = []
  for (const turn of turns) {
    if (!turn.person && turn.role) continue
    for (const piece of splitSentences(turn.text)) {
      const text = piece.text.trim()
      const lengths = quoteLengths[/\p{Script=Han}/u.test(text) ? 'zh' : 'en']
      if (text.length < lengths.min || text.length > lengths.max * 1.2 || !standsAlone(text)) continue
      const keys = new Set(terms(text).map((term) => term.key))
      let sum = 0
      for (const key of keys) sum += options.weights.get(key) ?? 0
      sentences.push({text, turn, order: sentences.length, centrality: sum / Math.sqrt(text.length)})
    }
  }
  const chosen: Sentence[] = []
  const lede = sentences
    .filter((s) => isHost(s.turn) && introduces.test(s.text) && options.guestNames.some((name) => s.text.includes(name)))
    .sort((a, b) => b.centrality - a.centrality || a.order - b.order)[0]
  if (lede) chosen.push(lede)
  const guests = sentences
    .filter((s) => s.turn.role === 'guest' || !isHost(s.turn))
    .filter((s) => !options.avoid.some((quote) => similar(quote, s.text)))
    .sort((a, b) => b.centrality - a.centrality || a.order - b.order)
  // One sentence from each stretch of the episode (halves after a lede,
  // thirds without), so the summary covers the whole conversation.
  const parts = lede ? 2 : 3
  const last = turns.at(-1)!.index + 1
  for (let part = 0; part < parts; part++) {
    const from = Math.floor((part * last) / parts)
    const to = Math.floor(((part + 1) * last) / parts)
    const best = guests.find(
      (s) => s.turn.index >= from && s.turn.index < to && s !== lede && !chosen.some((c) => similar(c.text, s.text) || options.chapterOf(c.turn.index) === options.chapterOf(s.turn.index))
    )
    if (best) chosen.push(best)
  }
  return chosen.sort((a, b) => (a === lede ? -1 : b === lede ? 1 : a.order - b.order)).map((s) => s.text)
}
