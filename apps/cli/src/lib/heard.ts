import {createHash} from 'node:crypto'
import {createReadStream} from 'node:fs'
import {mkdir, readdir, readFile, rename, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import type {Io} from './context.js'
import {isRegularFile, notReadable} from './read.js'
import {terminalSafe} from './safe.js'
import {type EpisodeSource, shown} from './sources.js'

// Listening to an episode's audio is the slowest thing Castline does: it is
// done here, in the main thread before the builds (whose timeout it would
// overrun), once per audio and transcript. What was heard is kept in the
// cache folder as Whisper-style JSON, which the build then reads as the
// episode's timed transcript.

/** Where what was heard is kept, under the folder the command runs in unless --cache says. */
export const defaultCache = '.cache/castline'

/**
 * For each episode with audio and a Markdown transcript but no timed file:
 * the cached words for this audio and transcript, or listens now and caches
 * them; `source.timed` is then that file. When it cannot listen, the reason
 * goes on `source.heard.problem`, for the build to warn about: times stay
 * estimated. `writeTo` is where new results go (--check writes nothing: a
 * temporary folder).
 */
export async function hearAudio(episodes: EpisodeSource[], cache: string, io: Io, {transcriptBytes = 16 * 1024 * 1024, writeTo = cache}: {transcriptBytes?: number | undefined; writeTo?: string} = {}): Promise<void> {
  const waiting = episodes.filter((source) => source.audio && !source.timed && /\.(?:md|markdown)$/i.test(source.transcript))
  if (waiting.length === 0) return
  // Loaded only for episodes with audio: it reads no model until it listens.
  const {ListenError, engineId, findTools, listen} = await import('@castline/listen')
  const tools = findTools()
  const engine = engineId(tools)
  for (const source of waiting) {
    const audio = source.audio!
    // A FIFO or a device would never end: refused, with the reason, as every input is.
    const refused = await notReadable(audio, {bytes: 8 * 1024 ** 3, name: 'audio file'}).catch((error: NodeJS.ErrnoException) => ({reason: error.code === 'ENOENT' ? 'there is no such file' : error.message.split('\n')[0]!, ruleId: 'unreadable'}))
    if (refused) {
      source.heard = {problem: {ruleId: 'audio-unreadable', message: `The audio ${shown(audio)} cannot be read (${refused.reason}): times stay estimated`}}
      continue
    }
    // Read only when the build would read it (a regular file, within the limit); otherwise the build says why.
    if (await notReadable(source.transcript, {bytes: transcriptBytes, name: 'transcript'}).catch(() => true)) continue
    const transcript = await readFile(source.transcript, 'utf8').catch(() => undefined)
    if (transcript === undefined) continue
    const key = createHash('sha256').update(engine).update('\0').update(await fileHash(audio)).update('\0').update(transcript).digest('hex').slice(0, 16)
    const name = `${source.slug}.${key}.heard.json`
    const found = [cache, ...(writeTo === cache ? [] : [writeTo])].map((folder) => join(folder, name))
    const known = (await Promise.all(found.map(isRegularFile))).indexOf(true)
    if (known >= 0) {
      source.timed = found[known]
      source.heard = {}
      continue
    }
    const path = join(writeTo, name)
    const started = performance.now()
    const line = progressLine(io, `${shown(audio)}`)
    try {
      const heard = await listen(audio, {transcript, onProgress: line.update})
      await mkdir(writeTo, {recursive: true})
      // Whole or not at all: a stopped run leaves no half-written file to trust.
      const partial = `${path}.${process.pid}.tmp`
      await writeFile(partial, `${JSON.stringify(heard)}\n`)
      await rename(partial, path)
      if (writeTo === cache) await forgetOthers(cache, source.slug, path)
      source.timed = path
      source.heard = {}
      line.done(`listened to ${shown(audio)}: ${clock(heard.duration)} of audio in ${clock((performance.now() - started) / 1000)}`)
    } catch (error) {
      if (!(error instanceof ListenError)) throw error
      line.done()
      source.heard = {problem: {ruleId: `audio-${error.problem}`, message: `${error.message}: times stay estimated`}}
    }
  }
}

/** The audio's SHA-256, read as a stream: an episode's audio is far larger than memory wants. */
function fileHash(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256')
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')))
  })
}

/** What was heard for an episode's earlier audio or transcript is not needed again. */
async function forgetOthers(cache: string, slug: string, kept: string): Promise<void> {
  for (const name of await readdir(cache).catch(() => [] as string[])) {
    const path = join(cache, name)
    if (path !== kept && name.startsWith(`${slug}.`) && /^[^.]+\.[0-9a-f]{16}\.heard\.json$/.test(name)) await rm(path, {force: true})
  }
}

const clock = (seconds: number) => {
  const s = Math.round(seconds)
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  return `${h ? `${h}:${String(m).padStart(2, '0')}` : m}:${String(s % 60).padStart(2, '0')}`
}

/** How far listening is: one line redrawn on a terminal, a line every 10% elsewhere. */
function progressLine(io: Io, name: string) {
  let shownTenth = -1
  let drawn = false
  return {
    update({stage, seconds, total}: {stage: 'decoding' | 'listening'; seconds: number; total?: number | undefined}) {
      const text = stage === 'decoding' ? `decoding ${name}: ${clock(seconds)}` : `listening to ${name}: ${clock(seconds)}${total ? ` of ${clock(total)} (${Math.floor((100 * seconds) / total)}%)` : ''}`
      if (io.tty) {
        io.stderr(`\r\x1b[2K${terminalSafe(text)}`)
        drawn = true
        return
      }
      const tenth = stage === 'listening' && total ? Math.floor((10 * seconds) / total) : -1
      if (stage === 'listening' && tenth > shownTenth) {
        shownTenth = tenth
        io.stderr(`${terminalSafe(text)}\n`)
      }
    },
    done(text?: string) {
      if (drawn) io.stderr('\r\x1b[2K')
      if (text) io.stderr(`${terminalSafe(text)}\n`)
    }
  }
}
