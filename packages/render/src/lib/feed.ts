import {DOMParser, XMLSerializer} from '@xmldom/xmldom'
import type {Element as XmlElement} from '@xmldom/xmldom'
import {Feed} from 'feed'
import {v5 as uuidv5} from 'uuid'
import type {VFile} from 'vfile'
import {feedNotesHtml, showNotes} from './show-notes.js'
import {formatTime} from '@castline/parse'
import {type CaptionFault, captionFaults, clockOf, lateSeconds} from './captions.js'
import {episodePageUrl, outputUrl, xmlSafe} from './text.js'
import type {EpisodeData, ShowInfo} from './types.js'

export const namespaces = {
  itunes: 'http://www.itunes.com/dtds/podcast-1.0.dtd',
  podcast: 'https://podcastindex.org/namespace/1.0',
  content: 'http://purl.org/rss/1.0/modules/content/',
  // Podlove Simple Chapters: gPodder and others read chapters only from here.
  psc: 'http://podlove.org/simple-chapters',
  atom: 'http://www.w3.org/2005/Atom',
  xmlns: 'http://www.w3.org/2000/xmlns/'
} as const

/** The namespace the Podcasting 2.0 spec names for `podcast:guid`. */
const podcastGuidNamespace = 'ead4c236-bf58-58c6-a2c6-a6b28d128cb6'

/** podcast:guid: the UUIDv5 of the feed URL without scheme and trailing slashes. */
export function podcastGuid(feedUrl: string): string {
  return uuidv5(feedUrl.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/+$/, ''), podcastGuidNamespace)
}

/** An item's guid: episode.yaml's, else a UUIDv5 of the show's link and the slug, stable across runs. */
export function itemGuid(episode: EpisodeData, show: ShowInfo): string {
  return episode.episode.guid ?? uuidv5(`${show.link}#${episode.slug}`, podcastGuidNamespace)
}

const source = 'castline-render'

/**
 * The whole feed: every episode with a publication date, newest first. Built
 * with `feed`, then completed through an XML DOM where feed 6 falls short.
 * Problems that a podcast app would trip on are messages on `file`; a guid
 * used twice is fatal.
 */
export function rssFeed(episodes: EpisodeData[], show: ShowInfo, file: VFile): string {
  const seen = new Map<string, string>()
  for (const episode of episodes) {
    const guid = itemGuid(episode, show)
    const other = seen.get(guid)
    if (other) file.fail(`Episodes \`${other}\` and \`${episode.slug}\` have the same guid \`${guid}\`: podcast apps would show only one`, {ruleId: 'duplicate-guid', source})
    seen.set(guid, episode.slug)
  }
  for (const episode of episodes) {
    if (!episode.episode.published) file.message(`Episode \`${episode.slug}\` has no \`published\` date in episode.yaml: left out of the feed`, {ruleId: 'unpublished', source})
  }
  return serialize(build(publishedEpisodes(episodes), show))
}

/** The episodes that are out: those with a publication date, newest first, as the feed and the show's page list them. */
export function publishedEpisodes(episodes: EpisodeData[]): EpisodeData[] {
  return episodes
    .filter((episode) => episode.episode.published)
    .sort((a, b) => Date.parse(b.episode.published!) - Date.parse(a.episode.published!) || (a.slug < b.slug ? -1 : 1))
}

/** One episode's `<item>`, as it stands in the feed, with the namespaces it uses declared on it. */
export function rssItem(episode: EpisodeData, show: ShowInfo, file: VFile): string {
  warnItem(episode, show, file)
  const doc = build([{...episode, episode: {...episode.episode, published: episode.episode.published ?? '1970-01-01'}}], show)
  const item = doc.getElementsByTagName('item')[0]!
  for (const prefix of ['itunes', 'podcast', 'content', 'psc'] as const) item.setAttributeNS(namespaces.xmlns, `xmlns:${prefix}`, namespaces[prefix])
  if (!episode.episode.published) item.getElementsByTagName('pubDate')[0]?.parentNode?.removeChild(item.getElementsByTagName('pubDate')[0]!)
  return `${new XMLSerializer().serializeToString(item)}\n`
}

