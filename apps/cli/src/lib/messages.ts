import type {ShowInfo} from '@castline/render'
import {VFile} from 'vfile'
import type {EpisodeResult} from './episode.js'
import {terminalSafe} from './safe.js'

/** A vfile message as plain data, to cross from a worker thread. */
interface SerializedMessage {
  reason: string
  line?: number | undefined
  column?: number | undefined
  endLine?: number | undefined
  endColumn?: number | undefined
  ruleId?: string | undefined
  source?: string | undefined
  fatal?: boolean | null | undefined
}

export interface SerializedResult {
  slug: string
  files: Array<{path: string; messages: SerializedMessage[]}>
  outputs?: Array<[string, string | Uint8Array]>
  show?: ShowInfo
  timings: Record<string, number>
}

export function serializeResult(result: EpisodeResult): SerializedResult {
  return {
    slug: result.slug,
    files: serializeFiles(result.files),
    ...(result.outputs ? {outputs: [...result.outputs]} : {}),
    ...(result.show ? {show: result.show} : {}),
    timings: result.timings
  }
}

/** Files' paths and messages as plain data, to cross from a worker thread. */
export function serializeFiles(files: VFile[]): SerializedResult['files'] {
  return files.map((file) => ({
      path: file.path,
      messages: file.messages.map((m) => ({
        reason: m.reason,
        line: m.line,
        column: m.column,
        endLine: m.place && 'start' in m.place ? m.place.end.line : undefined,
        endColumn: m.place && 'start' in m.place ? m.place.end.column : undefined,
        ruleId: m.ruleId,
        source: m.source,
        fatal: m.fatal
      }))
    }))
}

/**
 * The files with their paths and messages only: what the report at the end
 * needs. A built file also holds its text and everything the plugins put on
 * `file.data` (the speaker tree among it), which would make memory grow with
 * the catalogue if kept until then.
 */
export function messagesOnly(files: VFile[]): VFile[] {
  return deserializeFiles(serializeFiles(files))
}

/** Copies of the files whose paths and reasons are safe to print on a terminal. */
export function safeFiles(files: VFile[]): VFile[] {
  return deserializeFiles(
    serializeFiles(files).map(({path, messages}) => ({path: terminalSafe(path), messages: messages.map((m) => ({...m, reason: terminalSafe(m.reason)}))}))
  )
}

export function deserializeResult(data: SerializedResult): EpisodeResult {
  return {
    slug: data.slug,
    files: deserializeFiles(data.files),
    timings: data.timings,
    ...(data.outputs ? {outputs: new Map(data.outputs.map(([name, value]) => [name, typeof value === 'string' ? value : Buffer.from(value)]))} : {}),
    ...(data.show ? {show: data.show} : {})
  }
}

export function deserializeFiles(data: SerializedResult['files']): VFile[] {
  return data.map(({path, messages}) => {
    const file = new VFile({path})
    for (const m of messages) {
      const start = m.line === undefined ? undefined : {line: m.line, column: m.column ?? 1}
      const place = start && m.endLine !== undefined ? {start, end: {line: m.endLine, column: m.endColumn ?? 1}} : start
      const message = file.message(m.reason, {place, ruleId: m.ruleId, source: m.source})
      message.fatal = m.fatal
    }
    return file
  })
}
