import type {Language, Person} from '@castline/parse'
import {quoted, splitSentences} from '@castline/parse'
import type {Paragraph} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {isAnecdote, isBoilerplate, memorability, spokenness} from './editorial.js'
import {quoteLengths, similar, standsAlone} from './quotes.js'
import {terms} from './tokenize.js'
import type {TurnInfo} from './turns.js'
import {isHost, isNamed} from './turns.js'

export interface SummaryOptions {
  language: Language
  /** Weight of each content word over the whole episode. */
  weights: Map<string, number>
  /** Chapter index by turn index, to take sentences from different chapters. */
  chapterOf: (turn: number) => number
  /** The subjects of the episode, in the order they come up (key phrases of its chapters). */
  subjects: string[]
  /** The people of episode.yaml, to name them as the episode's language does. */
  people: Person[]
  /** Sentences not to repeat (the pull quotes). */
  avoid: string[]
  /** Paragraphs never to use: likely sponsor reads. */
  skip: Set<Paragraph>
}

/**
 * Two to four sentences an editor would publish: first who talks with whom
 * about what, built from the speakers' names and the chapters' subjects
 * (「埃隆·马斯克与彼得·戴曼迪斯谈……」, "Mike Eastham joins Natalie
 * Pistunovich to talk about …"); then one or two of the guests' central
 * claims, verbatim and each a whole sentence that stands alone, in the order
 * they were said, each quoted with its speaker's name.
 */
