import {homedir} from 'node:os'
import {dirname, isAbsolute, join, parse, relative, resolve, sep} from 'node:path'
import {realpathSync} from 'node:fs'

// Text and paths that come from outside (transcripts, YAML, the command
// line) before they reach the terminal or the file system.

/**
 * Text safe to print on a terminal: C0 and C1 control characters (ESC among
 * them, so no escape sequence), DEL and bidirectional overrides are shown as
 * `\u{…}` instead of acting on the terminal. Newlines and tabs stay.
 */
export function terminalSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`)
}

const fsAdvice: Record<string, string> = {
  ENOSPC: 'no space left on the device; free some space and run again',
  EDQUOT: 'the disk quota is used up; free some space and run again',
  EROFS: 'the file system is read-only; choose another --out',
  EACCES: 'permission denied; check the owner and permissions, or choose another --out',
  EPERM: 'operation not permitted; check the owner and permissions, or choose another --out',
  EEXIST: 'a file stands where a folder is needed; move it away or choose another --out',
  ENOTDIR: 'a file stands where a folder is needed; move it away or choose another --out',
  EISDIR: 'a folder stands where a file is needed; move it away',
  EMFILE: 'too many open files; raise the limit (ulimit -n) or use fewer --jobs',
  ENFILE: 'too many open files on the system; use fewer --jobs',
  ENAMETOOLONG: 'the path is too long; choose a shorter --out',
  ELOOP: 'too many symbolic links in the path',
  EBUSY: 'the path is busy; close what holds it and run again'
}

/** A file-system error as one line: the path, what happened and what to do. */
export function describeFsError(error: unknown, path: string): string {
  const {code, message} = error as NodeJS.ErrnoException
  const advice = code ? fsAdvice[code] : undefined
  if (advice) return `cannot write ${path}: ${advice} (${code})`
  return `cannot write ${path}: ${String(message ?? error).split('\n')[0]}`
}

/** Whether `inner` is `outer` or inside it. */
export function isWithin(inner: string, outer: string): boolean {
  const rel = relative(outer, inner)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

/** The real path of `path`, resolving symbolic links in the part of it that exists. */
export function realPath(path: string): string {
  const absolute = resolve(path)
  const rest: string[] = []
  let at = absolute
  for (;;) {
    try {
      return join(realpathSync.native(at), ...rest.reverse())
    } catch {
      const parent = dirname(at)
      if (parent === at) return absolute
      rest.push(at.slice(parent.length).replace(/^[/\\]+/, ''))
      at = parent
    }
  }
}

/**
 * Why `out` must not receive outputs, or undefined when it may: outputs
 * replace whole folders, so `out` must not be the root, a home folder, the
 * content folder or inside it, or a folder that holds any input.
 */
export function refuseOutput(out: string, content: string | undefined, inputs: string[]): string | undefined {
  const target = realPath(out)
  if (parse(target).root === target) return `--out ${out} is the root of the file system; choose a folder of its own, such as out/`
  const homes = new Set([realPath(homedir()), '/root'])
  if (homes.has(target) || dirname(target) === `${sep}home` || target === `${sep}home`) {
    return `--out ${out} is a home folder; choose a folder of its own, such as out/`
  }
  if (content) {
    const folder = realPath(content)
    if (isWithin(target, folder)) return `--out ${out} is the content folder ${content} or inside it; outputs would replace your sources. Choose a folder outside it, such as out/`
  }
  for (const input of inputs) {
    if (isWithin(realPath(input), target)) return `--out ${out} holds an input, ${input}; outputs would replace it. Choose a folder that holds no transcript or YAML, such as out/`
  }
  return undefined
}

/** Bytes a name may take on Linux (ext4) and macOS (APFS), and a whole path on Linux. */
export const nameBytes = 255
export const pathBytes = 4095
// `/.<slug>.tmp-XXXXXX.old/` around a slug, and room for the longest output's name (`cards/quote-01-landscape-<10 hex>.png`, 39).
const besideSlug = 17 + 48

/**
 * Paths publish could not write, found before anything is read: a name in
 * --out longer than a file system takes, or an episode's outputs whose
 * whole path would be longer than Linux's limit.
 */
export function refuseLongPaths(out: string, slugs: string[]): string | undefined {
  const target = resolve(out)
  const long = target.split(sep).find((name) => Buffer.byteLength(name) > nameBytes)
  if (long !== undefined) return `--out ${out} has a name of ${Buffer.byteLength(long)} bytes; file systems take at most ${nameBytes}. Choose a shorter --out`
  const longest = Math.max(0, ...slugs.map((slug) => Buffer.byteLength(slug)))
  const bytes = Buffer.byteLength(target) + longest + besideSlug
  if (bytes > pathBytes) return `--out ${out} is ${Buffer.byteLength(target)} bytes long: an episode's outputs inside it would take ${bytes}, over Linux's ${pathBytes}. Choose a shorter --out`
  return undefined
}
