import type {BlockContent, ListItem, PhrasingContent, Root, RootContent} from 'mdast'
import rehypeSanitize from 'rehype-sanitize'
import type {Options as SanitizeSchema} from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import remarkRehype from 'remark-rehype'
import remarkStringify from 'remark-stringify'
import {unified} from 'unified'
import {formatTime} from '@castline/parse'
import {quoted, sponsorCredit, words, xmlSafe} from './text.js'
import type {EpisodeData, ShowInfo} from './types.js'

const text = (value: string): PhrasingContent => ({type: 'text', value: xmlSafe(value)})
const paragraph = (...children: PhrasingContent[]): BlockContent => ({type: 'paragraph', children})
const list = (items: PhrasingContent[][]): BlockContent => ({
  type: 'list',
  ordered: false,
  spread: false,
  children: items.map((children): ListItem => ({type: 'listItem', spread: false, children: [{type: 'paragraph', children}]}))
})
const heading = (value: string): BlockContent => ({type: 'heading', depth: 2, children: [text(value)]})

/**
 * The show notes as mdast: title, summary, people, chapters with times,
 * pull quotes, links from the conversation, and the sponsor credit. Built as
 * a tree, never by pasting strings, so every printer escapes it for its format.
 */
export function showNotes(episode: EpisodeData, show?: ShowInfo): Root {
  const w = words(episode.language)
  const children: Root['children'] = [{type: 'heading', depth: 1, children: [text(episode.title)]}]
  if (episode.summary) children.push(paragraph(text(episode.summary)))

  if (episode.people.length > 0) {
    children.push(
      heading(w.people),
      list(
        episode.people.map((person) => [
          person.href ? {type: 'link', url: person.href, children: [text(person.name)]} : text(person.name),
          text(`${w.dash}${w.roles[person.role]}`)
        ])
      )
    )
  }

  if (episode.chapters.length > 0) {
    children.push(heading(w.chapters))
    if (episode.chapters.some((chapter) => chapter.estimated)) children.push(paragraph({type: 'emphasis', children: [text(w.estimated)]}))
    children.push(
      list(episode.chapters.map((chapter) => [{type: 'inlineCode', value: formatTime(chapter.startTime)}, text(` ${chapter.title}`)]))
    )
  }

  if (episode.quotes.length > 0) {
    children.push(heading(w.quotes))
    for (const quote of episode.quotes) {
      children.push({
        type: 'blockquote',
        children: [paragraph(text(quoted(quote.text))), paragraph(text(`${w.dash.trim()} ${quote.speaker}`))]
      })
    }
  }

  if (episode.links.length > 0) {
    children.push(heading(w.links), list(episode.links.map((url) => [{type: 'link', url, children: [text(url)]}])))
  }

  const credit = sponsorCredit(episode, show)
  if (credit) children.push(paragraph({type: 'emphasis', children: [text(credit)]}))
  return {type: 'root', children}
}

export function showNotesMarkdown(tree: Root): string {
  return unified().use(remarkStringify, {bullet: '-', emphasis: '*', strong: '*', rule: '*'}).stringify(tree)
}

/** The same notes as HTML; no raw HTML from the transcript gets through, and the result is sanitized. */
export function showNotesHtml(tree: Root): string {
  const processor = unified().use(remarkRehype).use(rehypeSanitize).use(rehypeStringify)
  return processor.stringify(processor.runSync(structuredClone(tree)))
}

// What Apple Podcasts, Spotify and the other apps keep of an episode's notes;
// anything else is dropped or flattened there, so it is never sent.
const feedSchema: SanitizeSchema = {
  tagNames: ['p', 'ul', 'ol', 'li', 'a', 'strong'],
  attributes: {a: ['href']},
  protocols: {href: ['http', 'https', 'mailto']},
  strip: ['script', 'style'],
  ancestors: {li: ['ol', 'ul']},
  required: {},
  clobber: [],
  clobberPrefix: ''
}

/**
 * The notes as the feed carries them (`content:encoded`): the markup every
 * podcast app renders. The title is left out (the app shows it above the
 * notes), section headings become bold paragraphs, quotes are paragraphs
 * with their speaker, and times are plain text, which apps make seekable.
 */
export function feedNotesHtml(tree: Root): string {
  const flat = (nodes: PhrasingContent[]): PhrasingContent[] =>
    nodes.flatMap((node): PhrasingContent[] => {
      if (node.type === 'emphasis' || node.type === 'delete') return flat(node.children)
      if (node.type === 'inlineCode') return [text(node.value)]
      if (node.type === 'link') return [{...node, children: flat(node.children)}]
      return [node]
    })
  const block = (node: RootContent): RootContent[] => {
    if (node.type === 'heading') return node.depth === 1 ? [] : [paragraph({type: 'strong', children: flat(node.children)})]
    if (node.type === 'paragraph') return [paragraph(...flat(node.children))]
    if (node.type === 'blockquote') {
      const lines = node.children.flatMap((child) => (child.type === 'paragraph' ? [flat(child.children)] : []))
      return [paragraph(...lines.flatMap((line, index) => (index === 0 ? line : [text(' '), ...line])))]
    }
    if (node.type === 'list') return [{...node, children: node.children.map((item) => ({...item, children: item.children.flatMap(block) as ListItem['children']}))}]
    return [node]
  }
  const feedTree: Root = {type: 'root', children: tree.children.flatMap(block)}
  const processor = unified().use(remarkRehype).use(rehypeSanitize, feedSchema).use(rehypeStringify)
  return processor.stringify(processor.runSync(feedTree))
}
