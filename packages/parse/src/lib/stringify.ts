import type {Paragraph, Parents, Root, RootContent, Strong} from 'mdast'
import type {Handle, Options as ToMarkdownOptions, State} from 'mdast-util-to-markdown'
import type {} from 'remark-stringify'
import type {Processor} from 'unified'
import type {AdBreak, Section, SpeakerTurn, Timestamp} from './types.js'

export interface StringifyOptions {
  /** Print each turn under the person's canonical name (`canonical`, default) or its label as written (`label`). */
  names?: 'canonical' | 'label' | undefined
  /** Keep section markers and `***` rules (`keep`, default) or print the turns only (`drop`). */
  sections?: 'keep' | 'drop' | undefined
  /** Keep ad breaks still in the tree (`keep`, default) or leave them out (`drop`). */
  adBreaks?: 'keep' | 'drop' | undefined
}

/**
 * Teaches remark-stringify our nodes, so a speaker AST prints as a normalized
 * transcript: one labelled paragraph a turn, sections and breaks between rules.
 */
export function remarkSpeakersStringify(this: Processor, options?: StringifyOptions | null): undefined {
  const names = options?.names ?? 'canonical'
  const sections = options?.sections ?? 'keep'
  const adBreaks = options?.adBreaks ?? 'keep'
  for (const [key, value, allowed] of [
    ['names', names, ['canonical', 'label']],
    ['sections', sections, ['keep', 'drop']],
    ['adBreaks', adBreaks, ['keep', 'drop']]
  ] as const) {
    if (!(allowed as readonly string[]).includes(value)) {
      throw new TypeError(`@castline/parse: \`${key}\` must be one of ${allowed.join(', ')}`)
    }
  }

  const visible = (children: RootContent[]): RootContent[] =>
    adBreaks === 'drop' ? children.filter((child) => child.type !== 'adBreak') : children

  /** A `***` rule goes between two top-level stretches of the episode. */
  const ruleBefore = (node: RootContent, parent: Parents | undefined): string => {
    if (sections === 'drop' || !parent || parent.type !== 'root') return ''
    const siblings = visible(parent.children)
    const previous = siblings[siblings.indexOf(node) - 1]
    return previous && (previous.type === 'section' || previous.type === 'adBreak') ? '***\n\n' : ''
  }

  const marker = (text: string, state: State): string => `**[${state.safe(text, {before: '[', after: ']'})}]**`

  const speakerTurn: Handle = (node: SpeakerTurn, _parent, state, info) => {
    const name = names === 'label' ? node.speaker.label : node.speaker.name
    const colon = /\p{Script=Han}/u.test(name) ? '：' : ':'
    const label: Strong = {type: 'strong', children: [{type: 'text', value: name + colon}]}
    const [first, ...rest] = node.children
    const lead: Paragraph =
      first?.type === 'paragraph'
        ? {type: 'paragraph', children: [label, {type: 'text', value: ' '}, ...first.children]}
        : {type: 'paragraph', children: [label]}
    const body = first?.type === 'paragraph' ? rest : node.children
    return state.containerFlow({type: 'root', children: [lead, ...body]} as Root, info)
  }

  const section: Handle = (node: Section, parent, state, info) => {
    const children = visible(node.children as RootContent[])
    const body = state.containerFlow({type: 'root', children} as Root, info)
    if (sections === 'drop') return body
    const head = node.name !== undefined && node.children[0]?.type !== 'heading' ? `${marker(node.name, state)}\n` : ''
    return ruleBefore(node, parent) + head + body
  }

  const adBreak: Handle = (node: AdBreak, parent, state, info) => {
    const body = state.containerFlow({type: 'root', children: node.children} as Root, info)
    const head = marker(node.marker, state)
    return ruleBefore(node, parent) + head + (body ? `\n\n${body}` : '')
  }

  const timestamp: Handle = (node: Timestamp) => node.raw

  const root: Handle = (node: Root, _parent, state, info) =>
    state.containerFlow({...node, children: visible(node.children)}, info)

  const extension: ToMarkdownOptions = {
    handlers: {speakerTurn, section, adBreak, timestamp, root} as ToMarkdownOptions['handlers']
  }
  const data = this.data()
  data.toMarkdownExtensions ??= []
  data.toMarkdownExtensions.push(extension)
  return undefined
}
