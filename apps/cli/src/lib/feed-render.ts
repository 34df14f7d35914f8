import {readFile} from 'node:fs/promises'
import {join, relative} from 'node:path'
import {renderArtwork} from '@castline/cards'
import {rssFeed, type ShowInfo} from '@castline/render'
import {madeByCastline, showSite} from '@castline/site'
import {VFile} from 'vfile'
import {feedEntries, type RenderedFeed} from './feed.js'
import {serializeFiles} from './messages.js'

/**
 * The feed and the show's pages, made from every published episode's
 * episode.json in out/: what `publishFeed` writes. It loads the renderer, so
 * it runs where the builds run (a worker thread, or this one with
 * `--workers 0`). An index.html or sitemap.xml that Castline did not write
 * (out/ may be a website's folder) is never replaced.
 */
export async function renderFeed(out: string, show: ShowInfo): Promise<RenderedFeed> {
  const path = join(out, 'feed.xml')
  const file = new VFile({path: relative(process.cwd(), path) || path})
  const current = await feedEntries(out)
  for (const name of current.unreadable) {
    file.message(`\`${name}\` has no readable episode.json: left out of the feed`, {ruleId: 'unreadable-episode', source: 'castline'})
  }
  const done = (extra: Omit<RenderedFeed, 'file'>): RenderedFeed => ({file: serializeFiles([file])[0]!, ...extra})
  let xml: string
  try {
    xml = rssFeed([...current.entries.values()], show, file)
  } catch {
    return done({failed: file.messages.find((m) => m.fatal)?.reason ?? 'failed'})
  }
  // The artwork's sizes first, named by its hash (made again only when the show changed: the feed's
  // fingerprint holds the hash); the show's page names them only when they could be made.
  const artwork: Array<[string, Uint8Array]> = []
  let pages = show
  if (show.artwork) {
    try {
      artwork.push(...(await renderArtwork(await readFile(show.artwork.path))))
    } catch (error) {
      file.message(`Artwork \`${relative(process.cwd(), show.artwork.path)}\` cannot be used (${(error as Error).message.split('\n')[0]}): the show's page goes without it`, {ruleId: 'bad-artwork', source: 'castline-cards'})
      pages = {...show, artwork: undefined}
    }
  }
  // The show's public pages go with the feed: they list the same episodes.
  const site = showSite([...current.entries.values()], pages, file)
  for (const name of [...site.keys()]) {
    const existing = await readFile(join(out, name), 'utf8').catch(() => undefined)
    if (existing !== undefined && !madeByCastline(existing)) {
      site.delete(name)
      file.message(`\`${join(out, name)}\` was not written by Castline: left as it is, so the show has no ${{'index.html': 'home page', 'sitemap.xml': 'sitemap', 'robots.txt': 'robots.txt'}[name] ?? name} from this run. Move it away to have one`, {ruleId: 'foreign-file', source: 'castline'})
    }
  }
  return done({outputs: [['feed.xml', xml], ...site, ...artwork], episodes: (xml.match(/<item>/g) ?? []).length})
}