function warnItem(episode: EpisodeData, show: ShowInfo, file: VFile): void {
  const faults = timesInFeed(episode, show) ? captionFaults(episode) : []
  if (faults.length > 0) {
    const said = faults.map((f) => `${f.count} ${faultNames[f.rule]} (first: cue ${f.cue}, at ${clock(f.start)})`).join('; ')
    file.message(`The captions break the style guide, so the feed lists transcript.vtt as a transcript, not as captions: ${said}`, {ruleId: 'captions-off-guide', source})
  }
  if (!episode.episode.audio) {
    file.message(`Episode \`${episode.slug}\` has no \`audio\` (url, length, type) in episode.yaml: no enclosure, so podcast apps cannot play or list it`, {ruleId: 'no-audio', source})
  }
  if (episode.episode.duration === undefined) {
    file.message(`Episode \`${episode.slug}\` has no \`duration\` in episode.yaml: no itunes:duration, so apps show no length before download`, {ruleId: 'no-duration', source})
  }
}

function build(episodes: EpisodeData[], show: ShowInfo) {
  const feedUrl = outputUrl(show, 'feed.xml')
  const newest = episodes[0]?.episode.published
  const feed = new Feed({
    title: xmlSafe(show.title),
    description: xmlSafe(show.description),
    id: show.link,
    link: show.link,
    language: show.language,
    image: show.image,
    // The holder's name: PSP-1 advises against a © sign in the element.
    copyright: xmlSafe(show.author),
    // A fixed date, so that the same content gives the same feed.
    updated: new Date(newest ? Date.parse(newest) : 0),
    generator: 'Castline',
    ...(feedUrl ? {feedLinks: {rss: feedUrl}} : {}),
    author: {name: xmlSafe(show.author), email: show.owner.email},
    podcast: true
  })
  for (const category of show.categories) feed.addCategory(typeof category === 'string' ? category : category.text)
  // feed 6 splits only the first `]]>` of a CDATA section, so a second one
  // would end it early. It gets text without any; the DOM step below puts the
  // real text back, escaped by the serializer.
  const defuse = (text: string) => xmlSafe(text).replaceAll(']]>', ']] >')
  const notes = episodes.map((episode) => feedNotesHtml(showNotes(episode, show)))
  for (const [index, episode] of episodes.entries()) {
    const audio = episode.episode.audio
    feed.addItem({
      title: defuse(episode.title),
      id: itemGuid(episode, show),
      // The public episode page; never the review page.
      link: episodePageUrl(show, episode.slug) ?? show.link,
      description: defuse(episode.summary),
      content: defuse(notes[index]!),
      date: new Date(Date.parse(episode.episode.published!)),
      ...(audio ? {enclosure: {url: audio.url, length: audio.length, type: audio.type}} : {})
    })
  }
  const doc = new DOMParser().parseFromString(feed.rss2(), 'text/xml')
  completeChannel(doc, show, feedUrl)
  const items = doc.getElementsByTagName('item')
  for (const [index, episode] of episodes.entries()) completeItem(items[index]!, episode, show, notes[index]!)
  return doc
}

type Doc = ReturnType<DOMParser['parseFromString']>

/** Appends an element, indented like its siblings. */
function add(parent: XmlElement, name: string, attributes: Record<string, string> = {}, text?: string): XmlElement {
  const doc = parent.ownerDocument!
  const prefix = name.includes(':') ? (name.split(':')[0] as keyof typeof namespaces) : undefined
  const element = prefix ? doc.createElementNS(namespaces[prefix], name) : doc.createElement(name)
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, xmlSafe(value))
  if (text !== undefined) element.appendChild(doc.createTextNode(xmlSafe(text)))
  let depth = 0
  for (let node = parent.parentNode; node && node.nodeType === 1; node = node.parentNode) depth++
  parent.appendChild(doc.createTextNode(`\n${'    '.repeat(depth + 1)}`))
  parent.appendChild(element)
  return element
}

/** Puts the parent's closing tag on its own line, indented, after the elements `add` appended. */
function closeIndent(parent: XmlElement): void {
  let depth = 0
  for (let node = parent.parentNode; node && node.nodeType === 1; node = node.parentNode) depth++
  const last = parent.lastChild
  if (last && last.nodeType === 3 && !last.nodeValue?.trim()) parent.removeChild(last)
  parent.appendChild(parent.ownerDocument!.createTextNode(`\n${'    '.repeat(depth)}`))
}

