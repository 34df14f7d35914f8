import type {Language} from './types.js'

/** Speaking rates used when no timestamp says otherwise. */
export interface SpeechRate {
  /** Chinese characters a second (Mandarin interviews run at about 4). */
  hanPerSecond: number
  /** Latin-script words a second (conversational English is about 150 a minute). */
  wordsPerSecond: number
}

export const defaultSpeechRate: SpeechRate = {hanPerSecond: 4, wordsPerSecond: 2.5}

/**
 * Seconds of speech in `text` per script at `rate`: Han characters, and runs
 * of Latin letters or digits (with inner apostrophes, dots and hyphens) as words.
 * One pass over the character codes: this runs on every text node of an episode.
 */
export function speechSeconds(text: string, rate: SpeechRate = defaultSpeechRate): {zh: number; en: number} {
  let hanCount = 0
  let wordCount = 0
  let inWord = false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (isWordCode(code)) {
      if (!inWord) wordCount++
      inWord = true
      continue
    }
    // An apostrophe, dot or hyphen between two word characters keeps the word going.
    if (inWord && (code === 0x27 || code === 0x2019 || code === 0x2e || code === 0x2d) && isWordCode(text.charCodeAt(i + 1))) continue
    inWord = false
    if (isHanCode(code)) hanCount++
    else if (code >= 0xd840 && code <= 0xd87f) {
      // A surrogate pair in planes 2 and 3: the CJK extension blocks.
      hanCount++
      i++
    }
  }
  return {zh: hanCount / rate.hanPerSecond, en: wordCount / rate.wordsPerSecond}
}

function isWordCode(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7)
  )
}

function isHanCode(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff)
}

/**
 * The episode's language from how much of the speaking time is in each script.
 * A script proportion, not a language guesser: the question is Chinese, English
 * or both, and a mixed transcript has to come out as mixed.
 */
export function detectLanguage(shares: {zh: number; en: number}): Language {
  if (shares.zh >= 0.75) return 'zh'
  if (shares.en >= 0.75) return 'en'
  if (shares.zh === 0 && shares.en === 0) return 'en'
  return 'mixed'
}

export function languageShares(seconds: {zh: number; en: number}): {zh: number; en: number} {
  const total = seconds.zh + seconds.en
  if (total === 0) return {zh: 0, en: 0}
  const round = (n: number) => Math.round(n * 1000) / 1000
  return {zh: round(seconds.zh / total), en: round(seconds.en / total)}
}

/** One sentence of a text, with its offsets; the pieces cover the text exactly. */
export interface Sentence {
  text: string
  start: number
  end: number
}

const closers = new Set(['"', "'", '”', '’', '」', '』', '）', ')', '》', '】', ']'])
const cjkEnders = new Set(['。', '！', '？', '；', '!', '?'])

/**
 * Splits text into sentences, knowing Chinese punctuation and closing quotes.
 * Every character belongs to exactly one sentence (trailing space included),
 * so removing whole sentences can never drop a character it did not mean to.
 */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = []
  let start = 0
  let i = 0
  while (i < text.length) {
    const ch = text[i]!
    let boundary = false
    if (cjkEnders.has(ch)) {
      boundary = true
    } else if (ch === '.' || ch === ';') {
      // An English full stop ends a sentence only before space or the end:
      // not in 4.2, diamandis.com/Metatrends or an ellipsis run.
      const next = text[i + 1]
      boundary = next === undefined || /\s/.test(next) || closers.has(next)
      if (boundary && ch === '.' && text[i - 1] === '.') boundary = false
    }
    i++
    if (!boundary) continue
    while (i < text.length && (cjkEnders.has(text[i]!) || closers.has(text[i]!))) i++
    while (i < text.length && /\s/.test(text[i]!)) i++
    sentences.push({text: text.slice(start, i), start, end: i})
    start = i
  }
  if (start < text.length) sentences.push({text: text.slice(start), start, end: text.length})
  return sentences
}

/** `[04:33]`, `[1:06:22.12]`, `[00:04:33,5]`. */
export const timestampPattern = /\[(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?\]/g

/** Seconds from the parts of a `timestampPattern` match. */
export function timestampSeconds(match: RegExpExecArray | RegExpMatchArray): number {
  const hours = match[1] === undefined ? 0 : Number(match[1])
  const minutes = Number(match[2])
  const seconds = Number(match[3])
  const fraction = match[4] === undefined ? 0 : Number(`0.${match[4]}`)
  return hours * 3600 + minutes * 60 + seconds + fraction
}

/** `hh:mm:ss`, or `mm:ss` under an hour when `short` is set. */
export function formatTime(seconds: number, short = false): string {
  const whole = Math.max(0, Math.floor(seconds))
  const h = Math.floor(whole / 3600)
  const m = Math.floor((whole % 3600) / 60)
  const s = whole % 60
  const pad = (n: number) => String(n).padStart(2, '0')
  return short && h === 0 ? `${pad(m)}:${pad(s)}` : `${pad(h)}:${pad(m)}:${pad(s)}`
}

const folded = new Map<string, string>()

/** Folds the ways a name can be written so that labels compare equal. */
export function normalizeName(name: string): string {
  // Labels repeat hundreds of times in an episode.
  let result = folded.get(name)
  if (result === undefined) {
    if (folded.size > 10_000) folded.clear()
    result = fold(name)
    folded.set(name, result)
  }
  return result
}

function fold(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[·・•‧･]/g, '·')
    .replace(/\s*·\s*/g, '·')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
}

/** A quote in quotation marks; quotation marks inside it become single ones, as both languages nest them. */
export function quoted(text: string): string {
  return `“${text.replaceAll('“', '‘').replaceAll('”', '’')}”`
}
