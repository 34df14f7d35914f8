import type {} from '@castline/redact-ads'
import type {Root} from 'mdast'
import type {Person} from '@castline/parse'
import {SourceMap, normalizeName} from '@castline/parse'
import type {Paragraph} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {sponsorSignals} from './editorial.js'
import type {VFile} from 'vfile'
import type {ChapterOptions} from './chapters.js'
import {chapterRanges} from './chapters.js'
import type {TitleOptions} from './titles.js'
import {chapterTitles} from './titles.js'
import {pickQuotes} from './quotes.js'
import {sameSubject, summarize} from './summary.js'
import {terms} from './tokenize.js'
import {collectTurns} from './turns.js'
import type {Chapter, Displaced} from './types.js'
import type {Place, ProducerChoices} from './choices.js'
import {bareText, findPinned, resolveChapters} from './choices.js'
import type {PinnedQuote} from './quotes.js'

export interface Options {
  /** How chapters are cut (default: `defaultChapterOptions`). */
  chapters?: Partial<ChapterOptions> | undefined
  /** The episode's people, as given to parse: the summary names them as the episode's language does. */
  people?: Person[] | undefined
  /** The producer's choices (episode.yaml): chapters, titles, pinned and excluded quotes, summary. */
  choices?: ProducerChoices | undefined
  /** How many pull quotes (default 8 to 10: editors post 6 to 8 from an hour; one per quarter hour beyond). */
  quotes?: {min?: number; max?: number} | undefined
  /** The show's own names (its title, a short form, a translation): said in every episode, they title no chapter. */
  show?: string[] | undefined
}

const source = 'castline-summarize'

/** Calibrated on real conversation (bench/eval-summarize over ../shared/eval). */
export const defaultChapterOptions: ChapterOptions = {minMinutes: 1.5, maxMinutes: 12, penalty: 0.6, prior: 0.1, cueWeight: 6}

/**
 * Adds chapters, pull quotes and a summary to `file.data`, from a speaker AST
 * (after redact-ads, so no ad text can be quoted).
 */