function remove(parent: XmlElement, name: string): void {
  for (const element of [...Array.from(parent.childNodes)]) {
    if (element.nodeType === 1 && (element as XmlElement).tagName === name) {
      const before = element.previousSibling
      if (before && before.nodeType === 3 && !before.nodeValue?.trim()) parent.removeChild(before)
      parent.removeChild(element)
    }
  }
}

function completeChannel(doc: Doc, show: ShowInfo, feedUrl: string | undefined): void {
  const rss = doc.documentElement!
  // feed 6 uses the podcast: prefix nowhere and declares it nowhere; we use it.
  rss.setAttributeNS(namespaces.xmlns, 'xmlns:podcast', namespaces.podcast)
  rss.setAttributeNS(namespaces.xmlns, 'xmlns:psc', namespaces.psc)
  // …and declares Dublin Core and Google Play, which nothing here uses (Google Podcasts is gone).
  for (const prefix of ['dc', 'googleplay']) rss.removeAttribute(`xmlns:${prefix}`)
  for (const element of Array.from(doc.getElementsByTagName('*'))) {
    if (element.tagName.startsWith('googleplay:')) remove(element.parentNode as XmlElement, element.tagName)
  }
  const channel = doc.getElementsByTagName('channel')[0]!
  // feed 6 writes the category as text; Apple reads the `text` attribute.
  remove(channel, 'itunes:category')
  for (const category of show.categories) {
    const {text, sub} = typeof category === 'string' ? {text: category, sub: undefined} : category
    const element = add(channel, 'itunes:category', {text})
    if (sub) add(element, 'itunes:category', {text: sub})
  }
  add(channel, 'itunes:image', {href: show.image})
  add(channel, 'itunes:explicit', {}, show.explicit ? 'true' : 'false')
  add(channel, 'itunes:type', {}, show.type ?? 'episodic')
  // feed 6 gives the owner an email but no name.
  const owner = channel.getElementsByTagName('itunes:owner')[0]
  if (owner) {
    const name = doc.createElementNS(namespaces.itunes, 'itunes:name')
    name.appendChild(doc.createTextNode(xmlSafe(show.owner.name)))
    owner.insertBefore(name, owner.firstChild)
    owner.insertBefore(doc.createTextNode('\n            '), name)
  }
  if (feedUrl) add(channel, 'podcast:guid', {}, podcastGuid(feedUrl))
  // PSP-1 recommends podcast:locked on every feed: 'no' unless the show locks it, with the owner's email to unlock it by.
  add(channel, 'podcast:locked', {owner: show.owner.email}, show.locked ? 'yes' : 'no')
  for (const funding of show.funding ?? []) add(channel, 'podcast:funding', {url: funding.url}, funding.text)
  closeIndent(channel)
}

function completeItem(item: XmlElement, episode: EpisodeData, show: ShowInfo, notes: string): void {
  const facts = episode.episode
  setText(item, 'title', episode.title)
  setText(item, 'description', episode.summary)
  setText(item, 'content:encoded', notes)
  // feed 6 drops itunes:duration on a second rss2() call; write our own, always.
  remove(item, 'itunes:duration')
  if (facts.duration !== undefined) add(item, 'itunes:duration', {}, String(Math.round(facts.duration)))
  if (facts.number !== undefined) add(item, 'itunes:episode', {}, String(facts.number))
  if (facts.season !== undefined) add(item, 'itunes:season', {}, String(facts.season))
  add(item, 'itunes:episodeType', {}, facts.episodeType ?? 'full')
  // Apple asks for the explicit flag on every item: the episode's, else the show's.
  add(item, 'itunes:explicit', {}, (facts.explicit ?? show.explicit) ? 'true' : 'false')
  if (facts.season !== undefined) add(item, 'podcast:season', {}, String(facts.season))
  if (facts.number !== undefined) add(item, 'podcast:episode', {}, String(facts.number))
  add(item, 'itunes:image', {href: show.image})
  // Times apps seek to and sync captions against: only when they are real, or the show says to publish estimates.
  const timed = timesInFeed(episode, show)
  const chapters = outputUrl(show, episode.slug, 'chapters.json')
  if (chapters && timed) add(item, 'podcast:chapters', {url: chapters, type: 'application/json+chapters'})
  if (timed && episode.chapters.length > 0) {
    const list = add(item, 'psc:chapters', {version: '1.2'})
    for (const chapter of episode.chapters) add(list, 'psc:chapter', {start: pscTime(chapter.startTime), title: chapter.title})
    closeIndent(list)
  }
  for (const bite of soundbites(episode)) add(item, 'podcast:soundbite', {startTime: String(bite.start), duration: String(bite.duration)}, bite.title)
  // Apps show a transcript marked as captions over the episode: only when every cue follows the style guide.
  const captions = timed && onGuide(episode)
  for (const [name, type] of [
    ...(timed
      ? ([
          ['transcript.json', 'application/json'],
          ['transcript.vtt', 'text/vtt']
        ] as const)
      : []),
    ['transcript.html', 'text/html']
  ] as const) {
    const url = outputUrl(show, episode.slug, name)
    if (url) add(item, 'podcast:transcript', {url, type, language: episode.language === 'zh' ? 'zh' : 'en', ...(type === 'text/vtt' && captions ? {rel: 'captions'} : {})})
  }
  for (const person of episode.people) {
    add(item, 'podcast:person', {role: person.role === 'co-host' ? 'Co-Host' : person.role === 'guest-host' ? 'Guest Host' : person.role[0]!.toUpperCase() + person.role.slice(1), ...(person.href ? {href: person.href} : {})}, person.name)
  }
  closeIndent(item)
}

