import type {EpisodeData, ShowInfo} from '@castline/render'
import {SaxesParser} from 'saxes'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {episodePage} from './episode-page.js'
import {playerScript} from './player.js'
import {shortened} from './public.js'
import {showSite} from './show.js'

const show: ShowInfo = {
  title: 'Moonshots',
  link: 'https://example.com/show',
  description: 'About the future.',
  language: 'zh',
  author: 'Peter',
  owner: {name: 'Production', email: 'owner@example.com'},
  image: 'https://example.com/art.jpg',
  categories: ['Technology'],
  explicit: false,
  baseUrl: 'https://example.com/episodes/'
}

/** A two-turn Chinese episode with audio, as episode.json holds it. */
function episode(overrides: Partial<EpisodeData> = {}, facts: Partial<EpisodeData['episode']> = {}): EpisodeData {
  const turn = (id: string, name: string, person: string, seconds: number, text: string) => ({id, speaker: {name, person}, start: {seconds, estimated: true}, text})
  return {
    slug: 'ep-1',
    title: '奇点已至',
    language: 'zh',
    summary: '我们正身处奇点之中。',
    episode: {number: 1, published: '2025-12-23', audio: {url: 'https://example.com/ep1.mp3', length: 1234, type: 'audio/mpeg'}, duration: 3600, ...facts},
    people: [{id: 'elon', name: 'Elon Musk', role: 'guest'}],
    chapters: [
      {startTime: 0, estimated: true, title: '预告', firstTurn: 't1', lastTurn: 't1', by: 'castline'},
      {startTime: 60, estimated: true, title: '能源与太阳能', firstTurn: 't2', lastTurn: 't2', by: 'castline'}
    ],
    quotes: [],
    turns: [turn('t1', 'Peter Diamandis', 'peter', 0, '欢迎收听。'), turn('t2', 'Elon Musk', 'elon', 60, '我们正身处奇点之中。')],
    timing: {estimated: true, duration: 120},
    sponsors: [],
    redactions: [],
    links: [],
    ...overrides
  } as EpisodeData
}

/** The `<loc>` of every `<url>` in a sitemap, read with a strict XML parser. */
function locations(xml: string): string[] {
  const found: string[] = []
  let inside = false
  const parser = new SaxesParser({xmlns: true})
  parser.on('opentag', (tag) => {
    inside = tag.local === 'loc'
    if (inside) found.push('')
  })
  parser.on('text', (text) => {
    if (inside) found[found.length - 1] += text
  })
  parser.on('closetag', () => {
    inside = false
  })
  parser.write(xml).close()
  return found
}

