import {createRequire} from 'node:module'
import type {Jieba} from '@node-rs/jieba'
import {stemmer} from 'stemmer'

const require = createRequire(import.meta.url)
// jieba's native module and its 11 MB of dictionaries are loaded on the first
// Chinese text, not on import: an English-only run never reads them.
const jiebaModule = () => require('@node-rs/jieba') as typeof import('@node-rs/jieba')
const dictionaries = () => require('@node-rs/jieba/dict.js') as {dict: Buffer; idf: Buffer}
const stopwords = require('stopwords-iso') as {zh: string[]; en: string[]}

/** A content word: its comparison key and the form to show. */
export interface Term {
  /** Lowercased and stemmed for English, the word itself for Chinese. */
  key: string
  /** As written, for titles. */
  surface: string
  /** The part of speech jieba gave it (`n`, `nr`, `vn`, `eng`, …). */
  tag: string
}

// Kept for lexical cohesion and titles: nouns of every kind, verbal nouns,
// idioms and Latin words. Verbs, adverbs and particles carry little topic.
const contentTags = new Set(['n', 'nr', 'nrt', 'ns', 'nt', 'nz', 'ng', 'vn', 'an', 'eng', 'l', 'i', 'j'])

const zhStop = new Set(stopwords.zh)
const enStop = new Set(stopwords.en)

/** Words too general to say what a stretch of conversation is about. */
export const genericWords = new Set([
  ...'东西 事情 问题 时候 方面 情况 时间 人们 大家 朋友 样子 地方 部分 方式 意思 原因 结果 程度 感觉 想法 观点 阶段 层面 因素 过程 事儿 一点 东西 家伙 老兄 伙计 天哪 好的 是的 时刻 角度 话题 例子 事实 现在 未来 目前 年代 东西 人 事 点 种 个 方法 办法 水平 能力 规模 速度 对话 节目 解决方案 方案 挑战 体验 看法 想象 思维 情形 机会 好处 影响 作用 内容 经验 总结'.split(' '),
  ...'thing things time times way ways people guy guys lot kind sort point part fact idea question yeah okay today something anything everything nothing topic topics subject episode episodes show shows podcast conversation discussion term terms role user users stuff host hosts co-host cohost guest guests panel panelist listener listeners audience intro slash'.split(' ')
])

let jieba: Jieba | undefined

/** The segmenter, loaded once: its dictionary takes a fifth of a second to read. */
export function segmenter(): Jieba {
  jieba ??= jiebaModule().Jieba.withDict(dictionaries().dict)
  return jieba
}

/**
 * Chinese text cut into words by jieba, the dictionary summarize has
 * loaded anyway (HMM on, for names it does not know), with where each
 * starts; every character is in one word, spaces and punctuation too.
 */
export function chineseWords(text: string): Array<{text: string; index: number}> {
  const result: Array<{text: string; index: number}> = []
  let at = 0
  for (const word of segmenter().cut(text, true)) {
    const index = text.startsWith(word, at) ? at : text.indexOf(word, at)
    if (index < 0) continue
    result.push({text: word, index})
    at = index + word.length
  }
  return result
}

