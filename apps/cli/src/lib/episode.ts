import {readFile} from 'node:fs/promises'
import {dirname, resolve} from 'node:path'
import {remarkSpeakers, remarkSpeakersStringify} from '@castline/parse'
import type {SpeakerTurn} from '@castline/parse'
import {remarkRedactAds} from '@castline/redact-ads'
import {remarkSummarize} from '@castline/summarize'
import type {EpisodeData, ShowInfo} from '@castline/render'
import {renderEpisode} from '@castline/render'
import {type CardStyle, readLogo, renderCards} from '@castline/cards'
import {visit} from 'unist-util-visit'
import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import remarkParse from 'remark-parse'
import remarkStringify from 'remark-stringify'
import {unified} from 'unified'
import type {VFile} from 'vfile'
import type {EpisodeConfig, PodcastConfig} from './config.js'
import {durationSeconds, episodeSchema, podcastSchema} from './config.js'
import type {EpisodeSource} from './sources.js'
import {loadConfig, shown, showInfo} from './sources.js'
import {readText} from './read.js'

export interface EpisodeResult {
  slug: string
  /** Every file read, with its messages, for the reporter. */
  files: VFile[]
  /** Output file name to content; undefined when the episode failed. */
  outputs?: Map<string, string | Uint8Array>
  /** The show it belongs to, when a podcast.yaml was found. */
  show?: ShowInfo
  /** Milliseconds per stage: read, parse, redact, summarize, render, cards. */
  timings: Record<string, number>
}

export interface BuildOptions {
  /** Stop after parse and redact-ads: validate, make nothing (`--check`). */
  check?: boolean
  /** Cards rendered at once (default: one per core). */
  cardConcurrency?: number
}

/** Reads, parses and redacts one episode; returns its outputs, or the files that explain why not. */
export async function buildEpisode(input: EpisodeSource, options: BuildOptions = {}): Promise<EpisodeResult> {
  const files: VFile[] = []
  const timings: Record<string, number> = {}
  let clock = performance.now()
  // A stage's time is the time since the last mark.
  const mark = (stage: string) => {
    const now = performance.now()
    timings[stage] = Math.round((timings[stage] ?? 0) + now - clock)
    clock = now
  }
  const marker = (stage: string) => () => () => mark(stage)
  const failed = () => ({slug: input.slug, files, timings})

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

  mark('read')
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
    .use(marker('parse'))
    .use(remarkRedactAds, {sponsors, products: podcast?.products})
    .use(marker('redact'))
  if (!options.check) processor.use(remarkSummarize).use(marker('summarize'))
  processor.use(remarkStringify, {bullet: '-', emphasis: '*', strong: '*', rule: '*'}).use(remarkSpeakersStringify)

  let tree: Root
  try {
    tree = (await processor.run(processor.parse(file), file)) as Root
  } catch (error) {
    // file.fail has already put the fatal message on the file.
    if (!file.messages.some((m) => m.fatal)) throw error
    return failed()
  }

  if (options.check) return {slug: input.slug, files, timings}
  const transcript = processor.stringify(tree, file)
  const data = episodeData(input.slug, tree, file, episode, podcast)
  const show = podcast ? showInfo(podcast) : undefined
  mark('render')
  const cards = await renderCards(
    data.quotes.map(({text, speaker}) => ({text, speaker})),
    await cardStyle(data, podcast, input.podcast, file),
    options.cardConcurrency
  )
  for (const problem of cards.problems) {
    file.message(`No ${problem.size} card for quote ${problem.quote + 1}: ${problem.reason}`, {
      place: data.quotes[problem.quote]?.position,
      ruleId: problem.ruleId,
      source: 'castline-cards'
    })
  }
  data.cards = cards.cards.map(({file: path, quote, size, alt}) => ({file: path, quote, size: size.name, alt}))
  mark('cards')
  const outputs = new Map<string, string | Uint8Array>([
    ['transcript.md', transcript],
    ['episode.json', json({...data, languageShares: file.data.languageShares, speakers: file.data.speakers, sections: file.data.sections, tree})],
    ['redactions.json', json({episode: input.slug, redactions: file.data.redactions ?? []})],
    ['chapters.json', json(podcastChapters(file))],
    ['quotes.json', json({episode: input.slug, quotes: file.data.quotes ?? []})],
    ['cards.json', json({episode: input.slug, cards: cards.cards})],
    ...cards.images,
    ...renderEpisode(data, show, file)
  ])
  mark('render')
  return {slug: input.slug, files, outputs, timings, ...(show ? {show} : {})}
}

