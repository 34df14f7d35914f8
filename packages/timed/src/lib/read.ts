import {parse as parseSubtitles} from '@plussub/srt-vtt-parser'
import {type ParseError, findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode} from 'jsonc-parser'

/** One stretch of a timed transcript: a cue, a segment, a time-stamped line. */
export interface TimedCue {
  /** Seconds from the start of the audio. */
  start: number
  end: number
  /** Who speaks, when the file says: a voice tag, a `Name:` label, a JSON speaker. */
  speaker?: string | undefined
  /** A `>>` mark: the speaker changes here, though the file does not say to whom. */
  turn?: boolean | undefined
  text: string
  /** Word timings, when the tool gives them (Whisper's `words`). */
  words?: Array<{start: number; end: number; text: string}> | undefined
}

export type TimedFormat = 'srt' | 'vtt' | 'whisper' | 'podcasting-2.0' | 'text'

export interface TimedTranscript {
  format: TimedFormat
  /** In the file's order, which is the order things were said; repaired so that times never run backwards. */
  cues: TimedCue[]
  /** What was wrong with the file's times and how it was mended, one entry a kind of fault. */
  repairs: TimedRepair[]
}

/** Times a recognizer got wrong, mended by clamping to the neighbouring cues' times. */
export interface TimedRepair {
  ruleId: 'timed-backward' | 'timed-out-of-order' | 'timed-overlap'
  message: string
  /** Line of the first such cue in the file, when known. */
  line?: number | undefined
  count: number
}

/** Why a timed file cannot be read, with the line it went wrong on. */
export class TimedError extends Error {
  readonly line: number
  constructor(message: string, line = 1) {
    super(message)
    this.name = 'TimedError'
    this.line = line
  }
}

/** File endings of the timed transcripts read, in the order an episode folder is searched. */
export const timedExtensions = ['.srt', '.vtt', '.json', '.txt'] as const

/**
 * Reads a timed transcript by its file name's ending: `.srt` and `.vtt`
 * (with @plussub/srt-vtt-parser), `.json` (Whisper's verbose JSON or a
 * Podcasting 2.0 transcript) or `.txt` (a text export with time-stamped
 * speaker lines, as Otter, Descript, Riverside and YouTube write them).
 */
export function readTimed(text: string, name: string): TimedTranscript {
  const ending = name.toLowerCase().slice(name.lastIndexOf('.'))
  if (ending === '.srt' || ending === '.vtt') return subtitles(text, ending === '.srt' ? 'srt' : 'vtt')
  if (ending === '.json') return json(text)
  if (ending === '.txt') return textExport(text)
  throw new TimedError(`Not a timed transcript format Castline reads (${timedExtensions.join(', ')})`)
}