const han = /\p{Script=Han}/u
const latinWord = /^[\p{Script=Latin}][\p{Script=Latin}\p{N}'’.-]*$/u

/**
 * The content words of a text, in order. Chinese goes through jieba with
 * part-of-speech tags; Latin words (in either language) are lowercased,
 * stop-worded and stemmed with Porter's algorithm.
 */
export function terms(text: string): Term[] {
  let known = cache.get(text)
  if (!known) {
    if (cache.size > cacheLimit) cache.clear()
    known = segment(text)
    cache.set(text, known)
  }
  return known
}

// Quotes and the summary look at the same sentences again. A couple of
// episodes' worth is kept (builds interleave), not a catalogue's: entries are
// whole turns and their terms, and at 50,000 they held some 40 MB.
const cache = new Map<string, Term[]>()
const cacheLimit = 8_000

// A turn's words are tagged once a build: its terms (chapters, weights) and its key phrases (titles)
// read the same tags. Tags take more room than terms: two episodes' turns are kept, not a catalogue's.
const tags = new Map<string, Array<{word: string; tag: string}>>()

/** Chinese text's words with jieba's part-of-speech tags (HMM on), cut once per text. */
export function tagged(text: string): Array<{word: string; tag: string}> {
  let known = tags.get(text)
  if (!known) {
    if (tags.size > 1_500) tags.clear()
    known = segmenter().tag(text, true)
    tags.set(text, known)
  }
  return known
}

function segment(text: string): Term[] {
  const result: Term[] = []
  if (han.test(text)) {
    for (const {word, tag} of tagged(text)) {
      if (tag === 'eng' || latinWord.test(word)) {
        const term = english(word)
        if (term) result.push(term)
      } else if (contentTags.has(tag) && word.length >= 2 && han.test(word) && !zhStop.has(word)) {
        result.push({key: word, surface: word, tag})
      }
    }
    return result
  }
  for (const match of text.matchAll(/[\p{Script=Latin}][\p{Script=Latin}\p{N}'’-]*/gu)) {
    const term = english(match[0])
    if (term) result.push(term)
  }
  return result
}

function english(word: string): Term | undefined {
  const clean = word.replace(/['’]s$/i, '').replace(/[.'’-]+$/, '')
  const lower = clean.toLowerCase()
  if (lower.length < 3 || enStop.has(lower)) return undefined
  return {key: stemmer(lower), surface: clean, tag: 'eng'}
}

/** How rare a Chinese word is in general text (jieba's IDF table); Latin words get a middling weight. */
export function generalRarity(word: string): number {
  if (!han.test(word)) return 8
  let known = rarity.get(word)
  if (known === undefined) {
    learnRarity([word])
    known = rarity.get(word)!
  }
  return known
}

const rarity = new Map<string, number>()

/**
 * Looks the words up in jieba's IDF table in one pass over it, for
 * `generalRarity`, giving what jieba's TF-IDF extractor gives a word alone. A title asks
 * for a few hundred words: reading them from the table's text costs a fifth of
 * what building jieba's own TF-IDF extractor does, and keeps no 20 MB table.
 */
export function learnRarity(words: Iterable<string>): void {
  const wanted = new Set<string>()
  for (const word of words) {
    if (!han.test(word) || rarity.has(word)) continue
    // As jieba's extractor weighs a word alone: one it cuts in two (without HMM) is no keyword of itself.
    const cut = segmenter().cut(word, false)
    if (cut.length === 1 && cut[0] === word) wanted.add(word)
    else rarity.set(word, 8)
  }
  if (wanted.size === 0) return
  const {idf} = dictionaries()
  const table = idf.toString('utf8')
  for (let at = 0; at < table.length; ) {
    const lineEnd = table.indexOf('\n', at)
    const end = lineEnd === -1 ? table.length : lineEnd
    const space = table.indexOf(' ', at)
    if (space > at && space < end) {
      const word = table.slice(at, space)
      if (wanted.has(word)) rarity.set(word, Number(table.slice(space + 1, end)))
    }
    at = end + 1
  }
  // A word the table lacks gets its median, as jieba's extractor gives it.
  for (const word of wanted) if (!rarity.has(word)) rarity.set(word, medianIdf(idf, table))
}

// The median of the table @node-rs/jieba 2.0.3 ships, which takes 150 ms to
// find; any other table is measured, once.
const shipped = {bytes: 6_200_957, median: 11.9547675029}
let measured: number | undefined

function medianIdf(idf: Buffer, table: string): number {
  if (idf.byteLength === shipped.bytes) return shipped.median
  if (measured === undefined) {
    const values = Float64Array.from(table.split('\n').flatMap((line) => (line.includes(' ') ? [Number(line.slice(line.lastIndexOf(' ') + 1))] : []))).sort()
    measured = values[Math.floor(values.length / 2)] ?? 8
  }
  return measured
}
