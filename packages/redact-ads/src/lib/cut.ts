import type {PhrasingContent, Text} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {SourceMap} from '@castline/parse'

/**
 * Removes characters [from, to) of the plain text of a run of phrasing nodes,
 * keeping every other node and character, and the positions of what stays.
 */
export function cutRange(children: PhrasingContent[], from: number, to: number, map: SourceMap): PhrasingContent[] {
  const out: PhrasingContent[] = []
  let at = 0
  for (const node of children) {
    const length = toString(node).length
    const start = at
    const end = at + length
    at = end
    if (length === 0 || end <= from || start >= to) {
      out.push(node)
    } else if (from <= start && end <= to) {
      // wholly inside the range: dropped
    } else if (node.type === 'text') {
      const pieces: Text[] = []
      if (from > start) pieces.push(piece(node, 0, from - start, map))
      if (to < end) pieces.push(piece(node, to - start, length, map))
      out.push(...pieces)
    } else if ('children' in node) {
      const kept = cutRange(node.children as PhrasingContent[], from - start, to - start, map)
      if (kept.length > 0) out.push({...node, children: kept} as PhrasingContent)
    } else if ('value' in node) {
      const value = node.value
      out.push({...node, value: value.slice(0, Math.max(0, from - start)) + value.slice(Math.min(length, to - start))})
    } else {
      out.push(node)
    }
  }
  return out
}

function piece(node: Text, from: number, to: number, map: SourceMap): Text {
  const result: Text = {type: 'text', value: node.value.slice(from, to)}
  const start = map.offsetInText(node, from)
  const end = map.offsetInText(node, to)
  if (start !== undefined && end !== undefined) result.position = map.position(start, end)
  return result
}
