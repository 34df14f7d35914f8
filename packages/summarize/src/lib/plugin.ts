import type {} from '@castline/redact-ads'
import type {Root} from 'mdast'
import {SourceMap, normalizeName} from '@castline/parse'
import type {VFile} from 'vfile'
import type {ChapterLengths} from './chapters.js'
import {chapterRanges, chapterTitles} from './chapters.js'
import {pickQuotes} from './quotes.js'
import {summarize} from './summary.js'
import {terms} from './tokenize.js'
import {collectTurns} from './turns.js'
import type {Chapter} from './types.js'

export interface Options {
  /** Chapter lengths in minutes of speech (default 6, 8, 12). */
  chapterMinutes?: Partial<ChapterLengths> | undefined
  /** How many pull quotes (default 6 to 10, one per quarter hour in between). */
  quotes?: {min?: number; max?: number} | undefined
}

const source = 'castline-summarize'

/**
 * Adds chapters, pull quotes and a summary to `file.data`, from a speaker AST
 * (after redact-ads, so no ad text can be quoted).
 */
export function remarkSummarize(options?: Options | null) {
  const lengths: ChapterLengths = {min: 6, target: 8, max: 12, ...options?.chapterMinutes}
  const quotes = {min: 6, max: 10, ...options?.quotes}
  if (!(lengths.min > 0 && lengths.min <= lengths.target && lengths.target <= lengths.max)) {
    throw new TypeError('@castline/summarize: `chapterMinutes` must satisfy 0 < min ≤ target ≤ max')
  }
  if (!(Number.isInteger(quotes.min) && Number.isInteger(quotes.max) && quotes.min >= 0 && quotes.min <= quotes.max)) {
    throw new TypeError('@castline/summarize: `quotes` must satisfy 0 ≤ min ≤ max, whole numbers')
  }

  return function transformer(tree: Root, file: VFile): void {
    const turns = collectTurns(tree)
    file.data.chapters = []
    file.data.quotes = []
    file.data.summary = ''
    if (turns.length === 0) {
      file.message('No speaker turns to summarize', {ruleId: 'nothing-to-summarize', source})
      return
    }
    const end = Math.max(file.data.timing?.duration ?? 0, turns.at(-1)!.start)
    const termsOf = turns.map((turn) => terms(turn.text))
    const ranges = chapterRanges(turns, termsOf, lengths, end)

    // The speakers' own names say nothing about a chapter.
    const exclude = new Set<string>()
    for (const turn of turns) {
      for (const name of [turn.speaker, turn.node.speaker.label]) {
        for (const part of name.split(/[\s·・（）()]+/u)) if (part) exclude.add(normalizeName(part))
        for (const term of terms(name)) exclude.add(term.key)
      }
    }
    const titles = chapterTitles(ranges, turns, termsOf, {
      language: file.data.language ?? 'en',
      exclude,
      sectionName: (turn) => {
        const section = tree.children.filter((node) => node.type === 'section')[turn.section]
        return section?.type === 'section' && (section.kind === 'teaser' || section.kind === 'intro') ? section.name : undefined
      }
    })
    const chapters: Chapter[] = ranges.map((range, index) => ({
      startTime: index === 0 ? 0 : turns[range.first]!.start,
      estimated: turns[range.first]!.estimated,
      title: titles[index]!,
      firstTurn: turns[range.first]!.id,
      lastTurn: turns[range.last]!.id
    }))
    if (chapters.length === 1) {
      file.message('The episode is too short or too uniform for more than one chapter', {ruleId: 'one-chapter', source})
    }

    // Weight of each word in each chapter, for quotes; over the episode, for the summary.
    const chapterWeights = ranges.map((range) => {
      const map = new Map<string, number>()
      for (let i = range.first; i <= range.last; i++) for (const term of termsOf[i]!) map.set(term.key, (map.get(term.key) ?? 0) + 1)
      return map
    })
    const df = new Map<string, number>()
    for (const map of chapterWeights) for (const key of map.keys()) df.set(key, (df.get(key) ?? 0) + 1)
    for (const map of chapterWeights) {
      for (const [key, count] of map) map.set(key, (1 + Math.log(count)) * Math.log(1 + chapterWeights.length / df.get(key)!))
    }
    const removed = (file.data.redactions ?? []).map((r) => r.text).filter((text) => text.trim().length > 0)
    const picked = pickQuotes(turns, ranges, chapterWeights, {...quotes, duration: end, removed, map: new SourceMap(file)})
    if (picked.length < quotes.min) {
      file.message(`Found ${picked.length} quote(s) that stand alone and fit a card; wanted at least ${quotes.min}`, {ruleId: 'few-quotes', source})
    }

    const episodeWeights = new Map<string, number>()
    for (const map of chapterWeights) for (const [key, weight] of map) episodeWeights.set(key, (episodeWeights.get(key) ?? 0) + weight)
    const chapterOf = (index: number) => ranges.findIndex((range) => index >= range.first && index <= range.last)
    const guestNames = [...new Set(turns.filter((t) => t.role === 'guest').flatMap((t) => [t.speaker, t.node.speaker.label, ...t.speaker.split(/\s+/)]))]
    const sentences = summarize(turns, {weights: episodeWeights, chapterOf, guestNames, avoid: picked.map((q) => q.text)})
    if (sentences.length < 2) file.message('Too little standalone speech for a two-sentence summary', {ruleId: 'short-summary', source})

    file.data.chapters = chapters
    file.data.quotes = picked
    file.data.summary = sentences.join(file.data.language === 'en' ? ' ' : '')
  }
}
