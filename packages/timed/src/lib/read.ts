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

export type TimedFormat = 'srt' | 'vtt' | 'whisper' | 'whisper.cpp' | 'assemblyai' | 'youtube' | 'podcasting-2.0' | 'text'

export interface TimedTranscript {
  format: TimedFormat
  /** In the file's order, which is the order things were said; repaired so that times never run backwards. */
  cues: TimedCue[]
  /** What was wrong with the file's times and how it was mended, one entry a kind of fault. */
  repairs: TimedRepair[]
  /** The audio's length in seconds, when the file says (Whisper's verbose JSON has `duration`). */
  duration?: number | undefined
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
// `Ana Host:`, and Zoom's `Ashlee Kupor (SL):`.
const label = /^([\p{L}\p{N}][\p{L}\p{N} .'’·-]{0,38}?(?:\s*\([^()\n]{1,24}\))?)\s*(?::(?!\/\/)\s+|：\s*)/u
// What is not speech: `[Music]`, `[Applause]`, `[音乐]`, music notes; and SRT style tags (`{\an8}`).
const nonSpeech = /\[(?![\d:.,\s]*\])[^\]\n]{1,30}\]|[♪♫]+|\{\\[^}]*\}/gu
/** Text as spoken: tags of what is not speech gone, spaces joined. */
export function spoken(text: string): string {
  return text.replace(nonSpeech, ' ').replace(/[ \t]+/g, ' ').replace(/ ?\n ?/g, '\n').trim()
}

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
  // YouTube's automatic captions (as yt-dlp saves them) roll: each cue repeats the line before
  // it above a new one whose words carry their own times, with a 10 ms cue between.
  const rolling = format === 'vtt' && /<\d{2}:\d{2}:\d{2}\.\d{3}><c>/.test(source)
  // `杨宁：各位…` with no space is a label only when the name opens two cues or more:
  // a line such as `她说：“…”` opens one.
  const labelCounts = new Map<string, number>()
  for (const entry of entries) {
    const found = label.exec(spoken(entry.text.trim()).replace(/^>>\s*/, ''))
    if (found) labelCounts.set(found[1]!.trim(), (labelCounts.get(found[1]!.trim()) ?? 0) + 1)
  }
  const cues: Placed[] = []
  for (const [index, entry] of entries.entries()) {
    if (rolling) {
      const cue = rollingCue(entry)
      if (cue) cues.push({...cue, line: lineOf(index)})
      continue
    }
    let body = spoken(entry.text.trim())
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
    if (named && !/^\d+$/.test(named[1]!) && (/:\s/.test(named[0]) || (labelCounts.get(named[1]!.trim()) ?? 0) >= 2)) {
      speaker = named[1]!.trim()
      body = body.slice(named[0].length)
    }
    if (!/[\p{L}\p{N}]/u.test(body)) continue
    cues.push({start: entry.from / 1000, end: entry.to / 1000, ...who(speaker, turn), text: body, line: lineOf(index)})
  }
  return {format, ...repaired(cues)}
}

/** A speaker as the file names them; a tool's `Unknown Speaker` is a change of speaker, not a person. */
function who(speaker: string | undefined, turn: boolean): {speaker?: string; turn?: boolean} {
  if (speaker && /^(?:unknown speaker|speaker \?|unknown)$/i.test(speaker)) return {turn: true}
  return {...(speaker ? {speaker} : {}), ...(turn ? {turn: true} : {})}
}

/**
 * One rolling cue's new words, with their times: its last line only (the
 * line above repeats the cue before), each word at its inline time, the
 * first at the cue's start. The 10 ms cues that only repeat are skipped.
 */
