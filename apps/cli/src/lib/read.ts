import {readFile, stat} from 'node:fs/promises'
import {VFile} from 'vfile'

const source = 'castline'

/**
 * Reads a text file into a VFile, or a VFile holding one fatal message that
 * says why it cannot be read: missing, a directory, not UTF-8. A BOM and CRLF
 * line endings are read as if they were not there.
 */
export async function readText(path: string, shown: string): Promise<VFile> {
  const file = new VFile({path: shown})
  let bytes: Buffer
  try {
    const info = await stat(path)
    if (info.isDirectory()) return failed(file, 'Expected a file, found a directory', 'not-a-file')
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