export function remarkSummarize(options?: Options | null) {
  const chapterOptions: ChapterOptions = {...defaultChapterOptions, ...options?.chapters}
  const quotes = {min: 8, max: 10, ...options?.quotes}
  if (!(chapterOptions.minMinutes > 0 && chapterOptions.minMinutes <= chapterOptions.maxMinutes)) {
    throw new TypeError('@castline/summarize: `chapters` must satisfy 0 < minMinutes ≤ maxMinutes')
  }
  if (!(Number.isFinite(chapterOptions.penalty) && chapterOptions.penalty >= 0)) {
    throw new TypeError('@castline/summarize: `chapters.penalty` must be a number of 0 or more')
  }
  if (!(Number.isInteger(quotes.min) && Number.isInteger(quotes.max) && quotes.min >= 0 && quotes.min <= quotes.max)) {
    throw new TypeError('@castline/summarize: `quotes` must satisfy 0 ≤ min ≤ max, whole numbers')
  }
  const show = options?.show ?? []
  if (!Array.isArray(show) || show.some((name) => typeof name !== 'string' || !name.trim())) {
    throw new TypeError('@castline/summarize: `show` must be a list of names, none empty')
  }

  return function transformer(tree: Root, file: VFile): void {
    const turns = collectTurns(tree)
    file.data.chapters = []
    file.data.quotes = []
    file.data.summary = ''
    file.data.summaryBy = 'castline'
    file.data.displaced = {}
    if (turns.length === 0) {
      file.message('No speaker turns to summarize', {ruleId: 'nothing-to-summarize', source})
      return
    }
    const end = Math.max(file.data.timing?.duration ?? 0, turns.at(-1)!.start)
    const termsOf = turns.map((turn) => terms(turn.text))
    let ranges = chapterRanges(turns, termsOf, chapterOptions, end)

    // The speakers' own names say nothing about a chapter.
    const exclude = new Set<string>()
    for (const turn of turns) {
      for (const name of [turn.speaker, turn.node.speaker.label]) {
        for (const part of name.split(/[\s·・（）(),]+/u)) if (part.replace(/\./g, '').length > 1) exclude.add(normalizeName(part).toLowerCase())
        for (const term of terms(name)) exclude.add(term.key)
      }
    }
    // Sponsor reads no marker announced: said, so not removed, but never quoted, summarized or made a title.
    const skip = new Set<Paragraph>()
    for (const turn of turns) {
      for (const paragraph of turn.paragraphs) {
        if (sponsorSignals(toString(paragraph)) < 2) continue
        skip.add(paragraph)
        file.message('This reads like a sponsor read or promo that no ad marker announced: it is kept out of quotes, the summary and chapter titles. Mark it as an ad break to remove it', {
          place: paragraph.position,
          ruleId: 'likely-sponsor-read',
          source
        })
      }
    }
    const titleOptions: TitleOptions = {
      language: file.data.language ?? 'en',
      exclude,
      show,
      skip,
      sectionName: (turn) => {
        const section = tree.children.filter((node) => node.type === 'section')[turn.section]
        return section?.type === 'section' && (section.kind === 'teaser' || section.kind === 'intro') ? section.name : undefined
      }
    }
    let subjects = chapterTitles(ranges, turns, titleOptions)
    let chapters: Chapter[] = ranges.map((range, index) => ({
      startTime: index === 0 ? 0 : turns[range.first]!.start,
      estimated: turns[range.first]!.estimated,
      title: subjects[index]!.title,
      firstTurn: turns[range.first]!.id,
      lastTurn: turns[range.last]!.id,
      by: 'castline'
    }))

    // The producer's choices replace Castline's; what they replace is kept, to take back.
    const choices = options?.choices
    const displaced: Displaced = {}
    const report = (reason: string, place: Place | undefined, ruleId: string, fatal = true) => {
      const message = (choices?.file ?? file).message(reason, {place, ruleId, source: 'castline-choices'})
      message.fatal = fatal
    }
    if (choices?.chapters) {
      const resolved = resolveChapters(choices.chapters, turns, end, report)
      if (resolved) {
        displaced.chapters = chapters
        ranges = resolved.map((chapter) => chapter.range)
        // The summary names the subjects of the producer's chapters, however many there are.
        subjects = chapterTitles(ranges, turns, titleOptions)
        chapters = resolved.map(({range, startTime, title}) => ({
          startTime,
          estimated: turns[range.first]!.estimated,
          title,
          firstTurn: turns[range.first]!.id,
          lastTurn: turns[range.last]!.id,
          by: 'producer'
        }))
      }
    } else if (choices?.titles) {
      for (const {chapter, title, place} of choices.titles) {
        const automatic = chapters[chapter - 1]
        if (!automatic) {
          report(`There is no chapter ${chapter}: the episode has ${chapters.length}`, place, 'no-such-chapter')
          continue
        }
        displaced.chapters = [...(displaced.chapters ?? []), automatic]
        chapters[chapter - 1] = {...automatic, title: title.trim(), by: 'producer'}
      }
    }
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
    const pinned: PinnedQuote[] = []
    for (const pin of choices?.pin ?? []) {
      const found = findPinned(pin.text, turns)
      if (found) pinned.push(found)
      else if (removed.some((text) => bareText(text).includes(bareText(pin.text)))) report('This pinned quote is in an ad break or promo that was removed: it cannot be a quote', pin.place, 'pin-in-ad')
      else report('This pinned quote is not in the transcript word for word: copy it from transcript.md (after ads are removed)', pin.place, 'pin-not-found')
    }
    const excluded = (choices?.exclude ?? []).map(({text, place}) => {
      if (!turns.some((turn) => bareText(turn.text).includes(bareText(text)))) report('This excluded text is not in the transcript, so it excludes nothing', place, 'exclude-not-found', false)
      return text.trim()
    })
    const quoteOptions = {...quotes, duration: end, removed, skip, map: new SourceMap(file)}
    const picked = pickQuotes(turns, ranges, chapterWeights, {...quoteOptions, pinned, exclude: excluded})
    if (pinned.length > 0 || excluded.length > 0) {
      const chosen = new Set(picked.map((q) => q.text))
      displaced.quotes = pickQuotes(turns, ranges, chapterWeights, quoteOptions).filter((q) => !chosen.has(q.text))
    }
    if (picked.length < quotes.min) {
      file.message(`Found ${picked.length} quote(s) that stand alone and fit a card; wanted at least ${quotes.min}`, {ruleId: 'few-quotes', source})
    }

    const episodeWeights = new Map<string, number>()
    for (const map of chapterWeights) for (const [key, weight] of map) episodeWeights.set(key, (episodeWeights.get(key) ?? 0) + weight)
    const chapterOf = (index: number) => ranges.findIndex((range) => index >= range.first && index <= range.last)
    // The subjects in the order they come up: the chapters' first key phrases that the
    // whole conversation says most. With a chapter every few minutes, the longest
    // chapters are no guide to what the episode is about; what keeps coming back is.
    const text = turns.map((turn) => turn.text.toLowerCase()).join('\n')
    const saidInEpisode = (phrase: string) => text.split(phrase.toLowerCase().replace(/(?<=\p{Script=Han}) | (?=\p{Script=Han})/gu, '')).length - 1
    const mainSubjects = ranges
      .map((_, index) => ({index, phrase: subjects[index]!.phrases[0]}))
      .filter(({index, phrase}) => phrase !== undefined && !(index === 0 && subjects.length > 1 && turns[0]!.sectionKind === 'teaser'))
      .map(({index, phrase}) => ({index, phrase: phrase!, said: saidInEpisode(phrase!)}))
      .sort((a, b) => b.said - a.said || a.index - b.index)
      // A subject that heads several chapters is named once, and the next subjects still get their place;
      // by its fuller name when that is said nearly as often ("TypeScript ESLint" over "TypeScript").
      .reduce<Array<{index: number; phrase: string; said: number}>>((named, subject) => {
        const same = named.find((other) => sameSubject(other.phrase, subject.phrase))
        if (!same) named.push({...subject})
        else if (subject.phrase.length > same.phrase.length && subject.said >= 0.5 * same.said) Object.assign(same, {phrase: subject.phrase, said: subject.said})
        return named
      }, [])
      .slice(0, 3)
      .sort((a, b) => a.index - b.index)
      .map(({phrase}) => phrase)
    const sentences = summarize(turns, {
      language: file.data.language ?? 'en',
      weights: episodeWeights,
      chapterOf,
      subjects: mainSubjects,
      people: options?.people ?? [],
      avoid: picked.map((q) => q.text),
      skip
    })
    if (sentences.length < 2) file.message('Too little standalone speech for a two-sentence summary', {ruleId: 'short-summary', source})

    const automatic = sentences.join(file.data.language === 'en' ? ' ' : '')
    if (choices?.summary !== undefined) displaced.summary = automatic
    file.data.chapters = chapters
    file.data.quotes = picked
    file.data.summary = choices?.summary?.trim() ?? automatic
    file.data.summaryBy = choices?.summary === undefined ? 'castline' : 'producer'
    file.data.displaced = displaced
  }
}
