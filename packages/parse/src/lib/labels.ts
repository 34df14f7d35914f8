import type {PhrasingContent, Text} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Point} from 'unist'
import type {SourceMap} from './source.js'
import {trimStart} from './lines.js'

/** A speaker label found at the start of a line. */
export interface LabelMatch {
  /** The label without colon or emphasis. */
  text: string
  /** Written without bold (`Elon Musk: …`): only trusted when the name is known. */
  plain: boolean
  /** What follows the label on the line. */
  rest: PhrasingContent[]
  start?: Point
}

// Sentence punctuation and quotes never occur in a name; their presence means
// the bold run is emphasis, not a label.
const notInName = /[。！？!?，,；;“”"《》\n]|\/\//
const maxLabelLength = 40
// A bold run written as a label: `**Name:**`, `**名字：**`.
const endsInColon = /^(.+?)\s*[:：]$/su

// A name may end in a credential after a comma: `Mireille B. Reece, Psy.D`, `Jane Doe, PhD`, `John Smith, Jr.`.
const credential = /,\s*(?:\p{Lu}[\p{L}]{0,3}\.?){1,3}$/u

export function isLabelText(text: string): boolean {
  const name = text.replace(credential, '')
  return text.length > 0 && text.length <= maxLabelLength && !notInName.test(name) && !/[:：[\]【】]/.test(text)
}

/**
 * The label forms transcripts use: `**Name:**`, `**名字：**`, `**Name**:`,
 * `**名字（English）：**` and plain `Name: ` at the start of a line.
 */
export function matchLabel(nodes: PhrasingContent[], source: SourceMap): LabelMatch | undefined {
  const [first, second] = nodes
  if (!first) return undefined
  const start = first.position?.start
  if (first.type === 'strong') {
    const inner = toString(first).trim()
    const colonInside = endsInColon.exec(inner)
    if (colonInside && isLabelText(colonInside[1]!.trim())) {
      return {text: colonInside[1]!.trim(), plain: false, rest: trimStart(nodes.slice(1), source), start}
    }
    if (second?.type === 'text' && /^\s*[:：]/.test(second.value) && isLabelText(inner)) {
      return {text: inner, plain: false, rest: trimStart(nodes.slice(1), source, true), start}
    }
    return undefined
  }
  if (first.type === 'text') {
    // `**杨宁：**各位朋友` with no space after it: CommonMark reads no bold there (a
    // closing ** after punctuation must be followed by a space or punctuation), so
    // the label comes as literal text. It is the usual Chinese style.
    const literal = /^\s*\*\*([^*\n]{1,40}?)\s*[:：]\s*\*\*[ \t\u3000]*/.exec(first.value)
    if (literal && isLabelText(literal[1]!.trim())) return {text: literal[1]!.trim(), plain: false, rest: textAfter(nodes, literal[0].length, source), start}
    const plain = /^\s*([^:：\n]{1,40}?)\s*[:：][ \t\u3000]*/.exec(first.value)
    if (!plain || !isLabelText(plain[1]!.trim())) return undefined
    // `https://…` or `12:30` are not labels.
    if (/^\d/.test(plain[1]!) || first.value.slice(plain[0].length - 1).startsWith('//')) return undefined
    const rest = trimStart(nodes, source)
    const head = rest[0]
    if (head?.type !== 'text') return undefined
    const cut = /^[^:：]*[:：][ \t\u3000]*/.exec(head.value)![0].length
    return {text: plain[1]!.trim(), plain: true, rest: textAfter(rest, cut, source), start}
  }
  return undefined
}

/** The nodes after the first `cut` characters of the first (a text node), with an exact position for what is left of it. */
function textAfter(nodes: PhrasingContent[], cut: number, source: SourceMap): PhrasingContent[] {
  const head = nodes[0] as Text
  const remainder = trimStart(cut >= head.value.length ? nodes.slice(1) : [{...head, value: head.value.slice(cut)}, ...nodes.slice(1)], source)
  if (cut < head.value.length && remainder[0] && head.position) {
    const offset = source.offsetInText(head, cut)
    if (offset !== undefined && remainder[0].type === 'text' && remainder[0].value === head.value.slice(cut)) {
      remainder[0].position = source.position(offset, head.position.end.offset!)
    }
  }
  return remainder
}

/**
 * The length of a bold run written as a label (`**…:**`) that is too long to
 * be one, so a producer learns why the line went to the previous speaker;
 * undefined when the line is no such run.
 */
export function overlongLabel(nodes: PhrasingContent[]): number | undefined {
  const first = nodes[0]
  if (first?.type !== 'strong') return undefined
  const inner = endsInColon.exec(toString(first).trim())?.[1]
  return inner && inner.length > maxLabelLength ? inner.length : undefined
}

/** A Latin name (`Elon Musk`, `Dr. Jane O'Neil`) or a transliterated one (`埃隆·马斯克`). */
export function looksLikeName(text: string): boolean {
  // A lead-in to a quotation ("Here's Mark Rainey:", "As Linus puts it:") is capitalised too, but no name.
  if (/^(?:here|there|this|that|it|let|what|as|says|quoting)\b|['’]s\b/iu.test(text)) return false
  return (
    /^\p{Lu}[\p{L}\p{M}.'’-]*(?: \p{Lu}[\p{L}\p{M}.'’-]*){0,3}$/u.test(text) ||
    /^\p{Script=Han}{1,8}(?:[·・]\p{Script=Han}{1,8})+$/u.test(text)
  )
}

/** `埃隆·马斯克（Elon Musk）` → [`埃隆·马斯克`, `Elon Musk`]. */
export function labelParts(label: string): string[] {
  const match = /^(.+?)\s*[（(]\s*(.+?)\s*[）)]$/.exec(label)
  return match ? [match[1]!, match[2]!] : [label]
}

/** The inner text of a marker line (`**[预告片段]**`, `[Ad break]`, `【广告】`), if it is one. */
export function matchMarker(nodes: PhrasingContent[]): string | undefined {
  const meaningful = nodes.filter((node) => node.type !== 'text' || node.value.trim() !== '')
  if (meaningful.length !== 1) return undefined
  const only = meaningful[0]!
  if (only.type !== 'strong' && only.type !== 'text' && only.type !== 'emphasis') return undefined
  const text = toString(only).trim()
  const match = /^[[【]\s*(.+?)\s*[\]】]$/.exec(text)
  return match ? match[1] : undefined
}
