import {remarkSpeakers, remarkSpeakersStringify} from '@castline/parse'
import type {SpeakerTurn} from '@castline/parse'
import {remarkRedactAds} from '@castline/redact-ads'
import type {ProducerChoices} from '@castline/summarize'
import {bareText, nameInLanguage, remarkSummarize} from '@castline/summarize'
import type {EpisodeData, ShowInfo} from '@castline/render'
import {captionFaults, renderEpisode} from '@castline/render'
import {episodePage} from '@castline/site'
import {type CardStyle, checkArtwork, readLogo, renderCards} from '@castline/cards'
import {remarkTimedClock, remarkTurnClock} from '@castline/timed'
import {visit} from 'unist-util-visit'
import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import remarkParse from 'remark-parse'
import remarkStringify from 'remark-stringify'
import {unified} from 'unified'
import {VFile} from 'vfile'
import type {EpisodeConfig, PlaceOf, PodcastConfig} from '@castline/config'
import {durationSeconds} from '@castline/config'
import type {EpisodeSource} from './sources.js'
import {shown, showInfo} from './sources.js'
import {type EpisodeInputs, type Limits, readEpisode} from './read-episode.js'

export type {Limits} from './read-episode.js'
export {nestingDepth} from './read-episode.js'

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
  /** Cards rendered at once (default: one per core). */
  cardConcurrency?: number
  /** Render the quote cards (default true); `--suggest` needs only the text. */
  cards?: boolean
  /** The published audio has the ads cut out: times after each break move earlier by its length. */
  adsCutFromAudio?: boolean
  /** What a transcript may be at most; checked before any work. */
  limits?: Partial<Limits>
}

export const defaultLimits: Limits = {bytes: 16 * 1024 * 1024, depth: 32, turns: 20_000}

const source = 'castline'

/**
 * Builds one episode: its outputs, or the files whose messages say why not.
 * Never throws: whatever goes wrong in any stage (a bug of ours, a library's
 * error, input no limit foresaw) becomes this episode's fatal message, so the
 * rest of the run and the feed go on.
 */
export async function buildEpisode(input: EpisodeSource, options: BuildOptions = {}): Promise<EpisodeResult> {
  const files: VFile[] = []
  const timings: Record<string, number> = {}
  try {
    return await build(input, options, files, timings)
  } catch (error) {
    let file = files.find((f) => f.path === shown(input.transcript))
    if (!file) {
      file = new VFile({path: shown(input.transcript)})
      files.push(file)
    }
    const reason = error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error)
    const message = file.message(`Cannot build this episode (${reason}); please report it with the file`, {ruleId: 'internal-error', source})
    message.fatal = true
    return {slug: input.slug, files, timings}
  }
}

