import type {Paragraph} from 'mdast'
import type {Language} from '@castline/parse'
import {splitSentences} from '@castline/parse'
import {BrandFinder} from '@castline/redact-ads'
import {stemmer} from 'stemmer'
import {titleCase} from 'title-case'
import type {TurnRange} from './chapters.js'
import type {Phrase} from './phrases.js'
import {englishRarity, isEverydayWord, nounPhrase, phrases} from './phrases.js'
import {generalRarity, genericWords, learnRarity, tagged} from './tokenize.js'
import type {TurnInfo} from './turns.js'
import {isHost, isNamed, spokenText} from './turns.js'
import {spaced} from './summary.js'

export interface TitleOptions {
  language: Language
  /** Words never to put in a title: the speakers' own names. */
  exclude: Set<string>
  /** Names of sections, by turn index, for the teaser chapter. */
  sectionName?: (turn: TurnInfo) => string | undefined
  /** Paragraphs that read as sponsor reads no marker announced: a sponsor's name is no chapter's subject. */
  skip?: Set<Paragraph> | undefined
  /** The show's own names: a phrase holding one, whole, is no chapter's subject ("JS Party", 登月计划), though its words may be ("Go" in Go Time). */
  show?: string[] | undefined
}

/** What a chapter is about: its title, and its key phrases, best first. */
export interface ChapterSubject {
  title: string
  phrases: string[]
}

/** The most characters a title may have. */
export const titleLimits = {zh: 16, en: 60} as const

interface Candidate {
  key: string
  surface: string
  score: number
  phrase: Phrase
}

/**
 * A headline for each chapter, as an editor would write it: the host's
 * question that opens it when that question names the chapter's subject and
 * stands alone ("What Is a Feature Store?"), else its key phrases: multiword
 * noun phrases, concepts the speakers put in quotation marks, names. A phrase
 * counts for a chapter when it is said often there, seldom in the others, and
 * is not everyday talk.
 */
