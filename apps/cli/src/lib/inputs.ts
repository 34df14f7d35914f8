import {createHash} from 'node:crypto'
import {readFile, readdir} from 'node:fs/promises'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'
import {parseDocument} from 'yaml'
import {isRegularFile} from './read.js'
import type {EpisodeSource} from './sources.js'

const require = createRequire(import.meta.url)
const packages = ['@castline/config', '@castline/parse', '@castline/timed', '@castline/redact-ads', '@castline/summarize', '@castline/render', '@castline/site', '@castline/cards']

let fingerprint: Promise<string> | undefined

/**
 * What our own code is: each package's name, version and built files, and
 * this app's. A change to any of them rebuilds every episode, even when no
 * version was bumped.
 */
export function codeFingerprint(): Promise<string> {
  fingerprint ??= (async () => {
    const hash = createHash('sha256')
    // This app (found by its own name: bundled or not, this file may sit anywhere in dist/), then each package.
    const roots = [dirname(require.resolve('@castline/cli/package.json'))]
    for (const name of packages) roots.push(join(dirname(require.resolve(name)), '..'))
    for (const root of roots) {
      const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {name: string; version: string}
      hash.update(`${manifest.name}@${manifest.version}\n`)
      const dist = join(root, 'dist')
      const files = (await readdir(dist, {recursive: true, withFileTypes: true})).filter((e) => e.isFile() && e.name.endsWith('.js'))
      for (const entry of files.sort((a, b) => (join(a.parentPath, a.name) < join(b.parentPath, b.name) ? -1 : 1))) {
        hash.update(join(entry.parentPath, entry.name).slice(dist.length))
        hash.update(await readFile(join(entry.parentPath, entry.name)))
      }
    }
    return hash.digest('hex')
  })()
  return fingerprint
}

/**
 * Hashes what each episode's outputs are made from: its transcript,
 * episode.yaml, podcast.yaml, the logo and artwork podcast.yaml names, and our code. A
 * file that cannot be read hashes as missing: the build then says why. The
 * show's files are read and hashed once per hasher (one run), not once per
 * episode, as every episode of a show shares them. `code` is our code's
 * fingerprint (tests give their own: they run before the build); `flags` are
 * the command's options that change what is written (--ads-cut-from-audio).
 */
export function inputHasher(code: () => Promise<string> = codeFingerprint, flags: Record<string, boolean | string | number> = {}): (source: EpisodeSource) => Promise<string> {
  const flagText = JSON.stringify(Object.entries(flags).sort(([a], [b]) => (a < b ? -1 : 1)))
  const shows = new Map<string, Promise<string>>()
  const showHash = (podcast: string) => {
    let found = shows.get(podcast)
    if (!found) {
      found = (async () => {
        const hash = createHash('sha256')
        const text = await fileBytes(podcast)
        hash.update('podcast:').update(text ?? '<missing>')
        const document = text ? parseDocument(text.toString('utf8')) : undefined
        // The images it names: the cards' logo, and the artwork the pages show.
        for (const path of [['cards', 'logo'], ['artwork']]) {
          const image = document?.getIn(path)
          hash.update(`\n${path.join('.')}:`)
          if (typeof image === 'string') hash.update((await fileBytes(join(dirname(podcast), image))) ?? '<missing>')
        }
        return hash.digest('hex')
      })()
      shows.set(podcast, found)
    }
    return found
  }
  return async (source) => {
    const hash = createHash('sha256')
    hash.update(await code())
    hash.update('\nflags:').update(flagText)
    hash.update('\ntranscript:').update((await fileBytes(source.transcript)) ?? '<missing>')
    if (source.timed) hash.update('\ntimed:').update((await fileBytes(source.timed)) ?? '<missing>')
    // Audio that could not be heard: once it can be, the episode is built again.
    if (source.heard?.problem) hash.update('\naudio:').update(source.heard.problem.ruleId)
    hash.update('\nepisode:')
    if (source.episode) hash.update((await fileBytes(source.episode)) ?? '<missing>')
    hash.update('\nshow:')
    if (source.podcast) hash.update(await showHash(source.podcast))
    return hash.digest('hex')
  }
}

/** A regular file's bytes; anything else (a FIFO would block, a device never ends) hashes as missing, and the build says why. */
async function fileBytes(path: string): Promise<Buffer | undefined> {
  return (await isRegularFile(path)) ? readFile(path).catch(() => undefined) : undefined
}

/** The file in an episode's output folder that records what it was made from. */
export const inputsFile = '.inputs.sha256'

export async function builtFrom(out: string, slug: string): Promise<string | undefined> {
  try {
    return (await readFile(join(out, slug, inputsFile), 'utf8')).trim()
  } catch {
    return undefined
  }
}