async function build(input: EpisodeSource, options: BuildOptions, files: VFile[], timings: Record<string, number>): Promise<EpisodeResult> {
  const limits = {...defaultLimits, ...options.limits}
  let clock = performance.now()
  // A stage's time is the time since the last mark.
  const mark = (stage: string) => {
    const now = performance.now()
    timings[stage] = Math.round((timings[stage] ?? 0) + now - clock)
    clock = now
  }
  const marker = (stage: string) => () => () => mark(stage)
  const failed = () => ({slug: input.slug, files, timings})

  // Everything is read and checked first; the build works only from what was read.
  const read = await readEpisode(input, limits, files, {logo: options.cards !== false})
  if (!read) return failed()
  const {podcast, transcript: file, clock: timed, logo} = read
  const episodeConfig = read.episode
  const episode = episodeConfig?.data
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
    .use(turnLimit, limits.turns)
  if (timed) processor.use(remarkTimedClock, {timed, adsCutFromAudio: options.adsCutFromAudio, clockName: read.clockName})
  processor
    .use(marker('parse'))
    .use(remarkRedactAds, {sponsors, products: podcast?.products})
  // Once the ads are out: the timed file's clock inside each turn, for captions and soundbites.
  if (timed) processor.use(remarkTurnClock)
  processor.use(marker('redact'))
  processor
    .use(remarkSummarize, {people: episode?.people, show: podcast ? [podcast.title, ...podcast.aliases] : [], choices: episodeConfig && producerChoices(episodeConfig)})
    .use(marker('summarize'))
  processor.use(remarkStringify, {bullet: '-', emphasis: '*', strong: '*', rule: '*'}).use(remarkSpeakersStringify)

  let tree: Root
  try {
    tree = (await processor.run(processor.parse(file), file)) as Root
  } catch (error) {
    // file.fail has already put the fatal message on the file.
    if (!file.messages.some((m) => m.fatal)) throw error
    return failed()
  }
  // A producer's choice that cannot be honoured (an `at` that finds no turn) fails the episode, with its YAML place.
  if (files.some((f) => f.messages.some((m) => m.fatal))) return failed()

  const transcript = processor.stringify(tree, file)
  const data = episodeData(input.slug, tree, file, episode, podcast, episodeConfig?.file, read.audioSeconds)
  // The feed is built later from episode.json, which keeps only some turns: it learns here whether the captions are captions.
  data.timing.captions = captionFaults(data).length === 0 ? 'guide' : 'off-guide'
  const show = podcast ? showInfo(podcast, await usableArtwork(read.artwork, file)) : undefined
  mark('render')
  const carded = options.cards === false ? [] : cardedQuotes(data, episodeConfig)
  const cards = await renderCards(
    carded.map((index) => ({text: data.quotes[index]!.text, speaker: data.quotes[index]!.speaker, index})),
    await cardStyle(data, podcast, logo, file),
    options.cardConcurrency
  )
  for (const problem of cards.problems) {
    const quote = data.quotes[problem.quote]
    const pin = quote?.by === 'producer' ? episodeConfig?.data.quotes?.pin.findIndex((text) => bareText(text) === bareText(quote.text)) : -1
    if (episodeConfig && pin !== undefined && pin >= 0) {
      // The producer asked for this quote: one that cannot be a card is theirs to shorten.
      const message = episodeConfig.file.message(`This pinned quote is too long for a ${problem.size} card (${problem.reason}); pin a shorter stretch`, {
        place: episodeConfig.place(['quotes', 'pin', pin]),
        ruleId: 'pin-too-long',
        source: 'castline-choices'
      })
      message.fatal = true
      continue
    }
    file.message(`No ${problem.size} card for quote ${problem.quote + 1}: ${problem.reason}`, {
      place: quote?.position,
      ruleId: problem.ruleId,
      source: 'castline-cards'
    })
  }
  if (files.some((f) => f.messages.some((m) => m.fatal))) return failed()
  data.cards = cards.cards.map(({file: path, quote, size, alt}) => ({file: path, quote, size: size.name, alt}))
  mark('cards')
  const outputs = new Map<string, string | Uint8Array>([
    ['transcript.md', transcript],
    ['episode.json', json({...data, languageShares: file.data.languageShares, speakers: file.data.speakers, sections: file.data.sections, tree})],
    ['redactions.json', json({episode: input.slug, redactions: file.data.redactions ?? []})],
    ['chapters.json', json(podcastChapters(file))],
    ['quotes.json', json({episode: input.slug, quotes: data.quotes})],
    ['cards.json', json({episode: input.slug, cards: cards.cards})],
    ...cards.images,
    ...renderEpisode(data, show, file),
    ['index.html', episodePage(data, show)]
  ])
  mark('render')
  return {slug: input.slug, files, outputs, timings, ...(show ? {show} : {})}
}

/** The artwork, when sharp can make the pages' sizes of it; else a warning, and pages without it. */
async function usableArtwork(artwork: EpisodeInputs['artwork'], file: VFile): Promise<ShowInfo['artwork']> {
  if (!artwork) return undefined
  try {
    if (!artwork.bytes || !artwork.found) throw new Error(artwork.problem)
    await checkArtwork(artwork.bytes)
    return artwork.found
  } catch (error) {
    file.message(`Artwork \`${shown(artwork.path)}\` cannot be used (${(error as Error).message.split('\n')[0]}); the pages go without it`, {ruleId: 'bad-artwork', source: 'castline-cards'})
    return undefined
  }
}

