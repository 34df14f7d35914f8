import {availableParallelism} from 'node:os'
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {decode} from './decode.js'
import {ListenError} from './errors.js'
import {languageModel} from './language-model.js'
import {type HeardWord, recognize} from './recognize.js'
import {type Tools, findTools, missingPackages} from './tools.js'
import {frameRate} from './windows.js'
import {spelledOut, spokenSentences} from './words.js'

export interface ListenOptions {
  /** The transcript's text: the language model is made from it. */
  transcript: string
  /** The episode's language tag, when known (`en`, `en-GB`); otherwise told from the transcript's letters. */
  language?: string | undefined
  /** pocketsphinx processes at once (default: one per core, at most 4). */
  processes?: number | undefined
  /** The programs to use (default: found on PATH). */
  tools?: Tools | undefined
  /** How far it is: the stage, seconds of audio done and the whole length once known. */
  onProgress?: ((progress: {stage: 'decoding' | 'listening'; seconds: number; total?: number | undefined}) => void) | undefined
}

/** What was heard, as Whisper's verbose JSON: one segment a window, each word with its times. */
export interface HeardAudio {
  language: 'en'
  duration: number
  segments: Array<{id: number; start: number; end: number; text: string; words: Array<{word: string; start: number; end: number; probability: number}>}>
}

/**
 * Listens to an audio file for the times the transcript's words are said.
 * The audio is decoded to a temporary file and heard in windows of at most
 * 30 s cut at pauses, by pocketsphinx with a language model made from this
 * transcript alone, so it expects these words in about this order. Throws a
 * ListenError when it cannot: no engine, a language it has no model for,
 * audio that cannot be decoded, or silence.
 */
export async function listen(audio: string, options: ListenOptions): Promise<HeardAudio> {
  const tools = options.tools ?? findTools()
  const missing = missingPackages(tools)
  if (missing.length > 0) throw new ListenError('no-engine', `Castline listens with pocketsphinx and sox, which this machine lacks: install them (Debian: apt-get install ${missing.join(' ')})`)
  const language = options.language ?? toldLanguage(options.transcript)
  if (!/^en(?:-|$)/i.test(language)) {
    throw new ListenError('language', `Castline can listen for English only (pocketsphinx's US English model); this transcript is in ${language === 'zh' ? 'Chinese' : `another language (${language})`}. Give a timed transcript beside it for real times`)
  }
  const folder = await mkdtemp(join(tmpdir(), 'castline-listen-'))
  try {
    const model = await transcriptModel(options.transcript, tools.model!.dict)
    if (model.words.length === 0) throw new ListenError('language', "None of the transcript's words are in the English dictionary: it cannot be listened for")
    await writeFile(join(folder, 'model.lm'), model.arpa)
    await writeFile(join(folder, 'model.dict'), model.dictionary)

    const decoded = await decode(audio, join(folder, 'audio.raw'), tools, (seconds) => options.onProgress?.({stage: 'decoding', seconds}))
    const windows = decoded.windows.filter((window) => !window.quiet)
    if (windows.length === 0) throw new ListenError('silent', `The audio is silent: ${Math.round(decoded.seconds)} s with nothing louder than a hush`)
    const processes = Math.max(1, Math.min(options.processes ?? Math.min(4, availableParallelism()), windows.length))
    options.onProgress?.({stage: 'listening', seconds: 0, total: decoded.seconds})
    const heard = await recognize({
      folder,
      tools: {pocketsphinx: tools.pocketsphinx!, model: tools.model!},
      windows,
      processes,
      onSeconds: (seconds) => options.onProgress?.({stage: 'listening', seconds, total: decoded.seconds})
    })
    const segments = heard.flatMap((words: HeardWord[], k) => {
      if (words.length === 0) return []
      const window = windows[k]!
      return [{
        id: 0,
        start: window.start / frameRate,
        end: window.end / frameRate,
        text: words.map((w) => w.word).join(' '),
        words: words.map((w) => ({word: ` ${w.word}`, start: w.start, end: w.end, probability: w.confidence}))
      }]
    })
    if (segments.length === 0) throw new ListenError('no-words', 'No words of the transcript were heard in the audio')
    segments.forEach((segment, id) => {
      segment.id = id
    })
    return {language: 'en', duration: decoded.seconds, segments}
  } finally {
    await rm(folder, {recursive: true, force: true})
  }
}

/** The transcript's language as its letters tell: English unless most letters are not Latin. */
export function toldLanguage(text: string): string {
  const letters = text.match(/\p{L}/gu)?.length ?? 0
  const latin = text.match(/\p{Script=Latin}/gu)?.length ?? 0
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0
  if (letters === 0 || latin / letters >= 0.7) return 'en'
  return han / letters >= 0.3 ? 'zh' : 'und'
}

/**
 * What pocketsphinx is given to listen for this transcript: its language
 * model (ARPA text), and the pronunciations of its words (`dictionary`, in
 * the dictionary file's format) from the dictionary at `dictionaryPath`.
 */
export async function transcriptModel(transcript: string, dictionaryPath: string): Promise<{arpa: string; dictionary: string; words: string[]}> {
  const sentences = spokenSentences(transcript)
  const pronounced = await readDictionary(dictionaryPath, new Set(sentences.flat()))
  const model = languageModel(sentences, (word) => pronounced.has(word))
  return {...model, dictionary: model.words.length ? `${model.words.flatMap((word) => pronounced.get(word)!).join('\n')}\n` : ''}
}

/** The dictionary's pronunciations of these words (`word`, `word(2)`, …). */
async function readDictionary(path: string, wanted: Set<string>): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>()
  for (const line of (await readFile(path, 'utf8')).split('\n')) {
    const space = line.indexOf(' ')
    if (space < 0) continue
    const word = line.slice(0, space).replace(/\(\d+\)$/, '')
    if (!wanted.has(word)) continue
    const entries = found.get(word) ?? []
    entries.push(line.trim())
    found.set(word, entries)
  }
  // Acronyms the dictionary lacks (`css`, `npm`, `llms`), said letter by letter.
  for (const word of wanted) {
    const letters = found.has(word) ? undefined : spelledOut(word)
    if (letters) found.set(word, [`${word} ${letters}`])
  }
  return found
}
