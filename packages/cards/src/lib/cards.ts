import {availableParallelism} from 'node:os'
import type {CardQuote, CardSize, CardStyle} from './card.js'
import {CardError, cardSizes, quoted, renderCard} from './card.js'
import {shortHash} from './hash.js'

/** One card made, as cards.json lists it. */
export interface CardInfo {
  /** Path under the episode's output folder: `cards/quote-01-square-<hash>.png`, the hash of its bytes. */
  file: string
  /** Index of the quote in quotes.json. */
  quote: number
  text: string
  speaker: string
  size: CardSize
  /** The quote and who said it, for screen readers. */
  alt: string
}

export interface CardProblem {
  quote: number
  size: CardSize['name']
  reason: string
  ruleId: CardError['ruleId']
}

export interface CardsResult {
  cards: CardInfo[]
  /** File name to PNG bytes. */
  images: Map<string, Buffer>
  problems: CardProblem[]
}

export function altText(quote: CardQuote, language: CardStyle['language']): string {
  return language === 'zh' ? `${quote.speaker}说：${quoted(quote.text)}` : `${quote.speaker}: ${quoted(quote.text)}`
}

/**
 * Three cards for every quote given, rendered a few at a time so that every core
 * works (sharp runs each render on libuv's thread pool). A quote that cannot
 * become a card is a problem reported, not a crash; the others still render.
 */
export async function renderCards(quotes: Array<CardQuote & {index?: number}>, style: CardStyle, concurrency = availableParallelism()): Promise<CardsResult> {
  // A quote keeps its own number (its index in quotes.json) when only some get cards.
  const jobs = quotes.flatMap((quote, position) => cardSizes.map((size) => ({quote, index: quote.index ?? position, size})))
  const done: Array<{info: CardInfo; png: Buffer} | CardProblem> = new Array(jobs.length)
  let next = 0
  const worker = async () => {
    while (next < jobs.length) {
      const at = next++
      const {quote, index, size} = jobs[at]!
      try {
        const png = await renderCard(quote, size, style)
        // The picture's own hash in its name: an edited card gets a new address, so platforms and hosts never show the old one.
        const file = `cards/quote-${String(index + 1).padStart(2, '0')}-${size.name}-${shortHash(png)}.png`
        done[at] = {info: {file, quote: index, text: quote.text, speaker: quote.speaker, size, alt: altText(quote, style.language)}, png}
      } catch (error) {
        if (!(error instanceof CardError)) throw error
        done[at] = {quote: index, size: size.name, reason: error.message, ruleId: error.ruleId}
      }
    }
  }
  await Promise.all(Array.from({length: Math.max(1, Math.min(concurrency, jobs.length))}, worker))
  const result: CardsResult = {cards: [], images: new Map(), problems: []}
  for (const entry of done) {
    if ('info' in entry) {
      result.cards.push(entry.info)
      result.images.set(entry.info.file, entry.png)
    } else {
      result.problems.push(entry)
    }
  }
  return result
}