describe('the public site', () => {
  const carded = episode({
    quotes: [
      {text: '第一句。', speaker: 'Elon Musk', person: 'elon', turn: 't1', chapter: 0, score: 0.4, by: 'castline'},
      {text: '我们正身处奇点之中。', speaker: 'Elon Musk', person: 'elon', turn: 't2', chapter: 1, score: 0.9, by: 'castline'}
    ],
    cards: [
      {file: 'cards/quote-01-landscape.png', quote: 0, size: 'landscape', alt: 'first'},
      {file: 'cards/quote-02-landscape.png', quote: 1, size: 'landscape', alt: 'best'},
      {file: 'cards/quote-02-square.png', quote: 1, size: 'square', alt: 'best'}
    ]
  })
  const page = episodePage(carded, show)
  const meta = (property: string) => new RegExp(`<meta (?:property|name)="${property}" content="([^"]*)"`).exec(page)?.[1]

  it('shares the best quote’s landscape card, with absolute addresses', () => {
    expect(meta('og:image')).toBe('https://example.com/episodes/ep-1/cards/quote-02-landscape.png')
    expect(meta('og:url')).toBe('https://example.com/episodes/ep-1/')
    expect(meta('twitter:card')).toBe('summary_large_image')
    expect(meta('og:audio')).toBe('https://example.com/ep1.mp3')
  })

  it('describes the episode to search engines as a schema.org PodcastEpisode', () => {
    const data = JSON.parse(/<script type="application\/ld\+json">([^<]*)<\/script>/.exec(page)![1]!)
    expect(data).toMatchObject({
      '@type': 'PodcastEpisode',
      name: '奇点已至',
      url: 'https://example.com/episodes/ep-1/',
      datePublished: '2025-12-23',
      episodeNumber: 1,
      timeRequired: 'PT1H0M0S',
      associatedMedia: {contentUrl: 'https://example.com/ep1.mp3'},
      partOfSeries: {'@type': 'PodcastSeries', name: 'Moonshots'}
    })
    // Nothing in the data can close the script element early.
    expect(JSON.parse(/<script type="application\/ld\+json">([^<]*)<\/script>/.exec(episodePage(episode({title: '</script><script>alert(1)'}), show))![1]!).name).toBe('</script><script>alert(1)')
  })

  it('links times to the audio at that second, and without audio to the transcript; never to the review page', () => {
    expect(page).toContain('<a href="https://example.com/ep1.mp3#t=60" data-seek="60"')
    const silent = episodePage(episode({}, {audio: undefined}), show)
    expect(silent).not.toContain('<audio')
    expect(silent).not.toContain('data-seek')
    expect(silent).toContain('<a href="#chapter-2"><time datetime="PT1M0S">00:01:00</time></a>')
    expect(page + silent).not.toContain('review')
  })

  it('lists published episodes newest first on the show’s page, with the feed for apps to find', () => {
    const older = episode({slug: 'ep-0', title: 'Older'}, {published: '2025-01-01', guid: 'g0'})
    const draft = episode({slug: 'draft', title: 'Draft'}, {published: undefined, guid: 'g2'})
    const file = new VFile()
    const site = showSite([older, episode(), draft], show, file)
    const home = site.get('index.html')!
    expect([...home.matchAll(/<h3><a href="([^"]+)">/g)].map((m) => m[1])).toEqual(['ep-1/index.html', 'ep-0/index.html'])
    expect(home).toContain('<link rel="alternate" type="application/rss+xml" title="Moonshots" href="https://example.com/episodes/feed.xml">')
    expect(locations(site.get('sitemap.xml')!)).toEqual([
      'https://example.com/episodes/',
      'https://example.com/episodes/ep-1/',
      'https://example.com/episodes/ep-0/'
    ])
    expect(showSite([episode()], {...show, baseUrl: undefined}, file).has('sitemap.xml')).toBe(false)
    expect(file.messages.map((m) => m.ruleId)).toEqual(['no-base-url'])
  })

})

describe('what social platforms and browsers read', () => {
  it('says the script and locale of a Chinese page, keeps X’s description within 200 characters, and does not preload the audio', () => {
    const summary = `${'埃隆·马斯克谈人工智能的时间表与中美之间的竞争。'.repeat(12)}`
    const page = episodePage(episode({summary}), show)
    expect(page).toContain('<html lang="zh-Hans">')
    expect(page).toContain('<meta property="og:locale" content="zh_CN">')
    const description = /<meta name="twitter:description" content="([^"]*)">/.exec(page)![1]!
    expect([...description].length).toBeLessThanOrEqual(200)
    expect(description.endsWith('。')).toBe(true)
    const og = /<meta property="og:description" content="([^"]*)">/.exec(page)![1]!
    expect([...og].length).toBeLessThanOrEqual(300)
    expect(og.endsWith('。')).toBe(true)
    expect(page).not.toContain('twitter:site')
    expect(episodePage(episode(), {...show, twitter: '@moonshots'})).toContain('<meta name="twitter:site" content="@moonshots">')
    expect(page).toContain('preload="none"')
    expect(page).not.toContain('preload="metadata"')
    expect(shortened('A short one.', 200)).toBe('A short one.')
    expect(shortened(`${'word '.repeat(60)}end`, 40)).toMatch(/^(?:word ){6}word…$/)
  })
})

describe('hostile text on the public page', () => {
  it('shows it as text: no markup from the transcript, no script but its own, no javascript: link', () => {
    const evil = '<script>alert(1)</script> & ]]> "quoted"'
    const page = episodePage(episode({title: `Title ${evil}`, summary: `Summary ${evil}`, links: ['javascript:alert(1)'], turns: [{id: 't1', speaker: {name: `Host ${evil}`}, start: {seconds: 0, estimated: true}, text: `Hello ${evil}`}]}), show)
    // Its own two: the player's script, and structured data that no `<` can end early.
    const html = page.replace(`<script>${playerScript}</script>`, '').replace(/<script type="application\/ld\+json">[^<]*<\/script>/, '')
    expect(html.replace(/="[^"]*"/g, '=""')).not.toMatch(/<script/i)
    expect(html).toContain('&#x3C;script>')
    expect(html).not.toMatch(/href="javascript:/i)
  })
})
