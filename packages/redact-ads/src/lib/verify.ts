import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {AdBreak} from '@castline/parse'
import type {Redaction} from './types.js'

/** Characters removed from one unit of text, at an offset of its original text. */
export interface Cut {
  offset: number
  text: string
}

export interface Unit {
  node: object
  type: string
  text: string
}

/**
 * The transcript as units of text: every paragraph or other block of a turn or
 * a section, and every ad break as a whole.
 */
export function snapshot(tree: Root): Unit[] {
  const units: Unit[] = []
  const walk = (node: {type: string; children?: unknown[]}): void => {
    const container = node.type === 'root' || node.type === 'section' || node.type === 'speakerTurn'
    if (container && Array.isArray(node.children)) {
      for (const child of node.children) walk(child as typeof node)
      return
    }
    units.push({node, type: node.type, text: toString(node as Root)})
  }
  walk(tree)
  return units
}

/**
 * Checks that redaction removed only what it recorded: each unit still there
 * reads as before with its recorded cuts taken out, each unit gone was an ad
 * break recorded with its exact text, or had nothing left but white space.
 * Returns what went wrong, or undefined.
 */
export function verify(before: Unit[], after: Root, cuts: Map<object, Cut[]>, breaks: Map<AdBreak, Redaction>): string | undefined {
  const now = new Map(snapshot(after).map((unit) => [unit.node, unit.text]))
  for (const unit of before) {
    if (unit.type === 'adBreak' && !now.has(unit.node)) {
      const record = breaks.get(unit.node as AdBreak)
      if (!record || record.text !== unit.text) return `ad break \`${unit.text.slice(0, 40)}\` was removed but not recorded`
      continue
    }
    let expected = ''
    let at = 0
    for (const cut of [...(cuts.get(unit.node) ?? [])].sort((a, b) => a.offset - b.offset)) {
      if (cut.offset < at || unit.text.slice(cut.offset, cut.offset + cut.text.length) !== cut.text) {
        return `recorded removal \`${cut.text.slice(0, 40)}\` is not in the text it was taken from`
      }
      expected += unit.text.slice(at, cut.offset)
      at = cut.offset + cut.text.length
    }
    expected += unit.text.slice(at)
    const actual = now.get(unit.node)
    if (actual === undefined ? expected.trim() !== '' : actual !== expected) {
      const shown = (actual ?? '').slice(0, 40)
      return `\`${expected.slice(0, 40)}\` became \`${shown}\``
    }
  }
  return undefined
}
