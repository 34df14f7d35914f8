import type {Paragraph} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {type SourceMap, locate, splitSentences} from '@castline/parse'
import type {TurnRange} from './chapters.js'
import type {Term} from './tokenize.js'
import {terms as termsOf} from './tokenize.js'
import type {TurnInfo} from './turns.js'
import {isHost, isNamed} from './turns.js'
import type {Quote} from './types.js'
import {hedging, isAnecdote, isBoilerplate, memorability, spokenness, transcriberNote} from './editorial.js'

/** How much each feature counts in a quote's score; they add up to 1. */
export const quoteWeights = {
  /** What makes a line worth posting: a claim, a contrast, advice, a number, a comparison (see `memorability`). */
  memorable: 0.21,
  /** How much of what is particular to its chapter the quote says. */
  keywords: 0.175,
  /** Guests first: listeners came for them. */
  speaker: 0.105,
  /** Lengths that sit well on a card. */
  length: 0.07,
  /** A statement, rather than a question or exclamation. */
  statement: 0.035,
  /** Few pronouns that point outside the quote. */
  selfContained: 0.07,
  /** The body over the teaser: the teaser repeats the body's best lines out of context. */
  body: 0.035,
  /**
   * A line from an answer the speaker develops (its paragraph's length, full
   * at `developedAnswer`), not a quip in passing: editors take their lines
   * from the long answers (in ../shared/eval their picks' paragraphs have a
   * median of 530 characters where all candidates' have 460).
   */
  developed: 0.3
} as const

/** Characters of a paragraph at which `developed` is full. */
export const developedAnswer = {zh: 280, en: 800} as const

/** A host's line counts this much of the same line by a guest. */
export const hostQuoteFactor = 0.7

/** Card-sized lengths, in characters. */
export const quoteLengths = {zh: {min: 15, ideal: 45, max: 90}, en: {min: 50, ideal: 130, max: 220}} as const

// Openings that lean on what came before: the quote would not stand alone.
const danglingZh =
  /^(?:所以|因此|因为|但是|但|可是|不过|而且|并且|而|然后|于是|还有|另外|此外|同时|或者|就是|也就是|那么|那|这|它|他|她|他们|它们|她们|这些|那些|这个|那个|这种|那种|这样|那样|对|是的|是啊|嗯|啊|哦|呃|好|好的|没错|当然|比如|例如|也|还|就|都|我是说|我的意思是|总之|换句话说|差不多|确实|的确|对的|哈哈|其实|反正|至少|不管怎样|听着|你看|你知道|简直|真是|天哪|哇)/u
