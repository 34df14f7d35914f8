import {createHash} from 'node:crypto'
import {lstat, readFile, readdir, stat} from 'node:fs/promises'
import {basename, dirname, join, relative, resolve} from 'node:path'
import type {ShowInfo} from '@castline/render'
import type {VFile} from 'vfile'
import {parseDocument} from 'yaml'
import type {ZodType} from 'zod'
import type {PodcastConfig} from '@castline/config'
import type {PlaceOf} from '@castline/config'
import {podcastSchema, readConfigWithPlaces} from '@castline/config'
import {isRegularFile, notReadable, readLimits, readText} from './read.js'
import {timedExtensions} from '@castline/timed'

// Finding episodes and reading their configuration: light enough for the
// main thread, which leaves the build pipeline to the workers.

/** Where one episode's inputs are. */
export interface EpisodeSource {
  slug: string
  /** The transcript: Markdown, or a timed transcript when there is no Markdown one. */
  transcript: string
  /** A timed transcript beside the Markdown one, whose clock the Markdown takes. */
  timed?: string
  /** episode.yaml, when the episode is a folder. */
  episode?: string
  podcast?: string
  /** The episode's audio, to listen to for real times when there is no timed transcript: `audio.*` in its folder, or episode.yaml's `audio.file`. */
  audio?: string
  /** What listening to the audio found: the cached words are then `timed`. Set by `hearAudio` before the build. */
  heard?: {problem?: {ruleId: string; message: string}} | undefined
}

/** Audio file endings an episode folder is searched for, in this order (`audio.mp3`, …). */
export const audioExtensions = ['.mp3', '.m4a', '.wav', '.ogg', '.flac'] as const

/** Episodes to publish: the folders given, bare transcripts given, or every folder under `content/episodes`. */
export async function findEpisodes(paths: string[], content: string): Promise<Array<EpisodeSource | {missing: string}>> {
  if (paths.length === 0) {
    const root = join(content, 'episodes')
    // A linked episode folder is an episode folder, as it is when named on the command line.
    const entries = await readdir(root, {withFileTypes: true})
    const isFolder = async (entry: (typeof entries)[number]) => entry.isDirectory() || (entry.isSymbolicLink() && (await stat(join(root, entry.name)).then((info) => info.isDirectory(), () => false)))
    const names: string[] = []
    for (const entry of entries) if (await isFolder(entry)) names.push(entry.name)
    return Promise.all(names.sort().map((name) => fromPath(join(root, name))))
  }
  return Promise.all(paths.map(fromPath))
}

async function fromPath(path: string): Promise<EpisodeSource | {missing: string}> {
  let isDirectory = false
  try {
    isDirectory = (await stat(path)).isDirectory()
  } catch {
    // a missing path is reported when it is read
  }
  if (isDirectory) {
    // transcript.md, a timed transcript beside it or instead of it, or both.
    const markdown = join(path, 'transcript.md')
    const timed = await firstFile(timedExtensions.map((ending) => join(path, `transcript${ending}`)))
    const hasMarkdown = (await firstFile([markdown])) !== undefined || timed === undefined
    const episode = join(path, 'episode.yaml')
    // Whatever is there by an audio file's name: what cannot be read (a FIFO) is a warning when it is listened to.
    let audio = await audioNamed(episode)
    for (const ending of audioExtensions) if (!audio && (await exists(join(path, `audio${ending}`)))) audio = join(path, `audio${ending}`)
    return {
      slug: slugify(basename(resolve(path))),
      transcript: hasMarkdown ? markdown : timed!,
      ...(hasMarkdown && timed ? {timed} : {}),
      // A folder with only a transcript publishes as the bare transcript does.
      ...((await exists(episode)) ? {episode} : {}),
      ...(audio ? {audio} : {}),
      ...(await podcastFor(path))
    }
  }
  if (/\.(?:md|markdown)$/i.test(path)) return {slug: transcriptSlug(path), transcript: path, ...(await podcastFor(dirname(path)))}
  if (timedExtensions.some((ending) => path.toLowerCase().endsWith(ending))) return {slug: transcriptSlug(path), transcript: path, ...(await podcastFor(dirname(path)))}
  return {missing: path}
}

/** The audio file episode.yaml names (`audio.file`, from its folder); its problems are the build's to report. */
async function audioNamed(episode: string): Promise<string | undefined> {
  // A FIFO would block this read forever, and a huge file cost memory: the build refuses both, with the reason.
  if (await notReadable(episode, readLimits.yaml).catch(() => true)) return undefined
  const text = await readFile(episode, 'utf8').catch(() => undefined)
  if (!text?.includes('file')) return undefined
  try {
    const file = parseDocument(text).getIn(['audio', 'file'])
    return typeof file === 'string' && file ? resolve(dirname(episode), file) : undefined
  } catch {
    return undefined
  }
}

/** Whether anything is at a path (a FIFO or a folder there is refused when read, with its reason). */
const exists = (path: string) => lstat(path).then(() => true, () => false)

/** The first of these paths that is a file. */
async function firstFile(paths: string[]): Promise<string | undefined> {
  for (const candidate of paths) {
    if (await isRegularFile(candidate)) return candidate
  }
  return undefined
}

/**
 * A bare transcript's slug: its file name, or its folder's name when the file
 * is named as every episode's is (`a/transcript.md`, `b/index.md`).
 */
