import {createHash} from 'node:crypto'
import {readdir, readFile, rename, rm, writeFile} from 'node:fs/promises'
import {join, relative} from 'node:path'
import {type EpisodeData, madeByCastline, rssFeed, type ShowInfo, showSite} from '@castline/render'
import {VFile} from 'vfile'
import {builtFrom} from './inputs.js'
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
  const made: Array<[string, string]> = []
  const unreadable: string[] = []
  const folders = await readdir(out, {withFileTypes: true}).catch(() => [])
  for (const entry of folders.filter((e) => e.isDirectory() && !e.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const inputs = await builtFrom(out, entry.name)
    if (inputs === undefined) continue
    made.push([entry.name, inputs])
    try {
      const json = await readFile(join(out, entry.name, 'episode.json'), 'utf8')
      const found = feedEntry(json)
      entries.set(found.slug, found)
    } catch {
      unreadable.push(entry.name)
    }
  }
  return {entries, made, unreadable}
}

export function feedFingerprint(show: ShowInfo, made: Array<[string, string]>): string {
  const hash = createHash('sha256').update(JSON.stringify(show))
  for (const [name, inputs] of made) hash.update(`\n${name}:${inputs}`)
  return hash.digest('hex')
}

/**
 * Rebuilds out/feed.xml from every published episode in out/, this run's and
 * earlier ones, and swaps it in only when it was built without error.
 */
export async function publishFeed(out: string, show: ShowInfo, current: Awaited<ReturnType<typeof feedEntries>>): Promise<{file: VFile; line: string; ok: boolean; status: string; episodes?: number}> {
  const path = join(out, 'feed.xml')
  const file = new VFile({path: relative(process.cwd(), path) || path})
  for (const name of current.unreadable) {
    file.message(`\`${name}\` has no readable episode.json: left out of the feed`, {ruleId: 'unreadable-episode', source: 'castline'})
  }
  let xml: string
  try {
    xml = rssFeed([...current.entries.values()], show, file)
  } catch {
    return {file, line: `✖ feed.xml: not written; ${terminalSafe(file.messages.find((m) => m.fatal)?.reason ?? 'failed')}`, ok: false, status: 'failed'}
  }
  // The show's public pages go with the feed: they list the same episodes.
  // An index.html or sitemap.xml that Castline did not write (out/ may be a
  // website's folder) is never replaced.
  const site = showSite([...current.entries.values()], show, file)
  for (const name of [...site.keys()]) {
    const existing = await readFile(join(out, name), 'utf8').catch(() => undefined)
    if (existing !== undefined && !madeByCastline(existing)) {
      site.delete(name)
      file.message(`\`${join(out, name)}\` was not written by Castline: left as it is, so the show has no ${name === 'index.html' ? 'home page' : 'sitemap'} from this run. Move it away to have one`, {ruleId: 'foreign-file', source: 'castline'})
    }
  }
  const files = new Map([['feed.xml', xml], ...site])
  const temps = [...files.keys()].map((name) => join(out, `${name}.tmp-${process.pid}`))
  try {
    for (const [index, text] of [...files.values()].entries()) await writeFile(temps[index]!, text)
    for (const [index, name] of [...files.keys()].entries()) await rename(temps[index]!, join(out, name))
  } catch (error) {
    for (const temp of temps) await rm(temp, {force: true}).catch(() => undefined)
    return {file, line: `✖ feed.xml: not written; ${terminalSafe(describeFsError(error, path))}`, ok: false, status: 'failed'}
  }
  const count = (xml.match(/<item>/g) ?? []).length
  const beside = [...site.keys()].join(', ')
  return {file, line: `✔ feed.xml: ${count} episode${count === 1 ? '' : 's'} in ${terminalSafe(path)}${beside ? `; the show's ${beside} beside it` : ''}`, ok: true, status: 'written', episodes: count}
}
