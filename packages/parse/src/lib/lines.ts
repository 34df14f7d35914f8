import type {Paragraph, PhrasingContent, Text} from 'mdast'
import type {Timestamp} from './types.js'
import type {SourceMap} from './source.js'
import {spanOf} from './source.js'
import {timestampPattern, timestampSeconds} from './text.js'

/** One source line of a paragraph, as phrasing nodes with exact positions. */
export interface Line {
  nodes: PhrasingContent[]
}

/**
 * Splits a paragraph at its line endings. Transcripts put a new speaker label
 * on the next line of the same paragraph, so a line, not a paragraph, is the
 * unit a label can start.
 */
export function splitLines(paragraph: Paragraph, source: SourceMap): Line[] {
  const lines: Line[] = [{nodes: []}]
  for (const child of paragraph.children) {
    if (child.type === 'break') {
      lines.push({nodes: []})
      continue
    }
    if (child.type !== 'text' || !child.value.includes('\n')) {
      lines.at(-1)!.nodes.push(child)
      continue
    }
    const pieces = child.value.split('\n')
    const start = child.position?.start.offset
    const end = child.position?.end.offset
    // Line endings are never escaped, so the k-th newline of the value is the
    // k-th newline of the source slice.
    let cursor = start
    pieces.forEach((piece, index) => {
      if (index > 0) lines.push({nodes: []})
      if (start === undefined || end === undefined || cursor === undefined) {
        if (piece) lines.at(-1)!.nodes.push({type: 'text', value: piece})
        return
      }
      const newline = source.text.indexOf('\n', cursor)
      const pieceEnd = index < pieces.length - 1 && newline !== -1 && newline < end ? newline : end
      let pieceStart = cursor
      while (pieceStart < pieceEnd && piece[0] !== ' ' && /[ \t]/.test(source.text[pieceStart]!)) pieceStart++
      if (piece) {
        lines.at(-1)!.nodes.push({type: 'text', value: piece, position: source.position(pieceStart, pieceEnd)})
      }
      cursor = pieceEnd + 1
    })
  }
  return lines.filter((line) => line.nodes.some((node) => node.type !== 'text' || node.value.trim() !== ''))
}

/** Replaces `[04:33]`-style marks in a line's top-level text with timestamp nodes. */
export function extractTimestamps(nodes: PhrasingContent[], source: SourceMap): PhrasingContent[] {
  const result: PhrasingContent[] = []
  for (const node of nodes) {
    if (node.type !== 'text' || !node.value.includes('[')) {
      result.push(node)
      continue
    }
    const pattern = new RegExp(timestampPattern.source, 'g')
    let last = 0
    let match: RegExpExecArray | null = pattern.exec(node.value)
    if (!match) {
      result.push(node)
      continue
    }
    while (match) {
      if (match.index > last) result.push(slice(node, last, match.index, source))
      // `a [01:02] b` reads `a b`: the mark takes the space after it when a space comes before it.
      const before = node.value[match.index - 1]
      const length = match[0].length + (node.value[match.index + match[0].length] === ' ' && (before === undefined || /\s/.test(before)) ? 1 : 0)
      const from = source.offsetInText(node, match.index)
      const to = source.offsetInText(node, match.index + length)
      const timestamp: Timestamp = {type: 'timestamp', seconds: timestampSeconds(match), raw: node.value.slice(match.index, match.index + length)}
      if (from !== undefined && to !== undefined) timestamp.position = source.position(from, to)
      result.push(timestamp)
      last = match.index + length
      match = pattern.exec(node.value)
    }
    if (last < node.value.length) result.push(slice(node, last, node.value.length, source))
  }
  return result
}

/** A piece of a text node, positioned in the source. */
export function slice(node: Text, from: number, to: number, source: SourceMap): Text {
  const piece: Text = {type: 'text', value: node.value.slice(from, to)}
  const start = source.offsetInText(node, from)
  const end = source.offsetInText(node, to)
  if (start !== undefined && end !== undefined) piece.position = source.position(start, end)
  return piece
}

/** Drops leading white space (and a leading colon when asked) from a run of phrasing nodes. */
export function trimStart(nodes: PhrasingContent[], source: SourceMap, colon = false): PhrasingContent[] {
  const first = nodes[0]
  if (first?.type !== 'text') return nodes
  const match = (colon ? /^\s*[:：]?\s*/ : /^\s*/).exec(first.value)!
  if (match[0].length === 0) return nodes
  if (match[0].length === first.value.length) return nodes.slice(1)
  return [slice(first, match[0].length, first.value.length, source), ...nodes.slice(1)]
}

export function paragraphOf(nodes: PhrasingContent[]): Paragraph {
  const paragraph: Paragraph = {type: 'paragraph', children: nodes}
  const position = spanOf(nodes)
  if (position) paragraph.position = position
  return paragraph
}