/** An address as a card prints it: no scheme, no `www.`, no trailing slash (`diamandis.com/podcast`). */
export function shortAddress(url: string): string {
  const {host, pathname} = new URL(url)
  return `${host.replace(/^www\./u, '')}${pathname.replace(/\/+$/u, '')}`
}

/** The cards' look from podcast.yaml; a logo that cannot be used is left out, with a warning. */
async function cardStyle(data: EpisodeData, podcast: PodcastConfig | undefined, logo: EpisodeInputs['logo'], file: VFile): Promise<CardStyle> {
  const style: CardStyle = {background: podcast?.cards.color ?? '#1d3557', show: podcast?.title ?? '', episode: data.title, language: data.language}
  // Where a reader of the card finds the show: its website, short.
  if (podcast) style.address = shortAddress(podcast.link)
  if (logo) {
    try {
      if (!logo.bytes) throw new Error(logo.problem)
      style.logo = await readLogo(logo.bytes)
    } catch (error) {
      file.message(`Logo \`${shown(logo.path)}\` cannot be used (${(error as Error).message.split('\n')[0]}); cards are made without it`, {ruleId: 'bad-logo', source: 'castline-cards'})
    }
  }
  return style
}

/** The episode as its outputs and the feed need it; episode.json holds this and more. */
function episodeData(slug: string, tree: Root, file: VFile, episode: EpisodeConfig | undefined, podcast: PodcastConfig | undefined, choicesFile: VFile | undefined, audioSeconds?: number): EpisodeData {
  const language = file.data.language ?? 'en'
  // Pages, captions and notes name people as listeners of the episode's language know them.
  const people = new Map((episode?.people ?? []).map((person) => [person.id, nameInLanguage(person, language)]))
  const turns: EpisodeData['turns'] = []
  for (const node of tree.children) {
    if (node.type !== 'section') continue
    for (const child of node.children) if (child.type === 'speakerTurn') turns.push(turnJson(child, people))
  }
  const redactions = file.data.redactions ?? []
  const names = new Map([...(podcast?.sponsors ?? []), ...(podcast?.products ?? [])].map((s) => [s.id, s.name]))
  const sponsors = [...new Set(redactions.flatMap((r) => (r.sponsor ? [names.get(r.sponsor) ?? r.sponsor] : [])))]
  return {
    slug,
    title: file.data.title ?? slug,
    language,
    summary: file.data.summary ?? '',
    episode: {
      number: episode?.number,
      season: episode?.season,
      published: episode?.published,
      episodeType: episode?.episodeType,
      guid: episode?.guid,
      explicit: episode?.explicit,
      audio: episode?.audio,
      // Listened to, the audio's own length is known to the hundredth of a second.
      duration: durationSeconds(episode?.duration) ?? (audioSeconds === undefined ? undefined : Math.round(audioSeconds))
    },
    people: (episode?.people ?? []).map(({id, role, href}) => ({id, name: people.get(id)!, role, ...(href ? {href} : {})})),
    chapters: file.data.chapters ?? [],
    quotes: (file.data.quotes ?? []).map((quote) => ({...quote, speaker: (quote.person && people.get(quote.person)) || quote.speaker})),
    turns,
    timing: {estimated: file.data.timing?.estimated ?? true, duration: file.data.timing?.duration ?? 0},
    sponsors,
    redactions: redactions.map(({kind, sponsor, marker, speaker, text, position}) => ({kind, sponsor, marker, speaker, text, position})),
    links: linksIn(tree, file),
    editorial: {
      summaryBy: file.data.summaryBy ?? 'castline',
      displaced: file.data.displaced ?? {},
      problems: (choicesFile?.messages ?? []).filter((m) => m.source === 'castline-choices').map((m) => ({reason: m.reason, line: m.line, column: m.column}))
    }
  }
}

