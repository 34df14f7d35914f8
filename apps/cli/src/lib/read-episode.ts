import {readFile} from 'node:fs/promises'
import {basename, dirname, resolve} from 'node:path'
import type {EpisodeConfig, PlaceOf, PodcastConfig} from '@castline/config'
import {episodeSchema, podcastSchema} from '@castline/config'
import type {TimedTranscript} from '@castline/timed'
import {TimedError, readTimed, speakersNamed, timedExtensions, timedMarkdown} from '@castline/timed'
import {VFile} from 'vfile'
import {notReadable, readLimits, readText} from './read.js'
import type {EpisodeSource} from './sources.js'
import {loadConfig, readArtwork, shown} from './sources.js'

/** The most a transcript may be: larger or deeper input is refused before it is parsed. */
export interface Limits {
  /** Bytes of the transcript file. */
  bytes: number
  /** Nesting of block quotes and lists (a transcript needs two or three). */
  depth: number
  /** Speaker turns. */
  turns: number
}

/** Everything one episode is built from, read and checked in one step. */
export interface EpisodeInputs {
  podcast?: PodcastConfig | undefined
  episode?: {data: EpisodeConfig; place: PlaceOf; file: VFile} | undefined
  /** The transcript as Markdown: a timed transcript alone is written as Markdown here. */
  transcript: VFile
  /** The timed transcript whose clock the Markdown takes: one beside it, or the transcript itself. */
  clock?: TimedTranscript | undefined
  /** What the clock is, for messages, when it is not a timed file: the words heard in the audio. */
  clockName?: string | undefined
  /** The audio's length in seconds, when it was listened to: episode.yaml's `duration` when it gives none. */
  audioSeconds?: number | undefined
  /** The show's artwork file, its bytes and hash or why it cannot be used. */
  artwork?: Awaited<ReturnType<typeof readArtwork>>
  /** The cards' logo, its bytes or why it cannot be used. */
  logo?: {path: string; bytes?: Buffer; problem?: string} | undefined
}

const source = 'castline'

/**
 * Reads an episode's inputs: podcast.yaml, episode.yaml, the transcript, a
 * timed file and the logo, each checked before it is opened (a regular file,
 * within its size) and as it is read (UTF-8, YAML against its schema, the
 * timed format). Every file read goes onto `files` with its messages;
 * undefined when one of them is fatal, so the build starts only from inputs
 * that are all there.
 */