function rollingCue(entry: {from: number; to: number; text: string}): Omit<TimedCue, 'line'> | undefined {
  if (entry.to - entry.from < 50) return undefined
  const last = entry.text.split('\n').filter((line) => line.trim()).at(-1)
  if (!last) return undefined
  const parts = last.split(/<(\d{2}:\d{2}:\d{2}\.\d{3})>/)
  const words: Array<{start: number; end: number; text: string}> = []
  for (let k = 0; k < parts.length; k += 2) {
    const text = spoken(decodeEntities(parts[k]!.replace(/<\/?[a-z][^>]*>/giu, ''))).trim()
    const start = k === 0 ? entry.from / 1000 : seconds(parts[k - 1]!)
    if (text) words.push({start, end: start, text})
  }
  if (words.length === 0) return undefined
  words.forEach((word, k) => {
    word.end = Math.max(word.start, words[k + 1]?.start ?? entry.to / 1000)
  })
  let text = words.map((word) => word.text).join(' ')
  let turn = false
  if (text.startsWith('>>')) {
    turn = true
    text = text.replace(/^>>\s*/, '')
    words[0]!.text = words[0]!.text.replace(/^>>\s*/, '')
    if (!words[0]!.text) words.shift()
  }
  if (!/[\p{L}\p{N}]/u.test(text)) return undefined
  return {start: entry.from / 1000, end: entry.to / 1000, ...(turn ? {turn: true} : {}), text, words}
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
  const lines = lineCounter(text)
  const at = (path: Array<string | number>) => {
    const node = findNodeAtLocation(tree, path)
    return node ? lines(node.offset) : undefined
  }
  const record = data as Record<string, unknown> | null
  // WhisperX and youtube-transcript-api write a bare array of segments.
  if (Array.isArray(data)) return segmentsOf(data, [], at, data.some((s) => typeof (s as {duration?: unknown})?.duration === 'number') ? 'youtube' : 'whisper')
  if (record && Array.isArray(record.transcription)) return whisperCpp(record.transcription, at)
  if (record && (Array.isArray(record.utterances) || (Array.isArray(record.words) && typeof record.text === 'string' && !Array.isArray(record.segments)))) return assemblyAi(record, at)
  const segments = record?.segments
  if (!Array.isArray(segments) || segments.length === 0) {
    throw new TimedError(
      'Expected timed JSON: Whisper, WhisperX or Podcasting 2.0 (`segments`), whisper.cpp (`transcription`), AssemblyAI (`utterances` or `words`), or a youtube-transcript-api list'
    )
  }
  const timed = segmentsOf(segments, ['segments'], at, segments.some((s) => typeof (s as {startTime?: unknown})?.startTime === 'number') ? 'podcasting-2.0' : 'whisper')
  return typeof record?.duration === 'number' && record.duration > 0 ? {...timed, duration: record.duration} : timed
}

/** Segments of Whisper (`start`, `end`, `text`, `words`), WhisperX (the same, bare), Podcasting 2.0 (`startTime`, `endTime`, `body`) or youtube-transcript-api (`start`, `duration`, `text`). */
function segmentsOf(segments: unknown[], path: string[], at: (path: Array<string | number>) => number | undefined, format: TimedFormat): TimedTranscript {
  if (segments.length === 0) throw new TimedError('The timed JSON holds no segments')
  const cues: Placed[] = []
  for (const [index, segment] of segments.entries()) {
    const s = (segment ?? {}) as Record<string, unknown>
    const where = `segment ${index + 1}`
    const line = at([...path, index])
    const speaker = typeof s.speaker === 'string' ? s.speaker : undefined
    if (typeof s.startTime === 'number' && typeof s.body === 'string') {
      cues.push({start: s.startTime, end: number(s.endTime, where, 'endTime'), ...who(speaker, false), text: spoken(s.body), line})
    } else if (typeof s.start === 'number' && typeof s.text === 'string' && typeof s.duration === 'number') {
      cues.push({start: s.start, end: s.start + number(s.duration, where, 'duration'), text: spoken(s.text), line})
    } else if (typeof s.start === 'number' && typeof s.text === 'string') {
      const words = Array.isArray(s.words) ? timedWords(s.words as Array<Record<string, unknown>>, 1) : undefined
      cues.push({start: s.start, end: number(s.end, where, 'end'), ...who(speaker, false), text: spoken(s.text), ...(words?.length ? {words} : {}), line})
    } else {
      throw new TimedError(`${where}: expected start, end and text (Whisper), startTime, endTime and body (Podcasting 2.0), or start, duration and text (youtube-transcript-api)`, line ?? 1)
    }
  }
  return {format, ...repaired(cues.filter((cue) => /[\p{L}\p{N}]/u.test(cue.text)))}
}

/** Word timings as tools write them: `word` (Whisper) or `text` (AssemblyAI), in seconds or (`scale` 1000) milliseconds; untimed words left out. */
function timedWords(words: Array<Record<string, unknown>>, scale: number): Array<{start: number; end: number; text: string}> {
  return words
    .filter((w) => typeof w.start === 'number' && typeof w.end === 'number' && typeof (w.word ?? w.text) === 'string')
    .map((w) => ({start: (w.start as number) / scale, end: (w.end as number) / scale, text: spoken(String(w.word ?? w.text))}))
    .filter((w) => w.text)
}

