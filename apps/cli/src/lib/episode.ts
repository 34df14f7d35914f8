import {readdir, stat} from 'node:fs/promises'
import {basename, dirname, join, relative, resolve} from 'node:path'
import {remarkSpeakers, remarkSpeakersStringify} from '@castline/parse'
import type {SpeakerTurn} from '@castline/parse'
import {remarkRedactAds} from '@castline/redact-ads'
import {remarkSummarize} from '@castline/summarize'
import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import remarkParse from 'remark-parse'
import remarkStringify from 'remark-stringify'
import {unified} from 'unified'
import type {VFile} from 'vfile'
import type {ZodType} from 'zod'
import type {EpisodeConfig, PodcastConfig} from './config.js'
import {durationSeconds, episodeSchema, podcastSchema, readConfig} from './config.js'
import {readText} from './read.js'

/** Where one episode's inputs are. */
export interface EpisodeSource {
  slug: string
  transcript: string
  /** episode.yaml, when the episode is a folder. */
  episode?: string
  podcast?: string
}

export interface EpisodeResult {
  slug: string
  /** Every file read, with its messages, for the reporter. */
  files: VFile[]
  /** Output file name to content; undefined when the episode failed. */
  outputs?: Map<string, string>
}

/** Episodes to publish: the folders given, bare transcripts given, or every folder under `content/episodes`. */
export async function findEpisodes(paths: string[], content: string): Promise<Array<EpisodeSource | {missing: string}>> {
  if (paths.length === 0) {
    const root = join(content, 'episodes')
    const names = (await readdir(root, {withFileTypes: true})).filter((entry) => entry.isDirectory()).map((entry) => entry.name)
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
    return {slug: slugify(basename(resolve(path))), transcript: join(path, 'transcript.md'), episode: join(path, 'episode.yaml'), ...(await podcastFor(path))}
  }
  if (!/\.(?:md|markdown)$/i.test(path)) return {missing: path}
  return {slug: slugify(basename(path).replace(/\.(?:md|markdown)$/i, '')), transcript: path, ...(await podcastFor(dirname(path)))}
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

export function slugify(name: string): string {
  return (
    name
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'episode'
  )
}

const shown = (path: string) => relative(process.cwd(), path) || path

/** Reads and validates one YAML file; throws once its fatal messages are on the file. */
async function loadConfig<T>(path: string, schema: ZodType<T>, files: VFile[]): Promise<T> {
  const file = await readText(path, shown(path))
  files.push(file)
  const data = file.messages.some((m) => m.fatal) ? undefined : readConfig(file, schema)
  if (data === undefined) throw new Error(`invalid ${path}`)
  return data
}

/** Reads, parses and redacts one episode; returns its outputs, or the files that explain why not. */
export async function buildEpisode(input: EpisodeSource): Promise<EpisodeResult> {
  const files: VFile[] = []
  const failed = () => ({slug: input.slug, files})

  let podcast: PodcastConfig | undefined
  let episode: EpisodeConfig | undefined
  try {
    if (input.podcast) podcast = await loadConfig(input.podcast, podcastSchema, files)
    if (input.episode) episode = await loadConfig(input.episode, episodeSchema, files)
  } catch {
    return failed()
  }

  const file = await readText(input.transcript, shown(input.transcript))
  files.push(file)
  if (file.messages.some((m) => m.fatal)) return failed()
  if (String(file.value).trim() === '') {
    const message = file.message('The transcript is empty', {place: {line: 1, column: 1}, ruleId: 'empty-transcript', source: 'castline'})
    message.fatal = true
    return failed()
  }

  const sponsors = podcast?.sponsors ?? []
  const processor = unified()
    .use(remarkParse)
    .use(remarkSpeakers, {
      title: episode?.title,
      people: episode?.people,
      sponsors,
      adMarkers: podcast?.adMarkers,
      duration: durationSeconds(episode?.duration)
    })
    .use(remarkRedactAds, {sponsors, products: podcast?.products})
    .use(remarkSummarize)
    .use(remarkStringify, {bullet: '-', emphasis: '*', strong: '*', rule: '*'})
    .use(remarkSpeakersStringify)

  let tree: Root
  try {
    tree = (await processor.run(processor.parse(file), file)) as Root
  } catch (error) {
    // file.fail has already put the fatal message on the file.
    if (!file.messages.some((m) => m.fatal)) throw error
    return failed()
  }

  const transcript = processor.stringify(tree, file)
  const outputs = new Map<string, string>([
    ['transcript.md', transcript],
    ['episode.json', json(episodeJson(input.slug, tree, file, episode, podcast))],
    ['redactions.json', json({episode: input.slug, redactions: file.data.redactions ?? []})],
    ['chapters.json', json(podcastChapters(file))],
    ['quotes.json', json({episode: input.slug, quotes: file.data.quotes ?? []})]
  ])
  return {slug: input.slug, files, outputs}
}

function episodeJson(slug: string, tree: Root, file: VFile, episode: EpisodeConfig | undefined, podcast: PodcastConfig | undefined) {
  const turns: Array<Record<string, unknown>> = []
  let section = -1
  for (const node of tree.children) {
    if (node.type !== 'section') continue
    section++
    for (const child of node.children) {
      if (child.type !== 'speakerTurn') continue
      turns.push(turnJson(child, section))
    }
  }
  const {people, title: _title, ...facts} = episode ?? {people: [], title: undefined}
  return {
    slug,
    title: file.data.title ?? slug,
    language: file.data.language,
    languageShares: file.data.languageShares,
    show: podcast ? {title: podcast.title, link: podcast.link} : undefined,
    episode: facts,
    people,
    speakers: file.data.speakers,
    sections: file.data.sections,
    timing: file.data.timing,
    summary: file.data.summary,
    chapters: file.data.chapters,
    quotes: file.data.quotes,
    turns,
    tree
  }
}

function turnJson(turn: SpeakerTurn, section: number) {
  return {id: turn.id, section, speaker: turn.speaker, start: turn.start, text: turn.children.map((child) => toString(child)).join('\n\n'), position: turn.position}
}

/** Podcasting 2.0 JSON chapters (version 1.2.0): start times in seconds and titles. */
function podcastChapters(file: VFile) {
  return {
    version: '1.2.0',
    ...(file.data.title ? {title: file.data.title} : {}),
    chapters: (file.data.chapters ?? []).map((chapter) => ({startTime: Math.round(chapter.startTime), title: chapter.title}))
  }
}

/** Stable, readable JSON: the same input gives the same bytes. */
function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}
