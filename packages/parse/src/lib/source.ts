import type {Point, Position} from 'unist'
import type {PhrasingContent, Text} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'

/** Converts offsets in one file's source to points, caching the line index. */
export class SourceMap {
  readonly text: string
  readonly #place: ReturnType<typeof location>
  // Where the last walk through each text node stopped: offsets into one node are asked in increasing order, so each walk goes on from there.
  readonly #cursor = new WeakMap<Text, {s: number; v: number}>()

  constructor(file: VFile) {
    this.text = String(file.value ?? '')
    this.#place = location(file)
  }

  point(offset: number): Point {
    const point = this.#place.toPoint(Math.min(Math.max(0, offset), this.text.length))
    if (point) return {line: point.line, column: point.column, offset: point.offset}
    return {line: 1, column: 1, offset: 0}
  }

  position(start: number, end: number): Position {
    return {start: this.point(start), end: this.point(end)}
  }

  /**
   * The source offset of character `index` of a text node's value. Values differ
   * from the source by escapes (`\[`), character references and stripped line
   * indentation, so walk both side by side, from where the last walk
   * through this node stopped when that is before `index`: reading a long
   * turn of many timestamps stays linear.
   */
  offsetInText(node: Text, index: number): number | undefined {
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    if (start === undefined || end === undefined) return undefined
    const value = node.value
    const cursor = this.#cursor.get(node)
    let s = cursor && cursor.v <= index ? cursor.s : start
    let v = cursor && cursor.v <= index ? cursor.v : 0
    while (v < index && s < end) {
      const sc = this.text[s]
      if (sc === value[v]) {
        s++
        v++
      } else if (sc === '\\') {
        s++
      } else if (sc === '&') {
        const semi = this.text.indexOf(';', s)
        s = semi === -1 || semi >= end ? s + 1 : semi + 1
        v++
      } else {
        s++
      }
    }
    this.#cursor.set(node, {s, v})
    return s
  }
}

/** The source point of character `offset` of the plain text of a run of phrasing nodes. */
export function locate(map: SourceMap, children: PhrasingContent[], offset: number): Point | undefined {
  let at = 0
  for (const node of children) {
    const length = toString(node).length
    if (offset < at + length || (offset === at + length && length > 0 && node === children.at(-1))) {
      if (node.type === 'text') {
        const source = map.offsetInText(node, offset - at)
        return source === undefined ? node.position?.start : map.point(source)
      }
      if ('children' in node) return locate(map, node.children as PhrasingContent[], offset - at) ?? node.position?.start
      return node.position?.start
    }
    at += length
  }
  return undefined
}

/** The position spanning from the first to the last positioned node. */
export function spanOf(nodes: ReadonlyArray<{position?: Position | undefined}>): Position | undefined {
  let start: Point | undefined
  let end: Point | undefined
  for (const node of nodes) {
    if (!node.position) continue
    start ??= node.position.start
    end = node.position.end
  }
  return start && end ? {start, end} : undefined
}
