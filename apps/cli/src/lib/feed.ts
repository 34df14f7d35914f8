import {createHash} from 'node:crypto'
import {mkdir, readdir, readFile, rename, rm, writeFile} from 'node:fs/promises'
import {dirname, join} from 'node:path'
import type {EpisodeData, ShowInfo} from '@castline/render'
import type {VFile} from 'vfile'
import {builtFrom} from './inputs.js'
import {deserializeFiles, type SerializedResult} from './messages.js'
import {describeFsError, terminalSafe} from './safe.js'

/** What the feed was last built from: written beside it once it is. */
export const feedRecord = '.feed.sha256'

/**
 * One episode's feed data from its episode.json, without the AST, which the
 * feed and the show's pages do not need, and with only the turns that hold a
 * quote and the turn after each: where a soundbite starts and ends.
 */
export function feedEntry(episodeJson: string): EpisodeData {
  const {tree: _tree, turns, speakers: _speakers, sections: _sections, ...data} = JSON.parse(episodeJson) as EpisodeData & {
    tree?: unknown
    speakers?: unknown
    sections?: unknown
  }
  const quoted = new Set(data.quotes.map((quote) => quote.turn))
  return {...data, turns: turns.filter((turn, index) => quoted.has(turn.id) || (index > 0 && quoted.has(turns[index - 1]!.id)))}
}

/**
 * The published episodes in out/: each folder publish-episode made (it
 * holds the record of its inputs), read for the feed; and what each was made
 * from, for the feed's fingerprint.
 */
export async function feedEntries(out: string): Promise<{entries: Map<string, EpisodeData>; made: Array<[string, string]>; unreadable: string[]}> {
  const entries = new Map<string, EpisodeData>()
  const unreadable: string[] = []
  const made = await publishedFolders(out)
  for (const [name] of made) {
    try {
      const found = feedEntry(await readFile(join(out, name, 'episode.json'), 'utf8'))
      entries.set(found.slug, found)
    } catch {
      unreadable.push(name)
    }
  }
  return {entries, made, unreadable}
}

/** The folders in out/ that publish-episode made, each with the record of what it was made from, in order. */
export async function publishedFolders(out: string): Promise<Array<[string, string]>> {
  const made: Array<[string, string]> = []
  const folders = await readdir(out, {withFileTypes: true}).catch(() => [])
  for (const entry of folders.filter((e) => e.isDirectory() && !e.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const inputs = await builtFrom(out, entry.name)
    if (inputs !== undefined) made.push([entry.name, inputs])
  }
  return made
}

export function feedFingerprint(show: ShowInfo, made: Array<[string, string]>): string {
  const hash = createHash('sha256').update(JSON.stringify(show))
  for (const [name, inputs] of made) hash.update(`\n${name}:${inputs}`)
  return hash.digest('hex')
}

/** feed.xml and the show's pages as `renderFeed` made them, where the pipeline is loaded. */
export interface RenderedFeed {
  file: SerializedResult['files'][number]
  /** Name and contents of each file to write (under out/); none when the feed failed. */
  outputs?: Array<[string, string | Uint8Array]>
  /** Why the feed was not made. */
  failed?: string
  episodes?: number
}

/**
 * Writes out/feed.xml and the show's pages from every published episode,
 * this run's and earlier ones, rendered by `renderFeed` (on a worker thread
 * when the builds ran on one: this thread never loads the pipeline), and
 * swaps them in only when they were all made without error.
 */
export async function publishFeed(out: string, rendered: RenderedFeed): Promise<{file: VFile; line: string; ok: boolean; status: string; episodes?: number}> {
  const path = join(out, 'feed.xml')
  const file = deserializeFiles([rendered.file])[0]!
  if (!rendered.outputs) return {file, line: `✖ feed.xml: not written; ${terminalSafe(rendered.failed ?? 'failed')}`, ok: false, status: 'failed'}
  const files = new Map(rendered.outputs)
  const temps = [...files.keys()].map((name) => join(out, `${name}.tmp-${process.pid}`))
  try {
    for (const folder of new Set([...files.keys()].map((name) => dirname(join(out, name))))) await mkdir(folder, {recursive: true})
    for (const [index, text] of [...files.values()].entries()) await writeFile(temps[index]!, text)
    for (const [index, name] of [...files.keys()].entries()) await rename(temps[index]!, join(out, name))
    await removeStaleArtwork(out, files)
  } catch (error) {
    for (const temp of temps) await rm(temp, {force: true}).catch(() => undefined)
    return {file, line: `✖ feed.xml: not written; ${terminalSafe(describeFsError(error, path))}`, ok: false, status: 'failed'}
  }
  const count = rendered.episodes ?? 0
  const artwork = [...files.keys()].filter((name) => name.startsWith('artwork/')).length
  const beside = [...[...files.keys()].filter((name) => name !== 'feed.xml' && !name.startsWith('artwork/')), ...(artwork ? [`artwork in ${artwork} sizes`] : [])].join(', ')
  return {file, line: `✔ feed.xml: ${count} episode${count === 1 ? '' : 's'} in ${terminalSafe(path)}${beside ? `; the show's ${beside} beside it` : ''}`, ok: true, status: 'written', episodes: count}
}

/** Sizes of an artwork the show no longer has (their names carry its old hash): the pages point only to this run's. */
async function removeStaleArtwork(out: string, written: Map<string, unknown>): Promise<void> {
  const names = await readdir(join(out, 'artwork')).catch(() => [] as string[])
  for (const name of names) {
    if (/^(?:cover|icon)-[0-9a-f]{10}-\d+\.(?:webp|png)$/.test(name) && !written.has(`artwork/${name}`)) await rm(join(out, 'artwork', name), {force: true})
  }
}
