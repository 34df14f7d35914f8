import type {Language} from '@castline/parse'
import {segment} from './segment.js'
import type {Term} from './tokenize.js'
import {generalRarity, genericWords} from './tokenize.js'
import type {TurnInfo} from './turns.js'
import {isHost, isHostQuestion} from './turns.js'

export interface ChapterLengths {
  /** Minutes of speech: no chapter shorter, unless the episode is. */
  min: number
  /** The length aimed at. */
  target: number
  /** No chapter longer, unless the subject never changes. */
  max: number
}

/** A chapter as a range of turns, before it has a title. */
export interface TurnRange {
  first: number
  last: number
}

/**
 * Splits the turns into chapters: the teaser and intro sections as one short
 * chapter of their own, then the body where its subject changes.
 */
export function chapterRanges(turns: TurnInfo[], termsOf: Term[][], lengths: ChapterLengths, end: number): TurnRange[] {
  if (turns.length === 0) return []
  let bodyStart = 0
  while (bodyStart < turns.length && (turns[bodyStart]!.sectionKind === 'teaser' || turns[bodyStart]!.sectionKind === 'intro')) bodyStart++
  const ranges: TurnRange[] = []
  if (bodyStart > 0 && bodyStart < turns.length) ranges.push({first: 0, last: bodyStart - 1})
  else bodyStart = 0

  const seconds = (index: number) => (turns[index + 1]?.start ?? end) - turns[index]!.start
  const body = turns.slice(bodyStart)
  const bodySeconds = body.reduce((sum, turn) => sum + seconds(turn.index), 0)
  const minutes = bodySeconds / 60
  const count = Math.max(
    1,
    Math.min(Math.floor(minutes / lengths.min), Math.max(Math.ceil(minutes / lengths.max), Math.round(minutes / lengths.target)))
  )
  const blocks = body.map((turn, i) => ({
    terms: termsOf[turn.index]!.map((term) => term.key),
    seconds: seconds(turn.index),
    cue: Math.min(1, (isHostQuestion(turn) ? 0.6 : 0) + (i > 0 && body[i - 1]!.section !== turn.section ? 0.4 : 0))
  }))
  const cuts = snap(segment(blocks, {count, minSeconds: lengths.min * 60}), body)
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

export interface TitleOptions {
  language: Language
  /** Words never to put in a title: the speakers' own names. */
  exclude: Set<string>
  /** Names of sections, by turn index, for the teaser chapter. */
  sectionName?: (turn: TurnInfo) => string | undefined
}

const limits = {zh: 16, en: 60}

// Idioms and set phrases (如沐春风, 四舍五入) colour a chapter but do not name its subject.
const titleTags = new Set(['n', 'nr', 'nrt', 'ns', 'nt', 'nz', 'ng', 'vn', 'eng'])

/**
 * A short, specific title for each chapter from what is said in it: the words
 * most particular to that chapter (frequent in it, rare in the others and in
 * general language), favouring those of the host question that opens it.
 */
export function chapterTitles(ranges: TurnRange[], turns: TurnInfo[], termsOf: Term[][], options: TitleOptions): string[] {
  const chinese = options.language !== 'en'
  const counts = ranges.map((range) => {
    const map = new Map<string, {count: number; surfaces: Map<string, number>}>()
    for (let i = range.first; i <= range.last; i++) {
      for (const term of termsOf[i]!) {
        // Reduplicated verbs (试试, 问问, 看看) are often tagged as nouns.
        if (/^(\p{Script=Han})\1$/u.test(term.surface)) continue
        if (!titleTags.has(term.tag) || genericWords.has(term.surface.toLowerCase()) || options.exclude.has(term.key) || options.exclude.has(term.surface.toLowerCase())) continue
        const entry = map.get(term.key) ?? {count: 0, surfaces: new Map()}
        entry.count++
        entry.surfaces.set(term.surface, (entry.surfaces.get(term.surface) ?? 0) + 1)
        map.set(term.key, entry)
      }
    }
    return map
  })
  const df = new Map<string, number>()
  for (const map of counts) for (const key of map.keys()) df.set(key, (df.get(key) ?? 0) + 1)

  const used = new Set<string>()
  return ranges.map((range, index) => {
    const opening = new Set<string>()
    for (let i = range.first; i <= Math.min(range.last, range.first + 2); i++) {
      if (isHost(turns[i]!)) for (const term of termsOf[i]!) opening.add(term.key)
    }
    const ranked = [...counts[index]!]
      .map(([key, {count, surfaces}]) => {
        const surface = [...surfaces].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0]
        const distinct = Math.log(1 + ranges.length / df.get(key)!)
        const rarity = Math.min(1, Math.max(0.3, generalRarity(surface) / 12))
        // Frequency first: a subject is talked about, not mentioned once.
        const score = count * distinct * rarity * (opening.has(key) ? 1.5 : 1) * (count >= 2 || opening.has(key) ? 1 : 0.2)
        return {key, surface, score}
      })
      .sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1))
    // One word that contains another says the same thing twice.
    const picked: Array<{surface: string; score: number}> = []
    for (const {surface, score} of ranked) {
      if (picked.some(({surface: w}) => w.toLowerCase().includes(surface.toLowerCase()) || surface.toLowerCase().includes(w.toLowerCase()))) continue
      picked.push({surface, score})
      if (picked.length >= 6) break
    }
    // A third word only when it is nearly as particular as the second: weak ones are noise.
    const strongThird = picked.length >= 3 && picked[2]!.score >= 0.6 * picked[1]!.score
    const words = picked.map((p) => p.surface)
    const prefix = turns[range.first] && range.first === 0 ? options.sectionName?.(turns[0]!) : undefined
    const title = compose(words, chinese, used, prefix, strongThird ? 3 : 2)
    used.add(title)
    return title
  })
}

function compose(words: string[], chinese: boolean, used: Set<string>, prefix: string | undefined, most: number): string {
  const limit = chinese ? limits.zh : limits.en
  const join = (parts: string[]) => {
    const shown = chinese ? parts : parts.map((w) => w[0]!.toUpperCase() + w.slice(1))
    if (shown.length === 1) return shown[0]!
    return chinese
      ? `${shown.slice(0, -1).join('、')}与${shown.at(-1)}`
      : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`
  }
  const withPrefix = (text: string) => (prefix ? `${prefix}${chinese ? '：' : ': '}${text}` : text)
  // Try three words, then two, then one, over successive runs of the ranking,
  // until a title fits and is not taken.
  for (const size of [3, 2, 1].filter((n) => n <= most)) {
    for (let start = 0; start + size <= words.length; start++) {
      const candidate = withPrefix(join(words.slice(start, start + size)))
      if (candidate.length <= limit && !used.has(candidate)) return candidate
      const plain = join(words.slice(start, start + size))
      if (prefix && plain.length <= limit && !used.has(plain)) return plain
    }
  }
  if (prefix && !used.has(prefix)) return prefix
  let n = 2
  const base = words[0] ?? prefix ?? (chinese ? '对话' : 'Conversation')
  while (used.has(`${base} ${n}`)) n++
  return used.has(base) ? `${base} ${n}` : base
}