/** The producer's choices in episode.yaml, with their places, as summarize takes them. */
function producerChoices({data, place, file}: {data: EpisodeConfig; place: PlaceOf; file: VFile}): ProducerChoices {
  return {
    chapters: data.chapters?.map(({at, title}, index) => ({at, title, place: place(['chapters', index, 'at'])})),
    titles: data.titles && Object.entries(data.titles).map(([chapter, title]) => ({chapter: Number(chapter), title, place: place(['titles', chapter])})),
    pin: data.quotes?.pin.map((text, index) => ({text, place: place(['quotes', 'pin', index])})),
    exclude: data.quotes?.exclude.map((text, index) => ({text, place: place(['quotes', 'exclude', index])})),
    summary: data.summary,
    file
  }
}

/** Which quotes get cards (episode.yaml's `cards`: all, none, the pinned ones, or their numbers), by index. */
function cardedQuotes(data: EpisodeData, config: {data: EpisodeConfig; place: PlaceOf; file: VFile} | undefined): number[] {
  const choice = config?.data.cards ?? 'all'
  const all = data.quotes.map((_, index) => index)
  if (choice === 'all') return all
  if (choice === 'none') return []
  if (choice === 'pinned') return all.filter((index) => data.quotes[index]!.by === 'producer')
  choice.forEach((number, at) => {
    if (number > data.quotes.length && config) {
      const message = config.file.message(`There is no quote ${number}: the episode has ${data.quotes.length}`, {place: config.place(['cards', at]), ruleId: 'no-such-quote', source: 'castline-choices'})
      message.fatal = true
    }
  })
  return all.filter((index) => choice.includes(index + 1))
}

/** Refuses a transcript with more turns than the limit, before anything costly runs on them. */
function turnLimit(most: number) {
  return (tree: Root, file: VFile) => {
    let count = 0
    visit(tree, 'speakerTurn', () => {
      count++
    })
    if (count > most) {
      file.fail(`The transcript has ${count} speaker turns, over the limit of ${most}. Split it, or raise the limit with --max-turns`, {
        place: {line: 1, column: 1},
        ruleId: 'too-many-turns',
        source
      })
    }
  }
}


// Only a URL with its scheme is a link the speaker gave: "CEO at Stealth.ai" is a word, not an address.
const bareUrl = /\bhttps?:\/\/[^\s<>"'）)】，。]+/gi

/**
 * Links written in the conversation after redaction (Markdown links,
 * autolinks, URLs with a scheme), in order, once each. Only web and mail links: anything else (`javascript:`, `data:`, a
 * relative path) is dropped with a warning at its place.
 */
function linksIn(tree: Root, file: VFile): string[] {
  const links: string[] = []
  visit(tree, (node) => {
    if (node.type === 'link') {
      if (/^(?:https?:\/\/|mailto:)[^\s<>"]+$/i.test(node.url)) links.push(node.url)
      else file.message(`Link \`${node.url.slice(0, 80)}\` is not an http(s) or mailto link: left out of the show notes`, {place: node.position, ruleId: 'unsafe-link', source})
    } else if (node.type === 'text') for (const match of node.value.matchAll(bareUrl)) links.push(match[0])
  })
  return [...new Set(links.map((link) => link.replace(/[.,;:!?]+$/, '')))]
}

function turnJson(turn: SpeakerTurn, people: Map<string, string>) {
  const {person, role} = turn.speaker
  const name = (person && people.get(person)) || turn.speaker.name
  return {
    id: turn.id,
    speaker: {name, ...(person ? {person} : {}), ...(role ? {role} : {})},
    start: turn.start ?? {seconds: 0, estimated: true},
    text: turn.children.map((child) => toString(child)).join('\n\n'),
    ...(turn.clock ? {clock: turn.clock} : {}),
    ...(turn.position ? {position: turn.position} : {})
  }
}

/** Podcasting 2.0 JSON chapters (version 1.2.0): start times in seconds and titles. */
function podcastChapters(file: VFile) {
  return {
    version: '1.2.0',
    ...(file.data.title ? {title: file.data.title} : {}),
    chapters: (file.data.chapters ?? []).map((chapter) => ({startTime: Math.floor(chapter.startTime), title: chapter.title}))
  }
}

/** Stable, readable JSON: the same input gives the same bytes. */
function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}