const danglingEn =
  /^(?:and|so|but|because|or|also|then|otherwise|especially|going (?:a step )?further|i (?:totally |completely |absolutely |fully )?agree|that|that's|this|these|those|it|it's|its|they|they're|their|he|she|him|her|his|which|there you go|yeah|yes|no|well|right|um|uh|oh|okay|ok|alright|all right|wow|hey|look|listen|however|anyways?|sure|exactly|absolutely|totally|cool|like|i mean|actually|plus|though|as (?:you|i) (?:also )?(?:said|mentioned))\b/iu
// A tag said to the listener as a sentence of its own: "Right?", "You know?", 天哪。, 懂吗？ (a short sentence that is no tag may be the punchline: "Nothing worked.").
const tagSentence =
  /^(?:right|you know|you see|yeah|yes|okay|ok|exactly|totally|wow|gosh|man|dude|huh|anyway|whatever|sure|true|crazy|amazing|wild|insane|isn'?t it|don'?t you think|i mean|oh my god|my god|jeez|天哪|天啊|我的天|懂吗|懂了吗|明白吗|知道吗|你知道吗|你知道的|你懂的|对吧|是吧|对不对|是不是|好吧|是的|没错|真的|对|嗯|啊|哇|哈+)[\s,，.!?。！？…”"’'」』）)]*$/iu
const pronouns = /这|那|它|他们|她们|\b(?:it|this|that|they|them|these|those)\b/giu

function script(text: string): 'zh' | 'en' {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0
  return han / Math.max(1, text.replace(/\s/g, '').length) > 0.3 ? 'zh' : 'en'
}

/** Whether a stretch of sentences reads as a complete thought on its own. */
export function standsAlone(text: string): boolean {
  const trimmed = text.trim().replace(/^[“"‘'「『（(]+/u, '')
  if (!trimmed) return false
  // A sentence starts with a capital, a digit or a CJK character: not lower case, not punctuation.
  if (/^[\p{Ll}\p{P}\p{S}]/u.test(trimmed) || transcriberNote.test(text)) return false
  // A first sentence of a word or two is a reply ("Never.", "Exactly.", 差不多。), not a thought on its own.
  const first = /^[^.!?。！？]*[.!?。！？]/u.exec(trimmed)?.[0]
  if (first && first.length < trimmed.length && (/\p{Script=Han}/u.test(first) ? first.length <= 4 : first.trim().split(/\s+/).length <= 2)) return false
  // Nor is a tag after it ("Right?", "You know?", 天哪。): the speaker turning to the listener, not part of the thought.
  if (splitSentences(trimmed).slice(1).some((sentence) => tagSentence.test(sentence.text.trim()))) return false
  if (danglingZh.test(trimmed) || danglingEn.test(trimmed)) return false
  // A reply that ends on its yes: "In the moment, yeah."
  if (/^[^.!?]{0,30}\b(?:yeah|yes|exactly)[,.!]/iu.test(trimmed)) return false
  // Trailing off, or cut mid-quotation, is not a complete thought.
  if (/……|\.\.\.|——$|—$/u.test(text)) return false
  if (!/[。！!.？?][”"’'」』）)]*$/u.test(text.trim())) return false
  const open = (text.match(/[“「『]/gu) ?? []).length
  const close = (text.match(/[”」』]/gu) ?? []).length
  // Straight double quotes open and close alike: an odd count is a quotation cut off.
  return open === close && (text.match(/"/g) ?? []).length % 2 === 0
}

/**
 * A question put to someone ("Is the objective of a feature to make it…?"):
 * it waits for an answer, so it is no pull quote. A question the speaker
 * answers in the same quote ("Why does it matter? Because…") reads as a claim.
 */
export function asksSomeone(quote: string): boolean {
  // A question inside quotation marks is reported speech: 应该问自己：“我们该怎么办？”
  if (/[?？]$/u.test(quote.trim())) return true
  return splitSentences(quote).some((sentence) => /[?？]\s*$/u.test(sentence.text.trim()) && /\b(?:you|your|you're|y'all)\b|你|您/iu.test(sentence.text))
}

interface Candidate {
  turn: TurnInfo
  paragraph: Paragraph
  start: number
  end: number
  text: string
  /** Characters of the paragraph the quote is taken from. */
  paragraphLength: number
  chapter: number
  terms: Term[]
  score: number
  /** The score, plus 0.4 for the counterpart of a line in the cold open. */
  rank: number
}

export interface QuoteOptions {
  min: number
  max: number
  /** Paragraphs never to quote: likely sponsor reads no marker announced. */
  skip: Set<Paragraph>
  /** Characters a second of speech for the target count: one quote per quarter hour. */
  duration: number
  /** Texts removed by redaction: no quote may contain any of them. */
  removed: string[]
  map: SourceMap
  /** Quotes the producer pinned: chosen first, whatever their score. */
  pinned?: PinnedQuote[]
  /** Texts never to quote: a candidate holding one, or held in one, is passed over. */
  exclude?: string[]
}

/** A pinned text found in the transcript. */
export interface PinnedQuote {
  turn: TurnInfo
  paragraph: Paragraph
  start: number
  end: number
  text: string
}

/**
 * Picks card-worthy quotes: whole sentences from one turn by a named person,
 * standing alone, card-sized, scored by `quoteWeights`, spread across
 * chapters, with no two quotes saying the same thing.
 */
export function pickQuotes(turns: TurnInfo[], ranges: TurnRange[], chapterWeights: Array<Map<string, number>>, options: QuoteOptions): Quote[] {
  const chapterOf = new Map<number, number>()
  ranges.forEach((range, index) => {
    for (let i = range.first; i <= range.last; i++) chapterOf.set(i, index)
  })
  const candidates: Candidate[] = []
  for (const turn of turns) {
    // A named person: a role label such as 主持人 is not someone to quote.
    if (!isNamed(turn)) continue
    const chapter = chapterOf.get(turn.index) ?? 0
    for (const paragraph of turn.paragraphs) {
      if (options.skip.has(paragraph)) continue
      const text = toString(paragraph)
      const sentences = splitSentences(text)
      const sentenceTerms = sentences.map((sentence) => termsOf(sentence.text.trim()))
      for (let a = 0; a < sentences.length; a++) {
        for (let b = a; b < Math.min(sentences.length, a + 3); b++) {
          const start = sentences[a]!.start
          const end = sentences[b]!.end
          const quote = text.slice(start, end).trim()
          const lengths = quoteLengths[script(quote)]
          if (quote.length > lengths.max) break
          if (quote.length < lengths.min || !standsAlone(quote) || /[;；,，:：]$/u.test(text.slice(0, start).trimEnd()) || isBoilerplate(quote) || asksSomeone(quote)) continue
          if (options.removed.some((removed) => removed.includes(quote) || quote.includes(removed.trim()))) continue
          candidates.push({turn, paragraph, start, end: start + text.slice(start, end).trimEnd().length, text: quote, paragraphLength: text.length, chapter, terms: sentenceTerms.slice(a, b + 1).flat(), score: 0, rank: 0})
        }
      }
    }
  }
  const excluded = (text: string) => (options.exclude ?? []).some((ex) => text.includes(ex) || ex.includes(text))
  // A pin is chosen whatever its score: nothing of it is scored.
  const pinned: Candidate[] = (options.pinned ?? []).map((pin) => ({...pin, paragraphLength: 0, chapter: chapterOf.get(pin.turn.index) ?? 0, terms: [], score: 1, rank: Number.POSITIVE_INFINITY}))
  if (candidates.length === 0 && pinned.length === 0) return []

  const keywordScore = candidates.map((c) => {
    const weights = chapterWeights[c.chapter]!
    const seen = new Set<string>()
    let sum = 0
    for (const term of c.terms) {
      if (seen.has(term.key)) continue
      seen.add(term.key)
      sum += weights.get(term.key) ?? 0
    }
    return sum / Math.sqrt(Math.max(1, c.text.length / 10))
  })
  const topKeyword = Math.max(...keywordScore, 1e-9)
  // A cold open is the producers' own pick of the best moments: its lines'
  // counterparts in the conversation come first, quoted from the conversation.
  const teaser = turns.filter((t) => t.sectionKind === 'teaser').flatMap((t) => splitSentences(t.text).map((s) => s.text.trim()))
  candidates.forEach((c, i) => {
    const lengths = quoteLengths[script(c.text)]
    const spread = c.text.length <= lengths.ideal ? lengths.ideal - lengths.min : lengths.max - lengths.ideal
    const features = {
      memorable: memorability(c.text),
      keywords: keywordScore[i]! / topKeyword,
      speaker: c.turn.role === 'guest' ? 1 : isHost(c.turn) ? 0.4 : 0.6,
      length: Math.max(0, 1 - Math.abs(c.text.length - lengths.ideal) / spread),
      statement: /[。.][”"’'」』）)]*$/u.test(c.text) ? 1 : 0,
      selfContained: Math.max(0, 1 - (c.text.match(pronouns)?.length ?? 0) / 3),
      body: c.turn.sectionKind === 'teaser' || c.turn.sectionKind === 'intro' ? 0 : 1,
      developed: Math.min(1, c.paragraphLength / developedAnswer[script(c.text)])
    }
    c.score = Object.entries(quoteWeights).reduce((sum, [name, weight]) => sum + weight * features[name as keyof typeof features], 0)
    // A card is read, not heard: a self-interruption or filler reads as a transcript, not a quote.
    c.score = Math.max(0, c.score - 0.2 * hedging(c.text) - (isAnecdote(c.text) ? 0.1 : 0) - 0.15 * spokenness(c.text))
    // Listeners came for the guests: editors' picks are the guests' lines nearly always (90 of 94 in ../shared/eval).
    if (isHost(c.turn)) c.score *= hostQuoteFactor
    const teaserMoment = c.turn.sectionKind !== 'teaser' && !/[?？]$/u.test(c.text) && teaser.some((line) => line.length >= 8 && similar(line, c.text))
    c.rank = c.score + (teaserMoment ? 0.4 : 0)
  })

  const target = Math.max(options.min, Math.min(options.max, Math.round(options.duration / 900)))
  // A teaser line whose counterpart the conversation has is quoted from the conversation, where its time is real.
  const body = candidates.filter((c) => c.turn.sectionKind !== 'teaser')
  const eligible = candidates.filter(
    (c) => (c.turn.sectionKind !== 'teaser' || !body.some((b) => similar(b.text, c.text))) && !excluded(c.text) && !pinned.some((p) => similar(p.text, c.text))
  )
  const ordered = [...eligible].sort((a, b) => b.rank - a.rank || a.turn.index - b.turn.index || a.start - b.start)
  // The producer's pins first; the rest is filled in up to the usual count.
  const chosen: Candidate[] = [...pinned]
  // Up to two quotes a chapter first, then a third where there is room:
  // editors' picks cluster where the guest is at their best (founders-talk-53:
  // three of eight within five minutes), so one a chapter is too even a spread.
  for (let perChapter = 2; chosen.length < target && perChapter <= 3; perChapter++) {
    for (const candidate of ordered) {
      if (chosen.length >= target) break
      if (chosen.includes(candidate)) continue
      if (chosen.filter((c) => c.chapter === candidate.chapter).length >= perChapter) continue
      if (chosen.some((c) => c.turn === candidate.turn && !pinned.includes(c))) continue
      if (chosen.some((c) => similar(c.text, candidate.text))) continue
      chosen.push(candidate)
    }
  }
  return chosen
    .sort((a, b) => a.turn.index - b.turn.index || a.start - b.start)
    .map((c) => {
      const quote: Quote = {
        text: c.text,
        speaker: c.turn.speaker,
        turn: c.turn.id,
        chapter: c.chapter,
        score: Math.round(c.score * 1000) / 1000,
        by: pinned.includes(c) ? 'producer' : 'castline'
      }
      if (c.turn.person) quote.person = c.turn.person
      const start = locate(options.map, c.paragraph.children, c.start)
      const end = locate(options.map, c.paragraph.children, c.end)
      if (start && end) quote.position = {start, end}
      return quote
    })
}

// Selection compares each candidate with every quote already chosen: the
// pairs of a text are computed once, for a couple of episodes at a time.
const pairCache = new Map<string, Set<string>>()

function pairs(text: string): Set<string> {
  let set = pairCache.get(text)
  if (!set) {
    if (pairCache.size > 8_000) pairCache.clear()
    set = new Set<string>()
    const clean = text.replace(/[\s\p{P}]/gu, '').toLowerCase()
    for (let i = 0; i + 1 < clean.length; i++) set.add(clean.slice(i, i + 2))
    pairCache.set(text, set)
  }
  return set
}

/** Two quotes that share most of their character pairs say the same thing (a teaser clip and its original). */
export function similar(a: string, b: string): boolean {
  const pa = pairs(a)
  const pb = pairs(b)
  let shared = 0
  for (const pair of pa) if (pb.has(pair)) shared++
  return shared / Math.max(1, Math.min(pa.size, pb.size)) > 0.5
}