export async function readEpisode(input: EpisodeSource, limits: Limits, files: VFile[], {logo = true} = {}): Promise<EpisodeInputs | undefined> {
  const fatal = (file: VFile) => file.messages.some((m) => m.fatal)
  let podcast: PodcastConfig | undefined
  let episode: EpisodeInputs['episode']
  try {
    if (input.podcast) podcast = (await loadConfig(input.podcast, podcastSchema, files)).data
    if (input.episode) episode = await loadConfig(input.episode, episodeSchema, files)
  } catch {
    return undefined
  }

  const transcript = await readText(input.transcript, shown(input.transcript), {
    bytes: limits.bytes,
    name: 'transcript',
    advice: "a long episode's transcript is well under 1 MB. Split it, or raise the limit with --max-bytes"
  })
  files.push(transcript)
  if (fatal(transcript)) return undefined
  // A timed transcript: the clock of the Markdown one beside it, or, alone, the transcript itself (read as Markdown).
  let clock: TimedTranscript | undefined
  let audioSeconds: number | undefined
  // A timed file with word times is several times its text: four times the transcript's limit.
  const timedFile = input.timed
    ? // What was heard in the audio is told as the audio's.
      await readText(input.timed, input.heard ? shown(input.audio!) : shown(input.timed), {bytes: 4 * limits.bytes, advice: 'raise the limit with --max-bytes (a timed file may be four times it)'})
    : isTimed(input.transcript)
      ? transcript
      : undefined
  if (input.heard?.problem && input.audio) {
    const audio = new VFile({path: shown(input.audio)})
    audio.message(input.heard.problem.message, {ruleId: input.heard.problem.ruleId, source: 'castline-listen'})
    files.push(audio)
  }
  if (timedFile) {
    if (timedFile !== transcript) files.push(timedFile)
    if (fatal(timedFile)) return undefined
    let timed: TimedTranscript
    try {
      // Heard audio is Whisper-style JSON under the audio's name.
      timed = readTimed(String(timedFile.value), input.heard && input.timed ? input.timed : timedFile.path)
    } catch (error) {
      if (!(error instanceof TimedError)) throw error
      timedFile.message(error.message, {place: {line: error.line, column: 1}, ruleId: 'timed-unreadable', source: 'castline-timed'}).fatal = true
      return undefined
    }
    for (const repair of timed.repairs) {
      timedFile.message(repair.message, {place: repair.line ? {line: repair.line, column: 1} : undefined, ruleId: repair.ruleId, source: 'castline-timed'})
    }
    // Alone, it is also the transcript, written as Markdown; either way its clock is the episode's.
    if (timedFile === transcript) {
      transcript.value = timedMarkdown(timed)
      if (!speakersNamed(timed)) {
        transcript.message('The timed transcript names no speakers: it is published as `Speaker 1`, in turns cut where the talk pauses. Name the speakers in the file, or give a Markdown transcript beside it', {
          place: {line: 1, column: 1},
          ruleId: 'timed-no-speakers',
          source: 'castline-timed'
        })
      }
    }
    clock = timed
    if (input.heard) audioSeconds = timed.duration
  }
  const text = String(transcript.value)
  const depth = nestingDepth(text)
  if (depth > limits.depth) {
    const line = text.split('\n').findIndex((row) => nestingDepth(row) > limits.depth) + 1
    transcript.message(
      `Block quotes or lists nest ${depth} deep, over the limit of ${limits.depth}; a transcript needs two or three. Flatten them, or raise the limit with --max-depth`,
      {place: {line: Math.max(1, line), column: 1}, ruleId: 'too-deep', source}
    ).fatal = true
    return undefined
  }
  if (text.trim() === '') {
    transcript.message('The transcript is empty', {place: {line: 1, column: 1}, ruleId: 'empty-transcript', source}).fatal = true
    return undefined
  }
  return {
    podcast,
    episode,
    transcript,
    clock,
    clockName: input.heard && input.timed && input.audio ? `the words heard in ${basename(input.audio)}` : undefined,
    audioSeconds,
    logo: logo ? await readLogoFile(podcast, input.podcast) : undefined,
    artwork: podcast && input.podcast ? await readArtwork(podcast, input.podcast) : undefined
  }
}

/** The logo podcast.yaml names, bounded like every input; a problem is a warning later, not a failure. */
async function readLogoFile(podcast: PodcastConfig | undefined, podcastPath: string | undefined): Promise<EpisodeInputs['logo']> {
  const logo = podcast?.cards.logo
  if (!logo || !podcastPath) return undefined
  const path = resolve(dirname(podcastPath), logo)
  try {
    const refused = await notReadable(path, readLimits.image)
    if (refused) return {path, problem: refused.reason}
    return {path, bytes: await readFile(path)}
  } catch (error) {
    return {path, problem: (error as Error).message.split('\n')[0]!}
  }
}

const isTimed = (path: string) => timedExtensions.some((ending) => path.toLowerCase().endsWith(ending))

/** The deepest nesting of block quotes and list items on any line, from markers and indentation. */
export function nestingDepth(text: string): number {
  let deepest = 0
  for (const match of text.matchAll(/^([ \t]*)((?:>[ \t]*|(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))*)/gm)) {
    const indent = match[1]!.replace(/\t/g, '    ').length
    const markers = match[2]!.match(/>|[-*+]|\d{1,9}[.)]/g)?.length ?? 0
    deepest = Math.max(deepest, markers + Math.floor(indent / 2))
  }
  return deepest
}
