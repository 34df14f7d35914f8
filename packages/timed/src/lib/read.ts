import {parse as parseSubtitles} from '@plussub/srt-vtt-parser'
import {type ParseError, parse as parseJson, printParseErrorCode} from 'jsonc-parser'

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
  cues: TimedCue[]
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
  const cues: TimedCue[] = []
  for (const entry of entries) {
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
    cues.push({start: entry.from / 1000, end: entry.to / 1000, speaker, turn: turn || undefined, text: body})
  }
  return {format, cues: sorted(cues)}
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|nbsp|quot|#39|lrm|rlm);/g, (_, name: string) => ({amp: '&', lt: '<', gt: '>', nbsp: ' ', quot: '"', '#39': "'", lrm: '', rlm: ''})[name] ?? '')
}

function json(text: string): TimedTranscript {
  // jsonc-parser says where JSON breaks; JSON.parse only sometimes does.
  const errors: ParseError[] = []
  const data: unknown = parseJson(text, errors, {allowTrailingComma: false, disallowComments: true})
  if (errors.length > 0) {
    const [first] = errors
    throw new TimedError(`Broken JSON: ${printParseErrorCode(first!.error)}`, text.slice(0, first!.offset).split('\n').length)
  }
  const segments = (data as {segments?: unknown})?.segments
  if (!Array.isArray(segments) || segments.length === 0) {
    throw new TimedError('Expected a JSON object with `segments`: Whisper (start, end, text) or Podcasting 2.0 (startTime, endTime, body)')
  }
  const cues: TimedCue[] = []
  for (const [index, segment] of segments.entries()) {
    const s = segment as Record<string, unknown>
    const where = `segment ${index + 1}`
    if (typeof s.startTime === 'number' && typeof s.body === 'string') {
      cues.push({start: s.startTime, end: number(s.endTime, where, 'endTime'), speaker: typeof s.speaker === 'string' ? s.speaker : undefined, text: s.body.trim()})
    } else if (typeof s.start === 'number' && typeof s.text === 'string') {
      const words = Array.isArray(s.words)
        ? (s.words as Array<Record<string, unknown>>)
            .filter((w) => typeof w.start === 'number' && typeof w.end === 'number' && typeof w.word === 'string')
            .map((w) => ({start: w.start as number, end: w.end as number, text: (w.word as string).trim()}))
        : undefined
      cues.push({start: s.start, end: number(s.end, where, 'end'), speaker: typeof s.speaker === 'string' ? s.speaker : undefined, text: s.text.trim(), ...(words?.length ? {words} : {})})
    } else {
      throw new TimedError(`${where}: expected start, end and text (Whisper) or startTime, endTime and body (Podcasting 2.0)`)
    }
  }
  const format = segments.some((s) => typeof (s as {startTime?: unknown}).startTime === 'number') ? 'podcasting-2.0' : 'whisper'
  return {format, cues: sorted(cues.filter((cue) => cue.text))}
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
  const cues: Array<Omit<TimedCue, 'end'> & {end?: number}> = []
  let current: (typeof cues)[number] | undefined
  lines.forEach((raw) => {
    const line = raw.trim()
    if (!line) return
    const a = header.exec(line)
    const b = a ? null : inline.exec(line)
    if (a || b) {
      current = a ? {speaker: a[1]!.trim(), start: seconds(a[2] ?? a[3]!), text: ''} : {start: seconds(b![1]!), speaker: b![2]!.trim(), text: b![3]!.trim()}
      cues.push(current)
    } else if (current) {
      current.text = current.text ? `${current.text} ${line}` : line
    }
  })
  if (cues.length === 0) throw new TimedError('No time-stamped speaker lines found: expected lines such as `Name (00:01:02)` or `[00:01:02] Name: …`')
  for (const [index, cue] of cues.entries()) {
    const next = cues[index + 1]
    if (next && next.start < cue.start) throw new TimedError(`Time ${next.start} s comes before the line above it`, lines.findIndex((l) => l.includes(formatClock(next.start))) + 1 || 1)
  }
  const done = cues.map((cue, index) => ({...cue, end: cues[index + 1]?.start ?? cue.start + Math.max(2, cue.text.length / 12)}))
  return {format: 'text', cues: done.filter((cue) => cue.text)}
}

function seconds(value: string): number {
  return value
    .replace(',', '.')
    .split(':')
    .reduce((total, part) => total * 60 + Number(part), 0)
}

function formatClock(total: number): string {
  const s = Math.floor(total)
  return `${Math.floor(s / 60) % 60}:${String(s % 60).padStart(2, '0')}`
}

function sorted(cues: TimedCue[]): TimedCue[] {
  return cues.sort((a, b) => a.start - b.start)
}
