import {readFile, stat} from 'node:fs/promises'
import {VFile} from 'vfile'

const source = 'castline'

/** The most bytes an input is read to, what to call it and what to do past it; more is refused before reading. */
export interface ReadLimit {
  bytes: number
  /** What the file is, in the message (default "file"). */
  name?: string
  /** What to do, in the message (default: a smaller file). */
  advice?: string
}

/** The limits of the inputs whose size no flag sets. */
export const readLimits = {
  /** episode.yaml and podcast.yaml: a show's longest is a few kilobytes. */
  yaml: {bytes: 1024 * 1024},
  /** A logo or artwork: a 3000 × 3000 PNG is a few megabytes. */
  image: {bytes: 20 * 1024 * 1024}
} as const satisfies Record<string, ReadLimit>

/** A size as a producer reads it: 195 KB, 16.0 MB. */
export function megabytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** Whether a path is a regular file (following links, as reading does). */
export const isRegularFile = (path: string) => stat(path).then((info) => info.isFile(), () => false)

/**
 * Why a path is not a regular file that can be read whole (a FIFO would block
 * the read forever, a device never ends), or is over its limit; undefined
 * when it is fine. Follows links, as reading does.
 */
export async function notReadable(path: string, limit: ReadLimit): Promise<{reason: string; ruleId: string} | undefined> {
  const info = await stat(path)
  if (!info.isFile()) {
    const kind = info.isDirectory() ? 'a directory' : info.isFIFO() ? 'a FIFO (named pipe)' : info.isCharacterDevice() || info.isBlockDevice() ? 'a device' : info.isSocket() ? 'a socket' : 'not a regular file'
    return {reason: `Expected a regular file, found ${kind}: give the path of a file`, ruleId: 'not-a-file'}
  }
  if (info.size > limit.bytes) {
    return {reason: `The ${limit.name ?? 'file'} is ${megabytes(info.size)}, over the limit of ${megabytes(limit.bytes)}; ${limit.advice ?? 'no real one comes near it'}`, ruleId: 'too-large'}
  }
  return undefined
}

/**
 * Reads a text file into a VFile, or a VFile holding one fatal message that
 * says why it cannot be read: missing, not a regular file, over its limit,
 * not UTF-8. A BOM and CRLF line endings are read as if they were not there.
 */
export async function readText(path: string, shown: string, limit: ReadLimit = readLimits.yaml): Promise<VFile> {
  const file = new VFile({path: shown})
  let bytes: Buffer
  try {
    const refused = await notReadable(path, limit)
    if (refused) return failed(file, refused.reason, refused.ruleId, {line: 1, column: 1})
    bytes = await readFile(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return failed(file, code === 'ENOENT' ? 'No such file' : `Cannot read: ${(error as Error).message}`, 'unreadable')
  }
  const invalid = firstInvalidUtf8(bytes)
  if (invalid !== -1) {
    const before = new TextDecoder().decode(bytes.subarray(0, invalid))
    const lines = before.split('\n')
    return failed(file, `Not UTF-8: invalid byte 0x${bytes[invalid]!.toString(16).padStart(2, '0')} at byte ${invalid}`, 'not-utf8', {
      line: lines.length,
      column: lines.at(-1)!.length + 1
    })
  }
  let text = new TextDecoder('utf-8', {ignoreBOM: false}).decode(bytes)
  text = text.replace(/\r\n?/g, '\n')
  file.value = text
  return file
}

function failed(file: VFile, reason: string, ruleId: string, place?: {line: number; column: number}): VFile {
  const message = file.message(reason, {place, ruleId, source})
  message.fatal = true
  return file
}

/** Index of the first byte that breaks UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const byte = bytes[i]!
    let need: number
    let min: number
    if (byte < 0x80) {
      i++
      continue
    } else if (byte >= 0xc2 && byte <= 0xdf) {
      need = 1
      min = 0x80
    } else if (byte >= 0xe0 && byte <= 0xef) {
      need = 2
      min = 0x800
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      need = 3
      min = 0x10000
    } else {
      return i
    }
    let code = byte & (0xff >> (need + 2))
    for (let k = 1; k <= need; k++) {
      const next = bytes[i + k]
      if (next === undefined || (next & 0xc0) !== 0x80) return i
      code = (code << 6) | (next & 0x3f)
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i
    i += need + 1
  }
  return -1
}