/** whisper.cpp's `-oj` JSON: `transcription` of `offsets` in milliseconds and `text`. */
function whisperCpp(transcription: unknown[], at: (path: Array<string | number>) => number | undefined): TimedTranscript {
  const cues: Placed[] = []
  for (const [index, item] of transcription.entries()) {
    const s = (item ?? {}) as {offsets?: {from?: unknown; to?: unknown}; text?: unknown}
    const line = at(['transcription', index])
    if (typeof s.offsets?.from !== 'number' || typeof s.offsets?.to !== 'number' || typeof s.text !== 'string') {
      throw new TimedError(`transcription ${index + 1}: expected offsets (from, to, in milliseconds) and text, as whisper.cpp writes them`, line ?? 1)
    }
    cues.push({start: s.offsets.from / 1000, end: s.offsets.to / 1000, text: spoken(s.text), line})
  }
  if (cues.length === 0) throw new TimedError('The whisper.cpp JSON holds no transcription')
  return {format: 'whisper.cpp', ...repaired(cues.filter((cue) => /[\p{L}\p{N}]/u.test(cue.text)))}
}

/**
 * AssemblyAI's transcript JSON, in milliseconds: `utterances` (one a speaker
 * turn, speakers `A`, `B`, …, with their words), or, without speaker labels,
 * `words` alone, cut into cues at sentence ends and pauses.
 */
function assemblyAi(record: Record<string, unknown>, at: (path: Array<string | number>) => number | undefined): TimedTranscript {
  const cues: Placed[] = []
  if (Array.isArray(record.utterances)) {
    for (const [index, item] of (record.utterances as Array<Record<string, unknown>>).entries()) {
      const line = at(['utterances', index])
      if (typeof item?.start !== 'number' || typeof item.end !== 'number' || typeof item.text !== 'string') {
        throw new TimedError(`utterance ${index + 1}: expected start, end (milliseconds) and text, as AssemblyAI writes them`, line ?? 1)
      }
      const words = Array.isArray(item.words) ? timedWords(item.words as Array<Record<string, unknown>>, 1000) : []
      const speaker = typeof item.speaker === 'string' ? `Speaker ${item.speaker}` : undefined
      cues.push({start: item.start / 1000, end: item.end / 1000, ...(speaker ? {speaker} : {}), text: spoken(item.text), ...(words.length ? {words} : {}), line})
    }
  } else {
    const words = timedWords(record.words as Array<Record<string, unknown>>, 1000)
    let run: typeof words = []
    const flush = () => {
      if (run.length) cues.push({start: run[0]!.start, end: run.at(-1)!.end, text: run.map((w) => w.text).join(' '), words: run, line: at(['words'])})
      run = []
    }
    words.forEach((word, index) => {
      run.push(word)
      const next = words[index + 1]
      if (!next || (/[.?!]$/.test(word.text) && (run.length >= 8 || next.start - word.end > 0.7)) || next.start - word.end > 1.5) flush()
    })
    flush()
  }
  if (cues.length === 0) throw new TimedError('The AssemblyAI JSON holds no utterances or words')
  return {format: 'assemblyai', ...repaired(cues.filter((cue) => /[\p{L}\p{N}]/u.test(cue.text)))}
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
    // Otter signs its exports: a footer, not speech.
    if (!line || /^transcribed by (?:https?:\/\/)?otter\.ai\/?$/i.test(line)) return
    const a = header.exec(line)
    const b = a ? null : inline.exec(line)
    if (a || b) {
      const speaker = (a ? a[1]! : b![2]!).trim()
      current = {start: seconds(a ? (a[2] ?? a[3]!) : b![1]!), ...who(speaker, false), text: a ? '' : spoken(b![3]!), line: index + 1}
      cues.push(current)
    } else if (current) {
      const said = spoken(line)
      if (said) current.text = current.text ? `${current.text} ${said}` : said
    }
  })
  if (cues.length === 0) throw new TimedError('No time-stamped speaker lines found: expected lines such as `Name (00:01:02)` or `[00:01:02] Name: …`')
  // A line's end is the next line's start; a time that runs backwards is mended below, not here.
  const done = cues.map((cue, index) => ({...cue, end: Math.max(cue.start, cues[index + 1]?.start ?? cue.start + Math.max(2, cue.text.length / 12))}))
  return {format: 'text', ...repaired(done.filter((cue) => /[\p{L}\p{N}]/u.test(cue.text)), false)}
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