export function summarize(turns: TurnInfo[], options: SummaryOptions): string[] {
  const chinese = options.language !== 'en'
  const lede = introduction(turns, options, chinese)
  interface Sentence {
    text: string
    turn: TurnInfo
    order: number
    score: number
  }
  const sentences: Sentence[] = []
  // The guests' claims; the hosts' only in a show with no guest (a news show, a monologue).
  const talk = (pick: (turn: TurnInfo) => boolean) => turns.filter(pick).reduce((sum, turn) => sum + turn.text.length, 0)
  const all = talk(() => true)
  const anyGuest = talk((turn) => isNamed(turn) && !isHost(turn)) >= 0.05 * all
  // Someone heard for a line or two (a clip, an AI asked a question) is not whose claims sum up the episode.
  const share = new Map<string, number>()
  for (const turn of turns) share.set(turn.speaker, (share.get(turn.speaker) ?? 0) + turn.text.length / Math.max(1, all))
  for (const turn of turns) {
    if (!isNamed(turn) || (anyGuest && isHost(turn)) || share.get(turn.speaker)! < 0.05 || turn.sectionKind === 'teaser' || turn.sectionKind === 'outro') continue
    for (const paragraph of turn.paragraphs) {
      if (options.skip.has(paragraph)) continue
      for (const piece of splitSentences(toString(paragraph))) {
        const text = piece.text.trim()
        const lengths = quoteLengths[/\p{Script=Han}/u.test(text) ? 'zh' : 'en']
        // A claim, not a question (some transcripts end questions with a full stop).
        if (text.length < lengths.min || text.length > lengths.max || !standsAlone(text) || isBoilerplate(text) || /[?？]$|^(?:what|how|why|who|which|where|when)\b|吗。$/iu.test(text)) continue
        const keys = new Set(terms(text).map((term) => term.key))
        let sum = 0
        for (const key of keys) sum += options.weights.get(key) ?? 0
        // What the episode claims, not what the speaker once did or heard said.
        const told = isAnecdote(text) || /["“「]/u.test(text) ? 0.5 : 1
        // A summary is read, not heard: talk that needs its conversation scores low.
        const written = 1 - 0.7 * spokenness(text)
        // A claim in the speaker's own voice needs their name beside it: one that needs none reads better.
        const own = firstPerson(text) ? 0.6 : 1
        sentences.push({text, turn, order: sentences.length, score: (sum / Math.sqrt(text.length)) * (1 + memorability(text)) * told * written * own})
      }
    }
  }
  const chosen: Sentence[] = []
  const ranked = sentences.filter((s) => !options.avoid.some((quote) => similar(quote, s.text))).sort((a, b) => b.score - a.score || a.order - b.order)
  // One claim a chapter, so the summary spans the episode; a second from the
  // same chapter only when there are too few chapters for two.
  for (const sameChapter of [false, true]) {
    for (const sentence of ranked) {
      if (chosen.length >= (lede ? 2 : 3)) break
      if (chosen.some((c) => c === sentence || similar(c.text, sentence.text) || c.turn === sentence.turn)) continue
      if (!sameChapter && chosen.some((c) => options.chapterOf(c.turn.index) === options.chapterOf(sentence.turn.index))) continue
      chosen.push(sentence)
    }
  }
  const people = new Map(options.people.map((person) => [person.id, person]))
  const nameOf = (turn: TurnInfo) => {
    const person = turn.person ? people.get(turn.person) : undefined
    return person ? nameInLanguage(person, chinese ? 'zh' : 'en') : turn.speaker
  }
  // A line taken from the conversation says who said it, as print does: quoted and attributed,
  // so no speaker's claim ("I", "we", or a prediction) reads as the show's own.
  // The same speaker again is not named again: they come from later chapters, in order.
  const claims = chosen
    .sort((a, b) => a.order - b.order)
    .map((s, i, all) => (i > 0 && nameOf(all[i - 1]!.turn) === nameOf(s.turn) ? attributedAgain(s.text, chinese) : attributed(s.text, nameOf(s.turn), chinese)))
  return lede ? [lede, ...claims] : claims
}

const firstPersonEn = /\b(?:I|I'm|I've|I'd|I'll|me|my|mine|myself|we|we're|we've|we'd|we'll|us|our|ours|ourselves)\b/u
const firstPersonZh = /我|咱/u

/** A sentence in the speaker's own voice: "I", "we", 我. */
export function firstPerson(text: string): boolean {
  return /\p{Script=Han}/u.test(text) ? firstPersonZh.test(text) : firstPersonEn.test(text.replace(/^(?:We|Our|My)\b/u, (w) => w.toLowerCase()).replace(/\bi\b/u, 'I')) || /^(?:we|our|my|us)\b/iu.test(text)
}

/** A sentence quoted with its speaker's name, as a summary in print does. */
export function attributed(text: string, name: string, chinese: boolean): string {
  if (chinese) return spaced(`${name}说：${quoted(text.trim())}`)
  // Straight quotation marks are curled first, so that they nest too.
  return `${name}: ${quoted(text.trim().replace(/"([^"]*)"/gu, '“$1”'))}`
}

/** A later line by the speaker just quoted: 随后又说：“…”, "Later: “…”". */
export function attributedAgain(text: string, chinese: boolean): string {
  if (chinese) return spaced(`随后又说：${quoted(text.trim())}`)
  return `Later: ${quoted(text.trim().replace(/"([^"]*)"/gu, '“$1”'))}`
}

/**
 * The name a listener of this language knows a person by: the one episode.yaml
 * gives for it (`names: {zh: 埃隆·马斯克}`); else, in a Chinese episode, the
 * first name or alias in Chinese script; else the name.
 */
export function nameInLanguage(person: Pick<Person, 'name' | 'aliases' | 'names'>, language: Language): string {
  const given = person.names?.[language === 'zh' ? 'zh' : 'en']
  if (given) return given
  if (language !== 'zh') return person.name
  return [person.name, ...(person.aliases ?? [])].find((name) => /\p{Script=Han}/u.test(name)) ?? person.name
}

function list(items: string[], chinese: boolean): string {
  if (items.length <= 1) return items[0] ?? ''
  return chinese ? `${items.slice(0, -1).join('、')}与${items.at(-1)}` : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}

/** Who talks with whom about what, as one sentence; undefined when there is nothing to say it with. */
function introduction(turns: TurnInfo[], options: SummaryOptions, chinese: boolean): string | undefined {
  const people = new Map(options.people.map((person) => [person.id, person]))
  const words = new Map<string, {name: string; role: string | undefined; words: number; turns: number}>()
  for (const turn of turns) {
    if (!isNamed(turn)) continue
    const person = turn.person ? people.get(turn.person) : undefined
    const name = person ? nameInLanguage(person, chinese ? 'zh' : 'en') : turn.speaker
    const entry = words.get(name) ?? {name, role: turn.role, words: 0, turns: 0}
    entry.words += turn.text.length
    entry.turns++
    words.set(name, entry)
  }
  // Someone heard for a line or two (a clip, an AI asked a question) is not who the episode is with;
  // a host asking short questions is, though their share of the words is small.
  const total = [...words.values()].reduce((sum, s) => sum + s.words, 0)
  const speakers = [...words.values()].filter((s) => s.words >= 0.03 * total || (s.role && s.role !== 'guest' && s.turns >= 3))
  const guests = speakers.filter((s) => s.role === 'guest').sort((a, b) => b.words - a.words).map((s) => s.name)
  const hosts = speakers.filter((s) => s.role && s.role !== 'guest' && s.role !== 'announcer' && s.role !== 'producer').sort((a, b) => b.words - a.words).map((s) => s.name)
  const subjects = unique(options.subjects).slice(0, 3)
  if (subjects.length === 0) return undefined
  const about = list(subjects, chinese)
  if (chinese) {
    // 、 inside each group, 与 between them: 埃隆·马斯克与彼得·戴曼迪斯、戴夫·布伦登谈……
    if (guests.length && hosts.length) return spaced(`${guests.join('、')}与${hosts.join('、')}谈${about}。`)
    return spaced(`本期${guests.length ? `${list(guests, true)}` : ''}谈${about}。`)
  }
  if (guests.length && hosts.length) return `${list(guests, false)} ${guests.length > 1 ? 'join' : 'joins'} ${list(hosts, false)} to talk about ${about}.`
  if (speakers.length >= 2) return `${list(speakers.map((s) => s.name).slice(0, 3), false)} talk about ${about}.`
  if (speakers.length === 1) return `${speakers[0]!.name} on ${about}.`
  return `This episode is about ${about}.`
}

function unique(items: string[]): string[] {
  return items.filter((item, i) => !items.slice(0, i).some((other) => sameSubject(other, item)))
}

/**
 * One subject said two ways: one phrase's words inside the other's
 * ("startup" in "startup founder"; 长寿 in 长寿逃逸速度), whole words only, so
 * AI is not xAI.
 */
export function sameSubject(a: string, b: string): boolean {
  const words = (phrase: string) => ` ${phrase.toLowerCase().replace(/(\p{Script=Han})/gu, ' $1 ').replace(/\s+/gu, ' ').trim()} `
  const x = words(a)
  const y = words(b)
  return x.includes(y) || y.includes(x)
}

/** A space between Chinese and Latin words (埃隆·马斯克谈 AI 与能源). */
export function spaced(text: string): string {
  return text.replace(/(\p{Script=Han})([A-Za-z0-9])/gu, '$1 $2').replace(/([A-Za-z0-9])(\p{Script=Han})/gu, '$1 $2')
}