export function chapterTitles(ranges: TurnRange[], turns: TurnInfo[], options: TitleOptions): ChapterSubject[] {
  const chinese = options.language !== 'en'
  const limit = chinese ? titleLimits.zh : titleLimits.en
  const skip = options.skip
  const names = (options.show ?? []).map((name) => name.trim()).filter((name) => name.length >= 2)
  const show = names.length > 0 ? new BrandFinder([{id: 'show', name: names[0]!, aliases: names.slice(1)}]) : undefined
  const said = (turn: TurnInfo) => {
    const text = skip && turn.paragraphs.some((paragraph) => skip.has(paragraph)) ? spokenText(turn.paragraphs.filter((paragraph) => !skip.has(paragraph))) : turn.text
    // The show's name is said in every episode and names no chapter; its words said on their own still count ("Go" in Go Time).
    return show ? withoutMentions(text, show) : text
  }
  let joined: string | undefined
  const episodeText = () => (joined ??= turns.map((turn) => turn.text).join('\n'))
  // Where jieba's words start and end in that text, from the tags each turn already has.
  let boundaries: Set<number> | undefined
  const episodeBoundaries = () => (boundaries ??= wordBoundaries(turns.map((turn) => turn.text), '\n'))
  // A word put in quotation marks once is held at arm's length (已经被“驯服”了); a concept is one the episode says again.
  const repeated = new Map<string, boolean>()
  const saidAgain = (surface: string) => {
    let again = repeated.get(surface)
    if (again === undefined) {
      const text = episodeText()
      const first = text.indexOf(surface)
      again = first !== -1 && text.indexOf(surface, first + surface.length) !== -1
      repeated.set(surface, again)
    }
    return again
  }
  const mentions = ranges.map((range) => {
    const map = new Map<string, {count: number; surfaces: Map<string, number>; phrase: Phrase; opening: boolean}>()
    for (let i = range.first; i <= range.last; i++) {
      const opening = i <= range.first + 1 && isHost(turns[i]!)
      for (const phrase of phrasesOf(said(turns[i]!))) {
        if (excluded(phrase, options.exclude)) continue
        if (phrase.quoted && !saidAgain(phrase.surface)) continue
        const entry = map.get(phrase.key) ?? {count: 0, surfaces: new Map(), phrase, opening: false}
        entry.count += phrase.quoted ? 2 : 1
        entry.opening ||= opening
        if (phrase.quoted) entry.phrase = phrase
        entry.surfaces.set(phrase.surface, (entry.surfaces.get(phrase.surface) ?? 0) + 1)
        map.set(phrase.key, entry)
      }
    }
    return map
  })
  const df = new Map<string, number>()
  for (const map of mentions) for (const key of map.keys()) df.set(key, (df.get(key) ?? 0) + 1)
  // The one-word Chinese phrases' rarity, looked up together in one pass over jieba's table.
  if (chinese) learnRarity(mentions.flatMap((map) => [...map.values()].filter(({phrase}) => phrase.size === 1 && !phrase.quoted).map(({phrase}) => phrase.surface)))
  // A phrase said in many chapters is grown once, not once a chapter.
  const grown = new Map<string, string>()
  const whole = (said: string) => {
    let term = grown.get(said)
    if (term === undefined) {
      term = wholeTerm(said, episodeText(), episodeBoundaries())
      grown.set(said, term)
    }
    return term
  }

  const used = new Set<string>()
  return ranges.map((range, index) => {
    const ranked: Candidate[] = []
    for (const [key, {count, surfaces, phrase, opening}] of mentions[index]!) {
      if (count < 2 && !opening && !phrase.quoted) continue
      // Three common words said once are a run of speech, not a term: "critical thinking levelheadedness" (a list the transcriber did not punctuate).
      if (count < 2 && phrase.size >= 3 && !phrase.proper && !phrase.quoted) continue
      const said = [...surfaces].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0]
      // A Chinese term the segmenter cut is made whole from how the episode says it: 长寿逃逸 → 长寿逃逸速度.
      const surface = chinese ? whole(said) : said
      if (chinese && /^(?:令人|让人|使人|叫人)/u.test(surface)) continue
      const rarity = phraseRarity(phrase)
      if (rarity === 0) continue
      const score =
        count *
        // Softly: editors name the episode's own subject again in many chapters (Octobox, DevRel, KubeCon).
        Math.sqrt(Math.log(1 + ranges.length / df.get(key)!)) *
        rarity *
        (1 + 0.6 * (Math.min(3, phrase.size) - 1)) *
        (phrase.quoted ? 1.5 : 1) *
        (phrase.proper ? (bareName(surface, chinese) ? 0.5 : 1.3) : 1) *
        (opening ? 1.5 : 1)
      ranked.push({key, surface, score, phrase})
    }
    ranked.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1))
    // A Chinese term the segmenter cut inside this chapter is said whole: 内存 → 内存带宽 (jieba tags 带宽 a verb).
    const chapterTurns = turns.slice(range.first, range.last + 1)
    const top = bestPhrases(ranked, 4, chinese).map((c) => (chinese ? {...c, surface: chapterTerm(c.surface, chapterTurns)} : c))
    const prefix = range.first === 0 ? options.sectionName?.(turns[0]!) : undefined
    const opening = chapterTurns.slice(0, 4)
    const chapterText = chapterTurns
      .map((turn) => turn.text)
      .join('\n')
      .toLowerCase()
    const talkedOf = ranked.slice(0, 12)
    const question = prefix
      ? undefined
      : ((index === 0 ? meetTheGuests(chapterTurns, turns, chinese, limit) : undefined) ??
        announcedSubject(opening.slice(0, 2), chinese, chapterText) ??
        openingQuestion(opening, talkedOf, chinese, chapterText, options.exclude))
    const together = (a: Candidate, b: Candidate) => saidTogether(chapterTurns, a.surface, b.surface)
    const says = (text: string) => chapterText.includes(text.toLowerCase())
    const title = compose(question, top, chinese, limit, used, prefix, together, says, index === 0)
    used.add(sameTitle(title))
    return {title, phrases: top.map((c) => c.surface)}
  })
}

