import type {Root} from 'mdast'
import type {Position} from 'unist'
import type {SpeechRate} from './text.js'
import {defaultSpeechRate, speechSeconds} from './text.js'
import type {SpeakerTurn} from './types.js'

export interface StartTimeOptions {
  speechRate?: SpeechRate | undefined
  /** Length of the audio in seconds: estimates after the last timestamp are scaled to end there. */
  duration?: number | undefined
}

export interface StartTimeResult {
  /** Whether any turn's start is estimated. */
  estimated: boolean
  /** Timestamps used as anchors. */
  anchors: number
  /** Timestamps ignored because they go back in time. */
  dropped: Array<{position?: Position | undefined}>
  /** End of the last turn, in seconds. */
  end: number
  /** Nominal seconds of speech per script over the whole transcript. */
  spoken: {zh: number; en: number}
}

interface Anchor {
  /** Nominal seconds of speech before the timestamp. */
  at: number
  seconds: number
}

/**
 * Sets `start` on every speaker turn. Time runs through the text as speech at
 * a nominal rate per script (characters for Chinese, words for English); each
 * timestamp pins that clock to a real time and the stretches between pins are
 * scaled linearly, so estimates bend to the anchors and to the audio's length.
 */
export function estimateStartTimes(tree: Root, options: StartTimeOptions = {}): StartTimeResult {
  const rate = options.speechRate ?? defaultSpeechRate
  const turnAt = new Map<SpeakerTurn, number>()
  const exact = new Map<SpeakerTurn, number>()
  const anchors: Anchor[] = []
  const dropped: StartTimeResult['dropped'] = []
  let clock = 0
  const spoken = {zh: 0, en: 0}
  let turn: SpeakerTurn | undefined

  const walk = (node: {type: string; value?: unknown; children?: unknown[]; seconds?: number; position?: Position}): void => {
    // Headings (the title, named sections) are not spoken.
    if (node.type === 'heading') return
    if (node.type === 'speakerTurn') {
      turn = node as unknown as SpeakerTurn
      turnAt.set(turn, clock)
    }
    if (node.type === 'timestamp' && typeof node.seconds === 'number') {
      const last = anchors.at(-1)
      if (last && node.seconds < last.seconds) {
        dropped.push({position: node.position})
      } else {
        anchors.push({at: clock, seconds: node.seconds})
        if (turn && turnAt.get(turn) === clock && !exact.has(turn)) exact.set(turn, node.seconds)
      }
    }
    if (typeof node.value === 'string') {
      const part = speechSeconds(node.value, rate)
      spoken.zh += part.zh
      spoken.en += part.en
      clock += part.zh + part.en
    }
    if (Array.isArray(node.children)) for (const child of node.children) walk(child as typeof node)
  }
  walk(tree)

  const total = clock
  const points: Anchor[] = []
  if (anchors.length === 0 || anchors[0]!.at > 0) points.push({at: 0, seconds: 0})
  points.push(...anchors)
  const last = points.at(-1)!
  const {duration} = options
  if (duration !== undefined && duration > last.seconds && total > last.at) points.push({at: total, seconds: duration})

  const timeAt = (at: number): number => {
    let i = 0
    while (i + 1 < points.length && points[i + 1]!.at <= at) i++
    const a = points[i]!
    const b = points[i + 1]
    if (!b) return a.seconds + (at - a.at)
    if (b.at === a.at) return a.seconds
    return a.seconds + ((at - a.at) * (b.seconds - a.seconds)) / (b.at - a.at)
  }

  let estimated = false
  for (const [node, at] of turnAt) {
    const pinned = exact.get(node)
    node.start = pinned === undefined ? {seconds: round(timeAt(at)), estimated: true} : {seconds: pinned, estimated: false}
    if (pinned === undefined) estimated = true
  }
  return {estimated, anchors: anchors.length, dropped, end: round(timeAt(total)), spoken}
}

function round(seconds: number): number {
  return Math.round(seconds * 100) / 100
}