const faultNames: Record<CaptionFault['rule'], string> = {
  lines: 'cues of more than two lines',
  width: 'cues with a line too long',
  short: 'cues shown under 5/6 s',
  long: 'cues shown over 7 s',
  gap: 'cues less than two frames before the next',
  punctuation: 'cues of punctuation alone',
  'han-space': 'cues with a space between Han characters',
  late: `cues shown over ${lateSeconds} s after their words`
}

function timesInFeed(episode: EpisodeData, show: ShowInfo): boolean {
  return !episode.timing.estimated || show.estimatedTimes === 'publish'
}

/** Whether the captions follow the guide: as the episode's build found (episode.json), else as its turns say. */
function onGuide(episode: EpisodeData): boolean {
  return (episode.timing.captions ?? (captionFaults(episode).length === 0 ? 'guide' : 'off-guide')) === 'guide'
}

const clock = (seconds: number) => new Date(Math.round(seconds * 1000)).toISOString().slice(11, 23)

/**
 * `podcast:soundbite` for the best two or three quotes, when times are real:
 * where the quote is said (the turn's clock from a timed transcript, else
 * spread over its turn by characters), 15 to 120 seconds long as the spec
 * asks, titled with the quote.
 */
export function soundbites(episode: EpisodeData): Array<{start: number; duration: number; title: string}> {
  if (episode.timing.estimated) return []
  const turns = episode.turns
  const bites: Array<{start: number; duration: number; title: string; score: number}> = []
  for (const quote of episode.quotes) {
    const index = turns.findIndex((turn) => turn.id === quote.turn)
    const turn = turns[index]
    const offset = turn ? turn.text.indexOf(quote.text) : -1
    if (!turn || offset < 0) continue
    const end = Math.max(turn.start.seconds, turns[index + 1]?.start.seconds ?? episode.timing.duration)
    const time = clockOf(turn, end)
    const start = Math.floor(time(offset, 'start') * 10) / 10
    const length = Math.min(120, Math.max(15, time(offset + quote.text.length, 'end') - start))
    if (start + 15 > Math.max(end, episode.timing.duration)) continue
    bites.push({start, duration: Math.round(length * 10) / 10, title: quote.text, score: quote.score})
  }
  return bites
    .sort((a, b) => b.score - a.score || a.start - b.start)
    .slice(0, 3)
    .sort((a, b) => a.start - b.start)
    .map(({start, duration, title}) => ({start, duration, title}))
}

/** Podlove's normal play time, hh:mm:ss, on the whole second chapters.json and the pages give. */
function pscTime(seconds: number): string {
  return formatTime(Math.floor(seconds))
}

/** Replaces an element's content with one text node, which the serializer escapes. */
function setText(parent: XmlElement, name: string, text: string): void {
  const element = Array.from(parent.childNodes).find((node) => node.nodeType === 1 && (node as XmlElement).tagName === name) as XmlElement | undefined
  if (!element) return
  while (element.firstChild) element.removeChild(element.firstChild)
  element.appendChild(parent.ownerDocument!.createTextNode(xmlSafe(text)))
}

function serialize(doc: Doc): string {
  return `${new XMLSerializer().serializeToString(doc).replace(/\s*$/, '')}\n`
}