const phraseCache = new Map<string, Phrase[]>()

function phrasesOf(text: string): Phrase[] {
  let found = phraseCache.get(text)
  if (!found) {
    if (phraseCache.size > 8_000) phraseCache.clear()
    found = phrases(text)
    phraseCache.set(text, found)
  }
  return found
}

function excluded(phrase: Phrase, exclude: Set<string>): boolean {
  const lower = phrase.surface.toLowerCase()
  if (exclude.has(lower) || exclude.has(phrase.key)) return true
  // A speaker's name, its possessive, or its short form (Chris for Christopher).
  const isName = (word: string) => exclude.has(word) || [...exclude].some((name) => word.length >= 4 && name.length > word.length && name.startsWith(word) && /^\p{Script=Latin}+$/u.test(name))
  return lower.split(/\s+/).some((word) => isName(word.replace(/['’]s$/u, ''))) || [...exclude].some((name) => name.length >= 2 && /\p{Script=Han}/u.test(name) && phrase.surface.includes(name))
}

/** A text with each mention the finder finds put apart as a clause of its own: no phrase runs through it. */
function withoutMentions(text: string, finder: BrandFinder): string {
  let result = ''
  let at = 0
  for (const {index, length} of finder.find(text)) {
    if (index < at) continue
    result += `${text.slice(at, index)}; `
    at = index + length
  }
  return result + text.slice(at)
}

/** How particular a phrase is to some conversation rather than to talk in general: 0 rules it out. */
function phraseRarity(phrase: Phrase): number {
  const words = phrase.surface.split(/\s+/)
  if (/\p{Script=Han}/u.test(phrase.surface)) {
    if (genericWords.has(phrase.surface)) return 0
    if (phrase.quoted || phrase.size > 1) return 1
    return Math.min(1, Math.max(0.3, generalRarity(phrase.surface) / 12))
  }
  const head = words.at(-1)!
  if (!phrase.proper && !phrase.quoted && (isEverydayWord(head) || genericWords.has(head.toLowerCase()))) return 0
  if (phrase.proper) return Math.max(0.6, ...words.map(englishRarity))
  // Words together are rarer than apart ("feature store"); one common noun
  // alone ("product", "limitation") seldom names what a stretch is about.
  return words.length > 1 ? Math.min(1, Math.max(...words.map(englishRarity)) + 0.15) : 0.6 * englishRarity(head)
}

/** The best phrases that say different things: a phrase inside another is the same subject. */
function bestPhrases(ranked: Candidate[], most: number, chinese: boolean): Candidate[] {
  const picked: Candidate[] = []
  for (const candidate of ranked) {
    if (picked.length >= most) break
    if (picked.some((p) => overlaps(p.key, candidate.key) || sameInitials(p.surface, candidate.surface))) continue
    // A longer phrase said nearly as often names the subject better: "feature store" over "feature".
    // A bare name gives way to the full one at any strength: "Guillermo Rauch", not "Guillermo".
    const longer = ranked.find((other) => other.phrase.size > candidate.phrase.size && holds(other.key, candidate.key) && (other.score >= 0.5 * candidate.score || (candidate.phrase.proper && other.phrase.proper)))
    const choice = longer && !picked.some((p) => overlaps(p.key, longer.key)) ? longer : candidate
    if (!nounPhrase(choice.phrase, chinese) || picked.some((p) => sameInitials(p.surface, choice.surface))) continue
    picked.push(choice)
  }
  return picked
}

/**
 * A Chinese phrase grown by the characters the episode nearly always says
 * around it (four times in five, twice at least), up to the title's length:
 * recurring character sequences are the episode's own terms.
 */
export function wholeTerm(surface: string, text: string, boundaries = wordBoundaries([text], '')): string {
  if (!/^\p{Script=Han}+$/u.test(surface)) return surface
  let term = surface
  for (const side of ['after', 'before'] as const) {
    // Grown a character at a time, the term is kept only up to where a word starts or ends: 硅原子, not 个硅原子.
    const steps = [term]
    while (term.length < titleLimits.zh - 2) {
      const neighbours = new Map<string, number>()
      let count = 0
      for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + 1)) {
        count++
        const char = side === 'after' ? text.charAt(at + term.length) : text.charAt(at - 1)
        if (/\p{Script=Han}/u.test(char)) neighbours.set(char, (neighbours.get(char) ?? 0) + 1)
      }
      const [char, times] = [...neighbours].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? ['', 0]
      if (count < 2 || times < 0.8 * count || /[的了是在和与也就都还而]/u.test(char)) break
      term = side === 'after' ? term + char : char + term
      steps.push(term)
    }
    term = steps.reverse().find((step, i) => i === steps.length - 1 || edgeIsWordBoundary(step, text, side, boundaries)) ?? term
  }
  return term
}

/** Whether jieba puts a word boundary at the term's edge in most of the places the text says it. */
function edgeIsWordBoundary(term: string, text: string, side: 'after' | 'before', boundaries: Set<number>): boolean {
  let seen = 0
  let whole = 0
  for (let at = text.indexOf(term); at !== -1 && seen < 12; at = text.indexOf(term, at + 1)) {
    seen++
    if (boundaries.has(side === 'after' ? at + term.length : at)) whole++
  }
  return seen > 0 && whole * 2 >= seen
}

/**
 * A Chinese phrase grown to the right by what the chapter says after it at
 * least three times and in half its mentions, ending where jieba ends a word:
 * the segmenter cut 内存带宽 (memory bandwidth) into 内存 and a verb 带宽, but
 * the chapter keeps saying it whole. Compounds put their head last, so the
 * whole term is to the right.
 */
export function chapterTerm(surface: string, turns: Array<Pick<TurnInfo, 'text'>>): string {
  if (!/^\p{Script=Han}+$/u.test(surface)) return surface
  const grown = new Map<string, {count: number; whole: number}>()
  let mentions = 0
  for (const {text} of turns) {
    let ends: Set<number> | undefined
    for (let at = text.indexOf(surface); at !== -1; at = text.indexOf(surface, at + surface.length)) {
      mentions++
      ends ??= wordBoundaries([text], '')
      for (let k = 1; k <= 4; k++) {
        const added = text.slice(at + surface.length, at + surface.length + k)
        if (added.length < k || !/^\p{Script=Han}+$/u.test(added)) break
        const entry = grown.get(surface + added) ?? {count: 0, whole: 0}
        entry.count++
        if (ends.has(at + surface.length + k)) entry.whole++
        grown.set(surface + added, entry)
      }
    }
  }
  let best = surface
  for (const [term, {count, whole}] of grown) {
    if (count >= 3 && count >= 0.5 * mentions && whole >= 0.5 * count && term.length > best.length && term.length <= titleLimits.zh - 2 && !/[的了是在和与也就都还而着过吗呢吧啊]$/u.test(term)) best = term
  }
  return best
}

/** Where jieba's words start or end in texts joined by `separator`, as offsets into the joined text. */
function wordBoundaries(texts: string[], separator: string): Set<number> {
  const boundaries = new Set<number>()
  let at = 0
  for (const text of texts) {
    boundaries.add(at)
    for (const {word} of tagged(text)) {
      at += word.length
      boundaries.add(at)
    }
    at += separator.length
  }
  return boundaries
}

/** One plain capitalised word (Jessica, Paige): most often a first name, which alone tells a listener nothing. */
function bareName(surface: string, chinese: boolean): boolean {
  return !chinese && /^\p{Lu}\p{Ll}+$/u.test(surface)
}

/** One phrase's key inside the other's: the same subject. */
function overlaps(a: string, b: string): boolean {
  return holds(a, b) || holds(b, a)
}

/**
 * Whether a key holds another: Chinese by its characters (长寿 in 长寿逃逸速度),
 * Latin words whole ("feature" in "feature store", but not "ai" in "xai" nor
 * "go" in "google").
 */
function holds(long: string, short: string): boolean {
  for (let at = long.indexOf(short); at !== -1; at = long.indexOf(short, at + 1)) {
    if (!(latin(short.charAt(0)) && latin(long.charAt(at - 1))) && !(latin(short.charAt(short.length - 1)) && latin(long.charAt(at + short.length)))) return true
  }
  return false
}

const latin = (char: string) => /[\p{Script=Latin}\p{N}]/u.test(char)

/**
 * An acronym and what it stands for are one subject ("MLOps" and "machine
 * learning ops", "AI" and "artificial intelligence"): the one-word phrase's
 * capitals are the other's words' first letters.
 */
function sameInitials(a: string, b: string): boolean {
  const [short, long] = a.split(' ').length <= b.split(' ').length ? [a, b] : [b, a]
  const words = long.split(' ')
  if (short.includes(' ') || words.length < 2) return false
  const capitals = short.match(/\p{Lu}/gu)?.join('').toLowerCase() ?? ''
  return capitals.length >= 2 && capitals === words.map((word) => word.charAt(0).toLowerCase()).join('').slice(0, capitals.length) && capitals.length >= Math.min(words.length, 3)
}

/** Two titles alike whatever the order of their subjects ("GitHub and Octobox" is "Octobox and GitHub") or the number of their nouns ("PEP" is "PEPs"). */
function sameTitle(title: string): string {
  return title
    .toLowerCase()
    .split(/\s+and\s+|与/u)
    .map((part) => part.trim().replace(/\p{Script=Latin}+/gu, (word) => stemmer(word)))
    .sort()
    .join('|')
}

const leadIn =
  /^(?:(?:so|and|but|okay|ok|well|now|alright|all right|yeah|yes|right|then|also|actually|anyway|i guess|i mean|i'?m curious|i wonder|let me ask(?: you)?|i wanna ask(?: you)?|i want to ask(?: you)?|my (?:next )?question is|which brings me to|tell me)\b[,:—-]?\s*)+/iu
const questionWord = /^(?:what|how|why|where|when|who|which|is|are|can|could|should|does|do|did|will|would|has|have)\b/iu
// Words that point out of the question to something said before it. "You" is
// the guest the question is put to, as in a show's own "What was your
// introduction to programming?"; "it" and "that" need the turn before.
const personal = /\b(?:i|i'm|i've|me|my|we|we're|us|our|he|she|him|her|his|it|it's|its|they|they're|them|their|this|that|these|those|there|here|guys|y'all)\b/iu
const pointsBack = /\b(?:you guys|you all|that one|this one)\b|\b(?:also|too|else|again|then)\?$/iu
// Words too vague to head a chapter ("What's the actual stuff you do?"), and greetings ("What up, nerds?").
const vague = /\b(?:stuff|things?|actual(?:ly)?|sort of|kind of|anything|something|everything|unsaid)\b|^(?:what'?s?|wh?at) up\b|\bhow (?:are|have) you\b|\bhow'?s it going\b|\bhow are things\b/iu
const zhLeadIn = /^(?:那么|所以|那|好的|好|嗯|对|然后|接下来|说到|关于)[，,]?/u
const zhPersonal = /[你我他她它这那]|咱|您/u

/**
 * The host's question that opens a chapter, as a title, when it stands
 * alone (no "you", "it" or "that" pointing out of it), fits, and names one
 * of the chapter's key phrases.
 */
function openingQuestion(opening: TurnInfo[], top: Candidate[], chinese: boolean, chapterText: string, exclude: Set<string>): string | undefined {
  for (const turn of opening) {
    if (!isHost(turn)) continue
    for (const sentence of splitSentences(turn.text)) {
      let text = sentence.text.trim()
      if (!/[?？]$/u.test(text)) continue
      if (chinese) {
        text = text.replace(zhLeadIn, '')
        if (text.length < 6 || text.length > titleLimits.zh || zhPersonal.test(text) || /[，,；;]/u.test(text)) continue
      } else {
        // Lead-ins, and the guest's name at the end (", Mike?").
        text = asked(
          text
            .replace(leadIn, '')
            .replace(/,\s*(?:\p{Lu}[\p{L}'’-]+\s*){1,2}\?$/u, '?')
            .replace(/\s+(\p{Lu}[\p{L}'’-]+)\?$/u, (all, name: string) => (exclude.has(name.toLowerCase()) ? '?' : all))
        )
        // A question asked inside a longer sentence: "One thing people ask me, is it worth going to a boot camp?"
        if (!questionWord.test(text)) text = embeddedQuestion(text) ?? text
        // "It" that stands for nothing points nowhere: "Is it worth…?", "Is it possible to…?"
        const pointing = text.replace(dummyIt, '')
        if (!questionWord.test(text) || text.length < 12 || text.length > titleLimits.en || personal.test(pointing) || pointsBack.test(text)) continue
      }
      const lower = text.toLowerCase()
      const namesPhrase = top.some((c) => lower.includes(c.surface.toLowerCase()))
      if (vague.test(text) || (!namesPhrase && !asksOfTheChapter(lower, chinese, chapterText))) continue
      return chinese ? text : headline(text)
    }
  }
  return undefined
}

// "It" as an empty subject, before what the question is really about.
const dummyIt = /\b(?:is|was|isn'?t|would|will|does|can)\s+it\s+(?:be\s+)?(?:worth|possible|hard|harder|easy|easier|true|better|safe|necessary|important|realistic|feasible|too late|too early)\b/giu

/**
 * The last clause of a sentence when it is a question of its own, four words
 * at least, about a subject rather than put to the guest: "…people ask me, is
 * it worth going to a boot camp?", not "Filippo, do you have an unpopular opinion?".
 */
function embeddedQuestion(sentence: string): string | undefined {
  const clause = sentence.split(/,\s+/u).at(-1)?.trim()
  if (!clause || clause === sentence || clause.split(/\s+/u).length < 4 || !questionWord.test(clause) || /\b(?:you|your|you're|yourself|ya)\b/iu.test(clause)) return undefined
  return clause.charAt(0).toUpperCase() + clause.slice(1)
}

/**
 * The question inside a host's "Would you say that Go is a good choice for
 * MLOps?": "Is Go a good choice for MLOps?", as an editor titles it.
 */
export function asked(question: string): string {
  const found = /^(?:would you say|do you think|do you feel|do you believe|would you agree)(?: that)? (.+?) (is|are|was|were|can|should|will) (.+\?)$/iu.exec(question)
  if (!found || /,/u.test(found[1]!)) return question
  const [, subject, verb, rest] = found
  return `${verb!.charAt(0).toUpperCase()}${verb!.slice(1).toLowerCase()} ${subject} ${rest}`
}

/**
 * A question whose own particular words the chapter keeps saying (three
 * times or more): "What was your introduction to programming?" opens a
 * chapter about programming even when no key phrase of it is in the question.
 */
function asksOfTheChapter(question: string, chinese: boolean, chapterText: string): boolean {
  if (chinese) return false
  const said = (word: string) => chapterText.split(word).length - 1
  return question
    .split(/[^\p{L}\p{N}'’-]+/u)
    .some((word) => word.length >= 4 && !isEverydayWord(word) && !genericWords.has(word) && said(word) >= 3)
}

const welcome = /\b(?:welcome|joined (?:today )?by|joining (?:us|me)|with (?:us|me)|(?:our|my|special) guests?|here with|introduc\w*|(?:today|tonight) (?:we|i) have|talking (?:to|with))\b/iu
const zhWelcome = /欢迎|嘉宾|邀请|请到|做客|来到/u
const coHost = /\bco-?hosts?\b|搭档/iu

/**
 * The first chapter, when it is where the guests are introduced: the host
 * names them and they first speak there. Editors and shows title it after
 * them ("Meet Mike Eastham"); a speaker's name is otherwise never a title.
 */
function meetTheGuests(chapter: TurnInfo[], turns: TurnInfo[], chinese: boolean, limit: number): string | undefined {
  const guests = [...new Set(chapter.filter((turn) => turn.role === 'guest' && isNamed(turn)).map((turn) => turn.speaker))].filter(
    (name) => !/^(?:unknown|speaker\s*\d*|guest\s*\d*|嘉宾\d*)$/iu.test(name)
  )
  if (guests.length === 0) return undefined
  // Introduced: before a guest first speaks, a host's sentence welcomes them by name ("joined by Mike Eastham").
  const introduced = guests.every((name) => {
    const first = turns.findIndex((turn) => turn.speaker === name)
    const parts = name.split(/[\s·・]+/u).filter((part) => part.length >= 2)
    return turns
      .slice(0, Math.max(0, first))
      .some((turn) => isHost(turn) && splitSentences(turn.text).some(({text}) => parts.some((part) => text.includes(part)) && (chinese ? zhWelcome : welcome).test(text) && !coHost.test(text)))
  })
  if (!introduced) return undefined
  const list = (names: string[]) => (chinese ? names.join('、') : names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`)
  const title = chinese ? `嘉宾介绍：${list(guests)}` : `Meet ${list(guests)}`
  if (title.length <= limit) return title
  return chinese ? '嘉宾介绍' : 'Meet the Guests'
}

// "Let's talk about hosting", "So next section is re rendering pages": the speaker names the subject.
const announcement =
  /(?:^|[.!?]\s+|,\s+)(?:(?:so|okay|ok|alright|all right|well|now|and|cool|great)[,.]?\s+)*(?:let'?s (?:talk|chat) (?:a (?:little )?bit )?about|let'?s (?:get|dive|dig|jump|move(?: on)?) (?:into|to)|(?:the )?next (?:section|topic|thing|question|up)(?: is| on the list is)?(?: about)?|moving on to|speaking of|let'?s switch (?:gears )?to)\s+(.+)/iu
const announcementEnd = /[.,;:!?—–()]|\s(?:real quick|for a (?:second|minute|bit|sec)|a little bit|right now|now|today|here|because|which|that|so|and then|if|when|where|like)\b/iu
const zhAnnouncement = /(?:接下来|下面|然后)(?:我们|咱们)?(?:来|就)?(?:聊聊|谈谈|说说|聊一下|谈一下|说一下|讲讲)(.+?)(?:[，。？！,.?!]|$)/u

/** The subject a speaker announces at a chapter's start, as its title: "Hosting", "Re Rendering Pages". */
function announcedSubject(opening: TurnInfo[], chinese: boolean, chapterText: string): string | undefined {
  // The subject must be what the chapter goes on to talk about, not a passing word.
  const recurs = (subject: string) => chapterText.split(subject.toLowerCase()).length > 2
  for (const turn of opening) {
    const head = turn.text.slice(0, 300)
    if (chinese) {
      const found = zhAnnouncement.exec(head)?.[1]?.replace(/^(?:一下|关于|有关)/u, '').trim()
      if (found && found.length >= 2 && found.length <= titleLimits.zh && !zhPersonal.test(found) && recurs(found)) return spaced(found)
      continue
    }
    const found = announcement.exec(head)?.[1]
    if (!found) continue
    const end = found.search(announcementEnd)
    const subject = (end === -1 ? found : found.slice(0, end)).trim().replace(/^(?:the|a|an|some|your|our|this|these)\s+/iu, '')
    const words = subject.split(/\s+/).filter(Boolean)
    if (words.length === 0 || words.length > 6 || subject.length < 3 || /^(?:it|that|this|them|you|me|us|what|how|why|something|stuff|things?|kind|sort)\b/iu.test(subject)) continue
    if (personal.test(subject) || words.every((word) => isEverydayWord(word.toLowerCase())) || !recurs(words.at(-1)!)) continue
    return headline(subject)
  }
  return undefined
}

/** Two phrases that one turn of the chapter says together, a few sentences apart at most: a title may join them. */
function saidTogether(turns: TurnInfo[], a: string, b: string): boolean {
  const x = a.toLowerCase()
  const y = b.toLowerCase()
  return turns.some((turn) => {
    const text = turn.text.toLowerCase()
    const i = text.indexOf(x)
    const j = text.indexOf(y)
    return i !== -1 && j !== -1 && Math.abs(i - j) < 400
  })
}

const wordsOf = (phrase: string) => phrase.toLowerCase().split(/\s+/).map((word) => word.replace(/['’]?s$/u, ''))

/** "Carpal Tunnel" then "Tunnel Syndrome": the phrase they are both part of, "Carpal Tunnel Syndrome". */
function chained(a: string, b: string): string | undefined {
  const x = a.split(/\s+/)
  const y = b.split(/\s+/)
  if (x.length < 2 || y.length < 2 || x.at(-1)!.toLowerCase() !== y[0]!.toLowerCase()) return undefined
  return [...x, ...y.slice(1)].join(' ')
}

/** Two phrases that name two subjects: no word in common, or only their head ("acoustic model", "language model"). */
function distinctSubjects(a: string, b: string): boolean {
  const x = wordsOf(a)
  const y = wordsOf(b)
  const shared = x.filter((word) => y.includes(word))
  if (shared.length === 0) return true
  return shared.length === 1 && x.at(-1) === shared[0] && y.at(-1) === shared[0] && x.length > 1 && y.length > 1
}

/** English headline style: title case, keeping names and acronyms as written (MLOps, iOS). */
function headline(text: string): string {
  // eBay and iPhone keep their small first letter; other words are capitalised.
  const words = text.split(' ')
  const cased = titleCase(text.charAt(0).toUpperCase() + text.slice(1)).split(' ')
  return cased.map((word, i) => (/\p{Ll}\p{Lu}/u.test(words[i] ?? '') ? words[i] : word)).join(' ')
}

function compose(
  question: string | undefined,
  top: Candidate[],
  chinese: boolean,
  limit: number,
  used: Set<string>,
  prefix: string | undefined,
  together: (a: Candidate, b: Candidate) => boolean,
  says: (text: string) => boolean,
  opening = false
): string {
  const options: string[] = []
  if (question) options.push(question)
  const shown = (c: Candidate) => c.surface
  // Two parts of one phrase are one subject, said whole ("Carpal Tunnel" and "Tunnel Syndrome");
  // two that share a word are one subject twice ("FOSS Fund and FOSS Contributor Fund"), unless only their head ("Acoustic Model and Language Model").
  const join = (a: Candidate, b: Candidate): string | undefined => {
    if (chinese) return `${a.surface}与${b.surface}`
    const whole = chained(a.surface, b.surface) ?? chained(b.surface, a.surface)
    if (whole) return says(whole) ? whole : undefined
    return distinctSubjects(a.surface, b.surface) ? `${a.surface} and ${b.surface}` : undefined
  }
  const push = (text: string | undefined) => {
    if (text) options.push(text)
  }
  const [first, second, third] = top
  // Two subjects when the second is a good part of the chapter too and the speakers connect them: never two unrelated nouns.
  // (A Chinese turn says more in 400 characters, so its second subject must be nearly as strong.)
  if (first && second && second.score >= (chinese ? 0.45 : 0.3) * first.score && together(first, second)) push(join(first, second))
  if (first) options.push(shown(first))
  if (first && third && together(first, third)) push(join(first, third))
  if (second) options.push(shown(second))
  const finished = options.map((text) => (chinese ? spaced(text) : headline(text)))
  const withPrefix = (text: string) => (prefix ? `${prefix}${chinese ? '：' : ': '}${text}` : text)
  for (const text of finished) {
    const candidate = withPrefix(text)
    if (candidate.length <= limit && !used.has(sameTitle(candidate))) return candidate
  }
  for (const text of finished) if (text.length <= limit && !used.has(sameTitle(text))) return text
  if (prefix && !used.has(sameTitle(prefix))) return prefix
  // Nothing particular said: the first chapter is the show's opening, as shows title it; a later one, the conversation.
  const base = finished[0]?.slice(0, limit) ?? prefix ?? (opening ? (chinese ? '开场' : 'Introduction') : chinese ? '对话' : 'Conversation')
  let n = 2
  while (used.has(sameTitle(`${base} ${n}`))) n++
  return used.has(sameTitle(base)) ? `${base} ${n}` : base
}