// Cue text markup (WebVTT): voice spans, classes, bold and italics, inline timestamps.
const voice = /^<v(?:\.[\w.-]+)?\s+([^>]+)>/u
const label = /^([\p{L}\p{N}][\p{L}\p{N} .'’·-]{0,38}?)\s*[:：]\s+/u

function subtitles(text: string, format: 'srt' | 'vtt'): TimedTranscript {
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  if (format === 'vtt' && !/^WEBVTT(?:[ \t].*)?(?:\n|$)/.test(source)) throw new TimedError('A WebVTT file starts with the line WEBVTT')
  const kind = format === 'srt' ? 'SRT' : 'WebVTT'
  const none = new TimedError(`No cues found: an ${kind} file holds cues with times such as 00:00:01${format === 'srt' ? ',' : '.'}000 --> 00:00:04${format === 'srt' ? ',' : '.'}000`)
  if (!/-->/.test(source)) throw none
  let entries: Array<{from: number; to: number; text: string}>
  try {
    entries = parseSubtitles(source).entries
  } catch {
    // The parser's own error is about its internals; where the file goes wrong is what helps.
    const line = source.split('\n').findIndex((l) => l.includes('-->') && !/^\s*(?:\d+:)?\d{1,2}:\d{2}[.,]\d{3}\s+-->\s+(?:\d+:)?\d{1,2}:\d{2}[.,]\d{3}/.test(l)) + 1
    throw new TimedError(`Cannot read the ${kind} cues${line ? ': this time line is not of the form 00:00:01,000 --> 00:00:04,000' : ''}`, line || 1)
  }
  if (entries.length === 0) throw none
  // Each entry is one time line, in order: its line number is where a repair points.
  const timeLines: number[] = []
  source.split('\n').forEach((line, index) => {
    if (line.includes('-->')) timeLines.push(index + 1)
  })
  const lineOf = timeLines.length === entries.length ? (index: number) => timeLines[index] : () => undefined
  const cues: Placed[] = []
  for (const [index, entry] of entries.entries()) {
    let body = entry.text.trim()
    let speaker: string | undefined
    let turn = false
    const tagged = voice.exec(body)
    if (tagged) speaker = tagged[1]!.trim()
    body = body.replace(/<\d{1,2}:\d{2}(?::\d{2})?\.\d{3}>/g, '').replace(/<\/?[a-z][^>]*>/giu, '')
    body = decodeEntities(body).replace(/\s*\n\s*/g, ' ').trim()
    if (body.startsWith('>>')) {
      turn = true
      body = body.replace(/^>>\s*/, '')
    }
    const named = !speaker ? label.exec(body) : null
    if (named && !/^\d+$/.test(named[1]!)) {
      speaker = named[1]!.trim()
      body = body.slice(named[0].length)
    }
    if (!body) continue
    cues.push({start: entry.from / 1000, end: entry.to / 1000, speaker, turn: turn || undefined, text: body, line: lineOf(index)})
  }
  return {format, ...repaired(cues)}
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|nbsp|quot|#39|lrm|rlm);/g, (_, name: string) => ({amp: '&', lt: '<', gt: '>', nbsp: ' ', quot: '"', '#39': "'", lrm: '', rlm: ''})[name] ?? '')
}

function json(text: string): TimedTranscript {
  // jsonc-parser says where JSON breaks; JSON.parse only sometimes does.
  const errors: ParseError[] = []
  const tree = parseTree(text, errors, {allowTrailingComma: false, disallowComments: true})
  if (errors.length > 0 || !tree) {
    const first = errors[0]
    throw new TimedError(`Broken JSON: ${first ? printParseErrorCode(first.error) : 'no value'}`, first ? lineAt(text, first.offset) : 1)
  }
  const data: unknown = getNodeValue(tree)
  const segmentNodes = findNodeAtLocation(tree, ['segments'])?.children ?? []
  const segments = (data as {segments?: unknown})?.segments
  if (!Array.isArray(segments) || segments.length === 0) {
    throw new TimedError('Expected a JSON object with `segments`: Whisper (start, end, text) or Podcasting 2.0 (startTime, endTime, body)')
  }
  const cues: Placed[] = []
  const lines = lineCounter(text)
  for (const [index, segment] of segments.entries()) {
    const s = segment as Record<string, unknown>
    const where = `segment ${index + 1}`
    const line = segmentNodes[index] ? lines(segmentNodes[index]!.offset) : undefined
    if (typeof s.startTime === 'number' && typeof s.body === 'string') {
      cues.push({start: s.startTime, end: number(s.endTime, where, 'endTime'), speaker: typeof s.speaker === 'string' ? s.speaker : undefined, text: s.body.trim(), line})
    } else if (typeof s.start === 'number' && typeof s.text === 'string') {
      const words = Array.isArray(s.words)
        ? (s.words as Array<Record<string, unknown>>)
            .filter((w) => typeof w.start === 'number' && typeof w.end === 'number' && typeof w.word === 'string')
            .map((w) => ({start: w.start as number, end: w.end as number, text: (w.word as string).trim()}))
        : undefined
      cues.push({start: s.start, end: number(s.end, where, 'end'), speaker: typeof s.speaker === 'string' ? s.speaker : undefined, text: s.text.trim(), ...(words?.length ? {words} : {}), line})
    } else {
      throw new TimedError(`${where}: expected start, end and text (Whisper) or startTime, endTime and body (Podcasting 2.0)`)
    }
  }
  const format = segments.some((s) => typeof (s as {startTime?: unknown}).startTime === 'number') ? 'podcasting-2.0' : 'whisper'
  return {format, ...repaired(cues.filter((cue) => cue.text))}
}

function number(value: unknown, where: string, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new TimedError(`${where}: \`${field}\` must be a number of seconds`)
  return value
}

const clock = '(\\d{1,2}:\\d{2}(?::\\d{2})?(?:[.,]\\d{1,3})?)'
// `Name (00:01:02)` on a line of its own (Otter), `Name  00:01:02` (YouTube-style),
// `[00:01:02] Name: text` (Descript, Riverside), `00:01:02 Name: text`.
const header = new RegExp(`^([^\\n()\\[\\]]{1,40}?)\\s*(?:\\(${clock}\\)|\\s${clock})\\s*$`, 'u')
const inline = new RegExp(`^\\[?${clock}\\]?\\s+([^:：\\n]{1,40}?)\\s*[:：]\\s*(.*)$`, 'u')

function textExport(text: string): TimedTranscript {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n')
  const cues: Array<Omit<Placed, 'end'> & {end?: number}> = []
  let current: (typeof cues)[number] | undefined
  lines.forEach((raw, index) => {
    const line = raw.trim()
    if (!line) return
    const a = header.exec(line)
    const b = a ? null : inline.exec(line)
    if (a || b) {
      current = a ? {speaker: a[1]!.trim(), start: seconds(a[2] ?? a[3]!), text: '', line: index + 1} : {start: seconds(b![1]!), speaker: b![2]!.trim(), text: b![3]!.trim(), line: index + 1}
      cues.push(current)
    } else if (current) {
      current.text = current.text ? `${current.text} ${line}` : line
    }
  })
  if (cues.length === 0) throw new TimedError('No time-stamped speaker lines found: expected lines such as `Name (00:01:02)` or `[00:01:02] Name: …`')
  // A line's end is the next line's start; a time that runs backwards is mended below, not here.
  const done = cues.map((cue, index) => ({...cue, end: Math.max(cue.start, cues[index + 1]?.start ?? cue.start + Math.max(2, cue.text.length / 12))}))
  return {format: 'text', ...repaired(done.filter((cue) => cue.text), false)}
}

function seconds(value: string): number {
  return value
    .replace(',', '.')
    .split(':')
    .reduce((total, part) => total * 60 + Number(part), 0)
}

type Placed = TimedCue & {line?: number | undefined}

/**
 * Recognizers return cues that end before they start, start before the cue
 * above them, or run into the next: one long segment can come back a minute
 * late. The file's order is the order of speech, so it is kept, and each
 * time is clamped to its neighbours': a start never before the previous
 * start, an end never before its own start nor past the next start. Each
 * kind of fault is reported once, at its first line, with how many. A text
 * export has no ends of its own (each is the next start): none can overlap.
 */
function repaired(placed: Placed[], endsGiven = true): {cues: TimedCue[]; repairs: TimedRepair[]} {
  const found = new Map<TimedRepair['ruleId'], {count: number; line?: number | undefined; example: string}>()
  const note = (ruleId: TimedRepair['ruleId'], cue: Placed, example: string) => {
    const seen = found.get(ruleId)
    if (seen) seen.count++
    else found.set(ruleId, {count: 1, line: cue.line, example})
  }
  // Faults are found on the file's own times, then mended in one pass.
  placed.forEach((cue, index) => {
    const previous = placed[index - 1]
    const next = placed[index + 1]
    if (cue.end < cue.start) note('timed-backward', cue, `ends at ${clockOf(cue.end)}, before it starts at ${clockOf(cue.start)}`)
    if (previous && cue.start < previous.start) note('timed-out-of-order', cue, `starts at ${clockOf(cue.start)}, before the cue above it (${clockOf(previous.start)})`)
    // Tools round: a tenth of a second into the next cue is not a fault.
    if (endsGiven && next && cue.end > next.start + 0.1) note('timed-overlap', cue, `runs to ${clockOf(cue.end)}, past the next cue's start at ${clockOf(next.start)}`)
  })
  const cues: TimedCue[] = placed.map(({line: _, ...cue}) => ({...cue}))
  cues.forEach((cue, index) => {
    const previous = cues[index - 1]
    if (previous && cue.start < previous.start) cue.start = previous.start
    cue.end = Math.max(cue.end, cue.start)
  })
  cues.forEach((cue, index) => {
    const next = cues[index + 1]
    if (next && cue.end > next.start) cue.end = Math.max(cue.start, next.start)
    if (cue.words) {
      let floor = cue.start
      cue.words = cue.words.map((word) => {
        const start = Math.min(Math.max(word.start, floor), cue.end)
        floor = start
        return {...word, start, end: Math.min(Math.max(word.end, start), cue.end)}
      })
    }
  })
  const what = {
    'timed-backward': ['cues end before they start', 'its end is set to its start'],
    'timed-out-of-order': ['cues start before the cue above them', 'its start is set to the previous start'],
    'timed-overlap': ['cues run past the next one', 'its end is set to the next start']
  } as const
  const repairs = [...found].sort(([, a], [, b]) => (a.line ?? 0) - (b.line ?? 0)).map(([ruleId, {count, line, example}]) => {
    const [many, mend] = what[ruleId]
    return {
      ruleId,
      count,
      line,
      message: `${count === 1 ? 'A cue' : `${count} ${many}; the first`} ${example}: ${mend}${count === 1 ? '' : ' in each'}, as the recognizer's times cannot both be right`
    }
  })
  return {cues, repairs}
}

function clockOf(total: number): string {
  const s = Math.floor(total)
  const h = Math.floor(s / 3600)
  const rest = `${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`
  return h ? `${h}:${rest}` : rest
}

/** Line of a character offset, for offsets asked in increasing order (one pass over the text). */
function lineCounter(text: string): (offset: number) => number {
  let line = 1
  let at = 0
  return (offset) => {
    for (; at < offset && at < text.length; at++) if (text.charCodeAt(at) === 10) line++
    return line
  }
}

function lineAt(text: string, offset: number): number {
  return lineCounter(text)(offset)
}
