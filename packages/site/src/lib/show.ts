import {DOMImplementation, XMLSerializer} from '@xmldom/xmldom'
import {h} from 'hastscript'
import type {VFile} from 'vfile'
import {durationLabel} from './episode-page.js'
import type {EpisodeData, ShowInfo} from '@castline/render'
import {episodePageUrl, htmlDocument, outputUrl, publishedEpisodes, words, xmlSafe} from '@castline/render'
import {artwork, displayDate, feedHref, icons, jsonLd, publicCsp, publicStyle, socialTags} from './public.js'

/**
 * The show's own files at the top of out/: its home page, and a sitemap
 * when the show has a base URL (a sitemap holds only absolute addresses).
 * They list what the feed lists: published episodes, newest first.
 */
export function showSite(episodes: EpisodeData[], show: ShowInfo, file: VFile): Map<string, string> {
  const listed = publishedEpisodes(episodes)
  const site = new Map([['index.html', showPage(listed, show)]])
  if (show.baseUrl) {
    site.set('sitemap.xml', sitemap(listed, show))
    site.set('robots.txt', robots(show))
  } else file.info('No `baseUrl` in podcast.yaml: no sitemap.xml, and pages carry no absolute links for sharing', {ruleId: 'no-base-url', source: 'castline-site'})
  return site
}

/**
 * The show's home page: its art and description, where to subscribe (the
 * feed first; podcast apps and browsers find it through the page's
 * `<link rel="alternate">` too), and every published episode, newest first.
 */
export function showPage(episodes: EpisodeData[], show: ShowInfo): string {
  const lang = show.language.toLowerCase().startsWith('zh') ? 'zh' : 'en'
  const w = words(lang)
  const home = outputUrl(show)
  const structured = jsonLd({
    '@context': 'https://schema.org',
    '@type': 'PodcastSeries',
    name: xmlSafe(show.title),
    description: xmlSafe(show.description),
    url: show.link,
    image: show.image,
    inLanguage: show.language,
    author: {'@type': 'Person', name: xmlSafe(show.author)},
    webFeed: feedHref(show, false)
  })
  return htmlDocument(
    {
      lang: show.language,
      title: xmlSafe(show.title),
      csp: publicCsp({image: show.artwork ? undefined : show.image, scripts: [structured]}),
      style: publicStyle,
      extra: [
        ...icons(show, ''),
        h('meta', {name: 'description', content: xmlSafe(show.description)}),
        home ? h('link', {rel: 'canonical', href: home}) : null,
        h('link', {rel: 'alternate', type: 'application/rss+xml', title: xmlSafe(show.title), href: feedHref(show, false)}),
        ...socialTags({twitter: show.twitter, title: xmlSafe(show.title), description: xmlSafe(show.description), url: home, image: {url: show.image, alt: `${xmlSafe(show.title)} ${w.cover}`}, site: xmlSafe(show.title), language: show.language}),
        h('script', {type: 'application/ld+json'}, structured)
      ]
    },
    h('body', [
      h('a.skip', {href: '#main'}, w.skip),
      h('div.page', [
        h('header', [
          artwork(show, '', 160, `${xmlSafe(show.title)} ${w.cover}`),
          h('h1', xmlSafe(show.title)),
          h('p', xmlSafe(show.description)),
          h('nav', {ariaLabel: w.subscribe}, [
            h('h2', w.subscribe),
            h('ul', [
              h('li', h('a', {href: feedHref(show, false), type: 'application/rss+xml'}, w.feed)),
              ...(show.subscribe ?? []).map((place) => h('li', h('a', {href: place.url}, xmlSafe(place.name))))
            ])
          ])
        ]),
        h('main#main', [
          h('h2', w.episodes),
          episodes.length === 0
            ? h('p', w.noEpisodes)
            : h(
              'ol.episodes',
              episodes.map((episode) =>
                h('li', [
                  h('article', [
                    h('h3', h('a', {href: `${encodeURIComponent(episode.slug)}/index.html`}, xmlSafe(episode.title))),
                    h('p.meta', [
                      h('time', {dateTime: episode.episode.published!.slice(0, 10)}, displayDate(episode.episode.published!, lang)),
                      episode.episode.duration ? ` · ${durationLabel(episode.episode.duration, lang)}` : null
                    ]),
                    episode.summary ? h('p', xmlSafe(episode.summary)) : null
                  ])
                ])
              )
            )
        ]),
        h('footer', h('p', xmlSafe(show.author)))
      ])
    ])
  )
}

const sitemapNamespace = 'http://www.sitemaps.org/schemas/sitemap/0.9'

/** Marks a sitemap as ours, as the pages' generator tag marks them. */
const madeBy = '<!-- generator: Castline -->'

/** Whether a file at the top of out/ was written by Castline, and so may be replaced. */
export function madeByCastline(text: string): boolean {
  return text.includes('<meta name="generator" content="Castline">') || text.includes(madeBy) || text.startsWith(robotsMark)
}

const robotsMark = '# generator: Castline'

/**
 * robots.txt: where the sitemap is, and that no review page is to be
 * crawled (none is linked, and each says `noindex`, but a guessed address
 * would be fetched). Paths are the host's, under the show's base URL.
 */
export function robots(show: ShowInfo): string {
  const base = new URL(outputUrl(show)!)
  const path = base.pathname.replace(/\/+$/, '')
  return [
    robotsMark,
    '# Crawlers read robots.txt only at the root of a host: if the show lives under a path, copy these lines into the host’s own.',
    'User-agent: *',
    `Disallow: ${path}/*/review.html`,
    `Sitemap: ${outputUrl(show, 'sitemap.xml')}`,
    ''
  ].join('\n')
}

/** sitemap.xml: the home page and each published episode's page, with its date. */
export function sitemap(episodes: EpisodeData[], show: ShowInfo): string {
  const doc = new DOMImplementation().createDocument(sitemapNamespace, 'urlset', null)
  const root = doc.documentElement!
  const url = (loc: string, lastmod?: string) => {
    const entry = doc.createElementNS(sitemapNamespace, 'url')
    const location = doc.createElementNS(sitemapNamespace, 'loc')
    location.appendChild(doc.createTextNode(loc))
    entry.appendChild(location)
    if (lastmod) {
      const modified = doc.createElementNS(sitemapNamespace, 'lastmod')
      modified.appendChild(doc.createTextNode(lastmod))
      entry.appendChild(modified)
    }
    root.appendChild(doc.createTextNode('\n  '))
    root.appendChild(entry)
  }
  url(outputUrl(show)!, episodes[0]?.episode.published?.slice(0, 10))
  for (const episode of episodes) url(episodePageUrl(show, episode.slug)!, episode.episode.published!.slice(0, 10))
  root.appendChild(doc.createTextNode('\n'))
  return `<?xml version="1.0" encoding="UTF-8"?>\n${madeBy}\n${new XMLSerializer().serializeToString(doc)}\n`
}
