import {readFile, rename, rm, writeFile} from 'node:fs/promises'
import {openingWords} from '@castline/summarize'
import type {Chapter, Quote} from '@castline/summarize'
import {type Pair, type Scalar, type YAMLMap, isMap, isScalar, parseDocument} from 'yaml'
import {builder} from './builder.js'
import type {RunContext} from './context.js'
import type {EpisodeResult} from './episode.js'
import {messagesOnly} from './messages.js'
import {describeFsError, terminalSafe} from './safe.js'
import type {EpisodeSource} from './sources.js'
import {shown} from './sources.js'

interface Suggested {
  chapters: Chapter[]
  quotes: Quote[]
  summary: string
  turns: Array<{id: string; text: string}>
}

/**
 * Writes an episode's automatic chapters, quotes and summary into its
 * episode.yaml, as fields with comments, ready to edit: the producer starts
 * from Castline's picks rather than a blank page. A field the producer has
 * already written is left as it is, and so are every other field and every
 * comment (yaml's Document API keeps them), so running it again never
 * undoes an edit. Returns what it said, one line.
 */
export async function writeSuggestions(source: EpisodeSource, result: EpisodeResult): Promise<{ok: boolean; line: string}> {
  if (!source.episode) return {ok: false, line: `✖ ${source.slug}: --suggest needs an episode folder with episode.yaml, not a bare transcript`}
  const built = result.outputs?.get('episode.json')
  if (!built) return {ok: false, line: `✖ ${source.slug}: not built, so nothing to suggest (see the messages below)`}
  const episode = JSON.parse(String(built)) as Suggested
  const path = source.episode
  const text = await readFile(path, 'utf8')
  const doc = parseDocument(text)
  if (!isMap(doc.contents)) return {ok: false, line: `✖ ${source.slug}: ${shown(path)} is not a mapping of fields`}
  const map = doc.contents as YAMLMap
  const has = (key: string) => map.items.some((item) => isScalar(item.key) && item.key.value === key)
  const written: string[] = []
  const kept: string[] = []
  const add = (key: string, value: unknown, comment: string, block = false) => {
    const pair = doc.createPair(key, value) as Pair<Scalar, Scalar>
    pair.key.commentBefore = comment
    pair.key.spaceBefore = true
    if (block && isScalar(pair.value)) pair.value.type = 'BLOCK_LITERAL'
    map.items.push(pair)
    written.push(key)
  }

  if (has('chapters') || has('titles')) kept.push(has('chapters') ? 'chapters' : 'titles')
  else {
    const texts = episode.turns.map((turn) => turn.text)
    const index = new Map(episode.turns.map((turn, i) => [turn.id, i]))
    add(
      'chapters',
      // A turn no words tell apart ("Hi." said twice, emoji alone) starts at its time instead.
      episode.chapters.map((chapter) => ({at: openingWords(texts, index.get(chapter.firstTurn) ?? 0) ?? clockAt(chapter.startTime), title: chapter.title})),
      [
        ' Chapters as publish-episode suggested them. This list is now the episode\'s',
        ' chapter list: rename, add, remove or move any. `at` is where a chapter',
        ' starts: the first words of a turn or sentence, or a time such as "00:42:10".',
        ' Delete the whole list to go back to automatic chapters.'
      ].join('\n')
    )
  }
  if (has('quotes')) kept.push('quotes')
  else {
    add('quotes', {pin: [], exclude: []}, [
      ' Pull quotes are chosen automatically. Pin a line (word for word from the',
      ' transcript) to make it a quote; exclude a text to keep it out. Today\'s picks:',
      ...episode.quotes.map((quote) => `   - ${JSON.stringify(quote.text)}  # ${quote.speaker}`)
    ].join('\n'))
  }
  const skipped: string[] = []
  if (has('summary')) kept.push('summary')
  // An empty `summary:` is refused by --check: too little speech for one is no field at all.
  else if (!episode.summary.trim()) skipped.push('no summary (too little standalone speech for one)')
  else add('summary', episode.summary, ' The summary as publish-episode suggested it: edit it, or delete it to go back to the automatic one.', true)

  const notes = skipped.length ? `; ${skipped.join('; ')}` : ''
  if (written.length === 0) return {ok: true, line: `· ${source.slug}: ${shown(path)} already sets ${kept.join(', ')}; nothing changed${notes}`}
  const temp = `${path}.tmp-${process.pid}`
  try {
    await writeFile(temp, doc.toString({lineWidth: 0, flowCollectionPadding: false}))
    await rename(temp, path)
  } catch (error) {
    await rm(temp, {force: true})
    throw error
  }
  return {ok: true, line: `✔ ${source.slug}: wrote ${written.join(', ')} into ${terminalSafe(shown(path))}${kept.length ? `; kept your ${kept.join(', ')}` : ''}${notes}`}
}

/** A time as `at` takes it: hh:mm:ss, with hundredths when the start has them. */
function clockAt(seconds: number): string {
  const total = Math.round(seconds * 100)
  const whole = Math.floor(total / 100)
  const hundredths = total % 100
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${pad(Math.floor(whole / 3600))}:${pad(Math.floor(whole / 60) % 60)}:${pad(whole % 60)}${hundredths ? `.${pad(hundredths)}` : ''}`
}

/** `--suggest`: builds each episode (without cards) and writes its automatic picks into its episode.yaml. */
export async function suggest({episodes, missing, files, io, settings, report}: RunContext): Promise<number> {
  let failed = missing.length
  const pipelineBuilder = await builder(1, settings)
  try {
    for (const source of episodes) {
      const result = await pipelineBuilder.build(source, {cards: false})
      files.push(...messagesOnly(result.files))
      try {
        const said = await writeSuggestions(source, result)
        if (!said.ok) failed++
        io.stdout(`${said.line}\n`)
      } catch (error) {
        failed++
        io.stdout(`✖ ${source.slug}: ${terminalSafe(describeFsError(error, source.episode ?? source.transcript))}\n`)
      }
    }
  } finally {
    await pipelineBuilder.destroy()
  }
  report()
  return failed > 0 ? 1 : 0
}
