import {createHash} from 'node:crypto'
import {readFile, readdir} from 'node:fs/promises'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseDocument} from 'yaml'
import type {EpisodeSource} from './sources.js'

const require = createRequire(import.meta.url)
const packages = ['@castline/parse', '@castline/redact-ads', '@castline/summarize', '@castline/render', '@castline/cards']

let fingerprint: Promise<string> | undefined

/**
 * What our own code is: each package's name, version and built files, and
 * this app's. A change to any of them rebuilds every episode, even when no
 * version was bumped.
 */
export function codeFingerprint(): Promise<string> {
  fingerprint ??= (async () => {
    const hash = createHash('sha256')
    // This app (dist/lib/inputs.js is two folders down), then each package.
    const roots = [fileURLToPath(new URL('../..', import.meta.url))]
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
 * The hash of everything an episode's outputs are made from: its transcript,
 * episode.yaml, podcast.yaml, the logo podcast.yaml names, and our code.
 * A file that cannot be read hashes as missing: the build then says why.
 */
export async function inputHash(source: EpisodeSource): Promise<string> {
  const hash = createHash('sha256')
  hash.update(await codeFingerprint())
  const add = async (label: string, path: string | undefined) => {
    hash.update(`\n${label}:`)
    if (!path) return
    try {
      hash.update(await readFile(path))
    } catch {
      hash.update('<missing>')
    }
  }
  await add('transcript', source.transcript)
  await add('episode', source.episode)
  await add('podcast', source.podcast)
  if (source.podcast) await add('logo', await logoOf(source.podcast))
  return hash.digest('hex')
}

const logoPaths = new Map<string, Promise<string | undefined>>()

/** The logo a podcast.yaml names, looked up once per run: every episode of a show shares it. */
function logoOf(podcast: string): Promise<string | undefined> {
  let found = logoPaths.get(podcast)
  if (!found) {
    found = readFile(podcast, 'utf8').then(
      (text) => {
        const logo = parseDocument(text).getIn(['cards', 'logo'])
        return typeof logo === 'string' ? join(dirname(podcast), logo) : undefined
      },
      // An unreadable podcast.yaml is hashed as missing and reported by the build.
      () => undefined
    )
    logoPaths.set(podcast, found)
  }
  return found
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