/** The cards' look from podcast.yaml; a logo that cannot be read is left out, with a warning. */
async function cardStyle(data: EpisodeData, podcast: PodcastConfig | undefined, podcastPath: string | undefined, file: VFile): Promise<CardStyle> {
  const style: CardStyle = {background: podcast?.cards.color ?? '#1d3557', show: podcast?.title ?? '', episode: data.title, language: data.language}
  const logo = podcast?.cards.logo
  if (logo && podcastPath) {
    const path = resolve(dirname(podcastPath), logo)
    try {
      style.logo = await readLogo(await readFile(path))
    } catch (error) {
      file.message(`Logo \`${shown(path)}\` cannot be used (${(error as Error).message.split('\n')[0]}); cards are made without it`, {ruleId: 'bad-logo', source: 'castline-cards'})
    }
  }
  return style
}

/** The episode as its outputs and the feed need it; episode.json holds this and more. */
function episodeData(slug: string, tree: Root, file: VFile, episode: EpisodeConfig | undefined, podcast: PodcastConfig | undefined): EpisodeData {
  const turns: EpisodeData['turns'] = []
  for (const node of tree.children) {
    if (node.type !== 'section') continue
    for (const child of node.children) if (child.type === 'speakerTurn') turns.push(turnJson(child))
  }
  const redactions = file.data.redactions ?? []
  const names = new Map([...(podcast?.sponsors ?? []), ...(podcast?.products ?? [])].map((s) => [s.id, s.name]))
  const sponsors = [...new Set(redactions.flatMap((r) => (r.sponsor ? [names.get(r.sponsor) ?? r.sponsor] : [])))]
  return {
    slug,
    title: file.data.title ?? slug,
    language: file.data.language ?? 'en',
    summary: file.data.summary ?? '',
    episode: {
      number: episode?.number,
      season: episode?.season,
      published: episode?.published,
      episodeType: episode?.episodeType,
      guid: episode?.guid,
      explicit: episode?.explicit,
      audio: episode?.audio,
      duration: durationSeconds(episode?.duration)
    },
    people: (episode?.people ?? []).map(({id, name, role, href}) => ({id, name, role, ...(href ? {href} : {})})),
    chapters: file.data.chapters ?? [],
    quotes: file.data.quotes ?? [],
    turns,
    timing: {estimated: file.data.timing?.estimated ?? true, duration: file.data.timing?.duration ?? 0},
    sponsors,
    redactions: redactions.map(({kind, sponsor, marker, speaker, text, position}) => ({kind, sponsor, marker, speaker, text, position})),
    links: linksIn(tree)
  }
}

const bareUrl = /\bhttps?:\/\/[^\s<>"'）)】，。]+|\b(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|ai|gov|edu|co|fm|app|dev)\b(?:\/[^\s<>"'）)】，。]*)?/gi

/** Links said or written in the conversation after redaction, in order, once each. */
function linksIn(tree: Root): string[] {
  const links: string[] = []
  visit(tree, (node) => {
    if (node.type === 'link') links.push(node.url)
    else if (node.type === 'text') for (const match of node.value.matchAll(bareUrl)) links.push(/^https?:/i.test(match[0]) ? match[0] : `https://${match[0]}`)
  })
  return [...new Set(links.map((link) => link.replace(/[.,;:!?]+$/, '')))]
}

function turnJson(turn: SpeakerTurn) {
  const {name, person, role} = turn.speaker
  return {
    id: turn.id,
    speaker: {name, ...(person ? {person} : {}), ...(role ? {role} : {})},
    start: turn.start ?? {seconds: 0, estimated: true},
    text: turn.children.map((child) => toString(child)).join('\n\n'),
    ...(turn.position ? {position: turn.position} : {})
  }
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