export function transcriptSlug(path: string): string {
  const name = basename(path).replace(/\.(?:md|markdown|srt|vtt|json|txt)$/i, '')
  return slugify(/^(?:transcript|index|readme)$/i.test(name) ? basename(dirname(resolve(path))) : name)
}

/**
 * Two inputs that would publish into the same folder, one message for each
 * pair: slugs fold case and punctuation, so `Ep 1` and `ep-1` collide. The
 * same transcript given twice is one episode, not a collision.
 */
export function slugCollisions(sources: EpisodeSource[]): {unique: EpisodeSource[]; collisions: Array<[EpisodeSource, EpisodeSource]>} {
  const bySlug = new Map<string, EpisodeSource>()
  const unique: EpisodeSource[] = []
  const collisions: Array<[EpisodeSource, EpisodeSource]> = []
  for (const source of sources) {
    const first = bySlug.get(source.slug)
    if (!first) {
      bySlug.set(source.slug, source)
      unique.push(source)
    } else if (resolve(first.transcript) !== resolve(source.transcript)) {
      collisions.push([first, source])
    }
  }
  return {unique, collisions}
}

/** The nearest podcast.yaml in the folder or above it. */
async function podcastFor(start: string): Promise<{podcast?: string}> {
  let dir = resolve(start)
  for (;;) {
    const candidate = join(dir, 'podcast.yaml')
    try {
      if ((await stat(candidate)).isFile()) return {podcast: candidate}
    } catch {
      // keep looking upwards
    }
    const parent = dirname(dir)
    if (parent === dir) return {}
    dir = parent
  }
}

/**
 * Bytes a slug may take. Its temporary folder, `.<slug>.tmp-XXXXXX.old`, is
 * 16 bytes more and must fit the 255 bytes a name may have (ext4, APFS); a
 * slug is also a URL's path. A longer one keeps its first 91 bytes and ends
 * in 8 characters of its SHA-256, so two long names still differ.
 */
export const slugBytes = 100

export function slugify(name: string): string {
  const slug =
    name
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'episode'
  if (Buffer.byteLength(slug) <= slugBytes) return slug
  const hash = createHash('sha256').update(slug).digest('hex').slice(0, 8)
  let kept = ''
  let bytes = 0
  for (const char of slug) {
    bytes += Buffer.byteLength(char)
    if (bytes > slugBytes - hash.length - 1) break
    kept += char
  }
  return `${kept.replace(/-+$/, '')}-${hash}`
}

export const shown = (path: string) => relative(process.cwd(), path) || path

/** Reads and validates one YAML file, with where each field is; throws once its fatal messages are on the file. */
export async function loadConfig<T>(path: string, schema: ZodType<T>, files: VFile[]): Promise<{data: T; place: PlaceOf; file: VFile}> {
  const file = await readText(path, shown(path))
  files.push(file)
  const read = file.messages.some((m) => m.fatal) ? undefined : readConfigWithPlaces(file, schema)
  if (read === undefined) throw new Error(`invalid ${path}`)
  return {...read, file}
}

/** The show from a podcast.yaml, or undefined with the reasons on the returned file. */
export async function loadShow(path: string): Promise<{show?: ShowInfo; file: VFile}> {
  const files: VFile[] = []
  try {
    const {data, file} = await loadConfig(path, podcastSchema, files)
    // An artwork problem is each episode's build's warning, where the pages are made.
    const artwork = await readArtwork(data, path)
    return {show: showInfo(data, artwork?.found), file}
  } catch {
    return {file: files[0]!}
  }
}

/** What render needs of a show, from podcast.yaml (and its artwork's file, when it can be read). */
export function showInfo(podcast: PodcastConfig, artwork?: ShowInfo['artwork']): ShowInfo {
  const {sponsors: _sponsors, products: _products, adMarkers: _adMarkers, cards: _cards, artwork: _artwork, ...show} = podcast
  return artwork ? {...show, artwork} : show
}

/**
 * The artwork file podcast.yaml names, read within the image limit and
 * hashed as @castline/cards' `artworkHash` names its sizes (this thread never
 * loads sharp); or why it cannot be used, for a warning: the pages then go
 * without it.
 */
export async function readArtwork(podcast: PodcastConfig, podcastPath: string): Promise<ArtworkRead | undefined> {
  if (!podcast.artwork) return undefined
  const path = resolve(dirname(podcastPath), podcast.artwork)
  // Every episode of a show names the same file: read it once a process while it stays the same.
  const seen = await stat(path).then(
    (info) => `${info.size}:${info.mtimeMs}`,
    () => undefined
  )
  const known = artworkRead.get(path)
  if (seen !== undefined && known?.seen === seen) return known.read
  const read = await (async () => {
    try {
      const refused = await notReadable(path, readLimits.image)
      if (refused) return {path, problem: refused.reason}
      const bytes = await readFile(path)
      return {path, found: {hash: createHash('sha256').update(bytes).digest('hex').slice(0, 10), path}, bytes}
    } catch (error) {
      return {path, problem: (error as Error).message.split('\n')[0]!}
    }
  })()
  if (seen !== undefined) artworkRead.set(path, {seen, read})
  return read
}

const artworkRead = new Map<string, {seen: string; read: ArtworkRead}>()

/** The artwork's file as read: its bytes and hash, or why it cannot be used. */
export interface ArtworkRead {
  path: string
  found?: {hash: string; path: string}
  bytes?: Buffer
  problem?: string
}

