import {SaxesParser} from 'saxes'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {itemGuid, podcastGuid, rssFeed, rssItem} from './feed.js'
import {reviewPage} from './page.js'
import {renderEpisode} from './render.js'
import {showNotes, showNotesHtml, showNotesMarkdown} from './show-notes.js'
import {captionFaults, captions} from './captions.js'
import {transcriptJson, transcriptVtt} from './transcripts.js'
import type {EpisodeData, ShowInfo} from './types.js'

const show: ShowInfo = {
  title: 'Moonshots',
  link: 'https://example.com/show',
  description: 'About the future.',
  language: 'zh',
  author: 'Peter',
  owner: {name: 'Production', email: 'owner@example.com'},
  image: 'https://example.com/art.jpg',
  categories: [{text: 'Technology'}, {text: 'Science', sub: 'Natural Sciences'}, 'Education'],
  explicit: false,
  baseUrl: 'https://example.com/episodes/',
  locked: true,
  sponsorCredit: '本期节目由 {sponsors} 赞助播出。'
}

function episode(overrides: Partial<EpisodeData> = {}, facts: Partial<EpisodeData['episode']> = {}): EpisodeData {
  return {
    slug: 'ep-1',
    title: '奇点已至',
    language: 'zh',
    summary: '我们正身处奇点之中。',
    episode: {number: 1, season: 2, published: '2025-12-23', episodeType: 'full', audio: {url: 'https://example.com/ep1.mp3', length: 1234, type: 'audio/mpeg'}, duration: 3600, ...facts},
    people: [
      {id: 'peter', name: 'Peter Diamandis', role: 'host', href: 'https://diamandis.com'},
      {id: 'elon', name: 'Elon Musk', role: 'guest'}
    ],
    chapters: [
      {startTime: 0, estimated: true, title: '预告', firstTurn: 't1', lastTurn: 't1', by: 'castline'},
      {startTime: 60, estimated: true, title: '能源与太阳能', firstTurn: 't2', lastTurn: 't2', by: 'producer'}
    ],
    quotes: [{text: '我们正身处奇点之中。', speaker: 'Elon Musk', person: 'elon', turn: 't2', chapter: 1, score: 0.9, by: 'castline'}],
    turns: [
      {id: 't1', speaker: {name: 'Peter Diamandis', person: 'peter', role: 'host'}, start: {seconds: 0, estimated: true}, text: '欢迎收听。'},
      {id: 't2', speaker: {name: 'Elon Musk', person: 'elon', role: 'guest'}, start: {seconds: 60, estimated: true}, text: '我们正身处奇点之中。\n\n第二段。'}
    ],
    timing: {estimated: true, duration: 120},
    sponsors: ['Metatrends'],
    redactions: [{kind: 'break', sponsor: 'metatrends', marker: '广告时间：Metatrends', text: '', position: {start: {line: 10, column: 1}}}],
    links: ['https://example.com/paper'],
    ...overrides
  }
}

/** Parses XML strictly, with namespaces: an unbound prefix or a bad character throws. */
function parseXml(xml: string) {
  const parser = new SaxesParser({xmlns: true})
  const elements: Array<{name: string; attributes: Record<string, string>; text: string; path: string}> = []
  const stack: typeof elements = []
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {}
    for (const [name, attribute] of Object.entries(tag.attributes)) attributes[name] = typeof attribute === 'string' ? attribute : attribute.value
    const element = {name: tag.name, attributes, text: '', path: [...stack.map((e) => e.name), tag.name].join('/')}
    elements.push(element)
    stack.push(element)
  })
  parser.on('text', (text) => {
    if (stack.length) stack.at(-1)!.text += text
  })
  parser.on('cdata', (text) => {
    if (stack.length) stack.at(-1)!.text += text
  })
  parser.on('closetag', () => {
    stack.pop()
  })
  parser.write(xml).close()
  const find = (path: string) => elements.filter((e) => e.path === path || e.path.endsWith(`/${path}`))
  return {elements, find, one: (path: string) => find(path)[0]}
}

describe('the feed', () => {
  const file = new VFile()
  const xml = rssFeed([episode(), episode({slug: 'ep-0', title: 'Older'}, {guid: 'older', published: '2025-01-01', number: 0})], show, file)
  const feed = parseXml(xml)

  it('is well-formed, namespace-correct XML with Apple’s required channel tags', () => {
    for (const path of ['channel/title', 'channel/description', 'channel/language', 'channel/link']) expect(feed.one(path)?.text.trim()).toBeTruthy()
    expect(feed.one('channel/itunes:image')?.attributes.href).toBe(show.image)
    expect(feed.one('channel/itunes:explicit')?.text).toBe('false')
    expect(feed.one('channel/itunes:type')?.text).toBe('episodic')
    expect(feed.one('channel/itunes:author')?.text).toBe('Peter')
    expect(feed.one('itunes:owner/itunes:name')?.text).toBe('Production')
    expect(feed.one('itunes:owner/itunes:email')?.text).toBe('owner@example.com')
  })

  it('writes categories with the `text` attribute Apple reads (feed 6 writes text nodes)', () => {
    const top = feed.find('channel/itunes:category')
    expect(top.map((c) => c.attributes.text)).toEqual(['Technology', 'Science', 'Education'])
    expect(top.every((c) => c.text.trim() === '')).toBe(true)
    expect(feed.one('itunes:category/itunes:category')?.attributes.text).toBe('Natural Sciences')
  })

  it('declares the podcast namespace it uses (feed 6 declares none)', () => {
    expect(xml).toMatch(/<rss [^>]*xmlns:podcast="https:\/\/podcastindex\.org\/namespace\/1\.0"/)
    expect(feed.one('channel/podcast:guid')?.text).toBe(podcastGuid('https://example.com/episodes/feed.xml'))
    expect(feed.one('channel/podcast:locked')).toMatchObject({text: 'yes', attributes: {owner: 'owner@example.com'}})
    // PSP-1: on every feed, 'no' when the show does not lock it.
    const {locked: _locked, ...open} = show
    expect(rssFeed([episode()], open, new VFile())).toMatch(/<podcast:locked owner="owner@example.com">no<\/podcast:locked>/)
  })

  it('puts closing tags on their own lines', () => {
    expect(xml).toMatch(/\n {8}<\/item>\n/)
    expect(xml).toMatch(/\n {4}<\/channel>\n<\/rss>/)
  })

  it('computes podcast:guid as the spec does', () => {
    // The example of the Podcasting 2.0 namespace document.
    expect(podcastGuid('https://mp3s.nashownotes.com/pc20rss.xml')).toBe('917393e3-1b1e-5cef-ace4-edaa54e1f810')
    expect(podcastGuid('mp3s.nashownotes.com/pc20rss.xml/')).toBe('917393e3-1b1e-5cef-ace4-edaa54e1f810')
  })

  it('lists episodes newest first, each with every tag apps need', () => {
    const items = feed.find('channel/item')
    expect(items).toHaveLength(2)
    expect(feed.find('item/title').map((t) => t.text)).toEqual(['奇点已至', 'Older'])
    const first = (path: string) => feed.find(`item/${path}`)[0]
    expect(first('enclosure')?.attributes).toEqual({url: 'https://example.com/ep1.mp3', length: '1234', type: 'audio/mpeg'})
    expect(first('guid')?.text).toBe(itemGuid(episode(), show))
    expect(first('pubDate')?.text).toBe('Tue, 23 Dec 2025 00:00:00 GMT')
    expect(first('description')?.text).toBe('我们正身处奇点之中。')
    expect(first('content:encoded')?.text).toContain('<p><strong>章节</strong></p>')
    expect(first('itunes:duration')?.text).toBe('3600')
    expect(first('itunes:episode')?.text).toBe('1')
    expect(first('itunes:season')?.text).toBe('2')
    expect(first('itunes:episodeType')?.text).toBe('full')
    expect(first('itunes:image')?.attributes.href).toBe(show.image)
    // Times here are estimated: no chapters or captions apps would seek by (see 'honest times').
    expect(first('podcast:chapters')).toBeUndefined()
    expect(feed.find('item/podcast:transcript').slice(0, 1).map((t) => t.attributes.type)).toEqual(['text/html'])
    expect(feed.find('item/podcast:person').slice(0, 2).map((p) => [p.attributes.role, p.text])).toEqual([
      ['Host', 'Peter Diamandis'],
      ['Guest', 'Elon Musk']
    ])
  })

  it('gives every item its explicit flag, season and number in both namespaces, and declares only what it uses', () => {
    expect(feed.find('item/itunes:explicit').map((e) => e.text)).toEqual(['false', 'false'])
    expect(feed.find('item/podcast:season')[0]?.text).toBe('2')
    expect(feed.find('item/podcast:episode')[0]?.text).toBe('1')
    expect(feed.one('channel/copyright')?.text).toBe('Peter')
    expect(xml).not.toMatch(/xmlns:(?:dc|googleplay)=|googleplay:/)
  })

  it('keeps itunes:duration however often it is built (feed 6 drops it on a second rss2() call)', () => {
    const again = rssFeed([episode()], show, new VFile())
    expect(rssFeed([episode()], show, new VFile())).toBe(again)
    expect(parseXml(again).one('item/itunes:duration')?.text).toBe('3600')
  })

  it('gives apps notes in the markup they all render: p, ul, ol, li, a and strong, without the title again', () => {
    const notes = parseXml(rssFeed([episode()], show, new VFile())).one('item/content:encoded')!.text
    const tags = new Set([...notes.matchAll(/<([a-z][a-z0-9]*)/g)].map((m) => m[1]))
    expect([...tags].sort()).toEqual(['a', 'li', 'p', 'strong', 'ul'])
    expect(notes).not.toContain('奇点已至')
    expect(notes).toContain('<p><strong>章节</strong></p>')
    expect(notes).toContain('<li>00:01:00 能源与太阳能</li>')
    expect(notes).toContain('<p>“我们正身处奇点之中。” —— Elon Musk</p>')
    expect(notes).toContain('<a href="https://diamandis.com">Peter Diamandis</a>')
    // The web keeps the richer notes.
    expect(showNotesHtml(showNotes(episode(), show))).toContain('<h2>章节</h2>')
    // Markup smuggled into a title stays text.
    const hostile = parseXml(rssFeed([episode({chapters: [{...episode().chapters[0]!, title: '<em>x</em><script>y</script>'}]})], show, new VFile())).one('item/content:encoded')!.text
    expect(hostile).toContain('&#x3C;em>x&#x3C;/em>&#x3C;script>')
  })

  it('gives gPodder its chapters in Podlove Simple Chapters, and the show its funding link, only with real times', () => {
    const timed = episode({timing: {estimated: false, duration: 120}, chapters: episode().chapters.map((c) => ({...c, estimated: false}))})
    const funded = {...show, funding: [{url: 'https://example.com/support', text: '支持我们'}]}
    const parsed = parseXml(rssFeed([timed], funded, new VFile()))
    expect(parsed.find('item/psc:chapters/psc:chapter').map((e) => [e.attributes.start, e.attributes.title])).toEqual([
      ['00:00:00', '预告'],
      ['00:01:00', '能源与太阳能']
    ])
    expect(parsed.one('channel/podcast:funding')?.attributes.url).toBe('https://example.com/support')
    expect(parsed.one('channel/podcast:funding')?.text).toBe('支持我们')
    expect(parseXml(rssFeed([episode()], show, new VFile())).find('psc:chapters')).toHaveLength(0)
    expect(parseXml(rssItem(timed, show, new VFile())).find('psc:chapter')).toHaveLength(2)
  })

  it('links each item to its public page, never to the review page', () => {
    const xml = rssFeed([episode()], show, new VFile())
    expect(parseXml(xml).one('item/link')?.text).toBe('https://example.com/episodes/ep-1/')
    expect(xml).not.toContain('review.html')
  })

  it('leaves out an episode without a date, and refuses a guid used twice', () => {
    const warned = new VFile()
    const xmlWithout = rssFeed([episode({}, {published: undefined})], show, warned)
    expect(parseXml(xmlWithout).find('item')).toHaveLength(0)
    expect(warned.messages.map((m) => m.ruleId)).toEqual(['unpublished'])
    expect(() => rssFeed([episode({}, {guid: 'same'}), episode({slug: 'ep-2'}, {guid: 'same'})], show, new VFile())).toThrow(/same guid/)
    // Without a guid in episode.yaml, each episode gets its own, stable one.
    expect(itemGuid(episode(), show)).not.toBe(itemGuid(episode({slug: 'ep-2'}), show))
    expect(itemGuid(episode(), show)).toBe(itemGuid(episode(), show))
  })
})

describe('honest times', () => {
  const real = (overrides: Partial<EpisodeData> = {}) =>
    episode({
      timing: {estimated: false, duration: 120},
      chapters: episode().chapters.map((c) => ({...c, estimated: false})),
      turns: episode().turns.map((t) => ({...t, start: {...t.start, estimated: false}})),
      quotes: [{text: '我们正身处奇点之中。', speaker: 'Elon Musk', person: 'elon', turn: 't2', chapter: 1, score: 0.9, by: 'castline'}],
      ...overrides
    })

  it('put chapters, captions, the JSON transcript and soundbites in the feed when times are real', () => {
    const item = parseXml(rssItem(real(), show, new VFile()))
    expect(item.one('podcast:chapters')?.attributes.url).toBe('https://example.com/episodes/ep-1/chapters.json')
    expect(item.find('podcast:transcript').map((t) => [t.attributes.type, t.attributes.rel])).toEqual([
      ['application/json', undefined],
      ['text/vtt', 'captions'],
      ['text/html', undefined]
    ])
    // The quote opens the turn at 60 s, and is 10 of its 16 characters (the turn lasts 60 s).
    expect(item.one('podcast:soundbite')?.attributes).toEqual({startTime: '60', duration: '37.5'})
    expect(item.one('podcast:soundbite')?.text).toBe('我们正身处奇点之中。')
  })

  it('list the VTT as a transcript, not as captions, with a warning, when its cues break the style guide', () => {
    // A timed file that puts a whole minute of speech at one moment: held to 5/6 s each, the cues fall far behind the words.
    const sentence = 'We shipped the new release on Friday and spent the weekend reading the bug reports. '
    const text = sentence.repeat(20).trim()
    const bunched = real({
      turns: [{id: 't1', speaker: {name: 'Ada'}, start: {seconds: 10, estimated: false}, text, clock: [0, 10, text.length - 1, 11]}],
      timing: {estimated: false, duration: 120}
    })
    const file = new VFile()
    const item = parseXml(rssItem(bunched, show, file))
    expect(item.find('podcast:transcript').map((t) => [t.attributes.type, t.attributes.rel])).toEqual([
      ['application/json', undefined],
      ['text/vtt', undefined],
      ['text/html', undefined]
    ])
    const warning = file.messages.find((m) => m.ruleId === 'captions-off-guide')
    expect(warning?.reason).toMatch(/cues shown over 3 s after their words \(first: cue \d+, at 00:00:1\d\.\d{3}\)/)
    expect(captionFaults(bunched).map((f) => f.rule)).toEqual(['late'])
    // What the episode's build found travels in episode.json: the feed, without the turns, still knows.
    const stored = parseXml(rssItem({...real(), timing: {estimated: false, duration: 120, captions: 'off-guide'}}, show, new VFile()))
    expect(stored.find('podcast:transcript').some((t) => t.attributes.rel === 'captions')).toBe(false)
    expect(captionFaults(real())).toEqual([])
  })

  it('leave them out when times are estimated, say how to get real ones, and publish them only when the show opts in', () => {
    const file = new VFile()
    const outputs = renderEpisode(episode(), show, file)
    const item = parseXml(outputs.get('rss-item.xml')!)
    expect(item.one('podcast:chapters')).toBeUndefined()
    expect(item.one('podcast:soundbite')).toBeUndefined()
    expect(item.find('podcast:transcript').map((t) => t.attributes.rel)).toEqual([undefined])
    expect(file.messages.map((m) => m.ruleId)).toContain('estimated-times')
    expect(file.messages.find((m) => m.ruleId === 'estimated-times')?.reason).toMatch(/transcript\.srt, \.vtt or \.json/)
    const opted = parseXml(rssItem(episode(), {...show, estimatedTimes: 'publish'}, new VFile()))
    expect(opted.one('podcast:chapters')).toBeDefined()
    expect(opted.find('podcast:transcript').some((t) => t.attributes.rel === 'captions')).toBe(true)
  })

  it('make captions of at most two short lines and seven seconds, at sentence and clause breaks, with voices', () => {
    const long = real({
      turns: [
        {
          id: 't1',
          speaker: {name: 'Elon Musk'},
          start: {seconds: 0, estimated: false},
          text: '我担心的不是长远未来，而是接下来的三到七年。我们如何确保未来走向《星际迷航》那样的愿景，而不是《终结者》那样的结局？'
        },
        {
          id: 't2',
          speaker: {name: 'Ada'},
          start: {seconds: 30, estimated: false},
          text: 'The hardest part of running a podcast is not the recording, it is everything that happens after it, from editing to show notes and chapters.'
        }
      ],
      timing: {estimated: false, duration: 45}
    })
    const cues = captions(long)
    for (const cue of cues) {
      const lines = cue.text.split('\n')
      expect(lines.length).toBeLessThanOrEqual(2)
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(/\p{Script=Han}/u.test(line) ? 17 : 42)
      expect(cue.end - cue.start).toBeLessThanOrEqual(7.001)
      expect(cue.end).toBeGreaterThan(cue.start)
    }
    // A break never splits 《…》, and Chinese cues end at a clause or sentence.
    expect(cues.filter((c) => c.speaker === 'Elon Musk').every((c) => /[，。？]$/u.test(c.text) && !/《\n|\n》/u.test(c.text))).toBe(true)
    expect(transcriptVtt(long)).toMatch(/^1\n00:00:00\.000 --> 00:00:0\d\.\d{3}\n<v Elon Musk>我担心的不是长远未来，/m)
    // Cues follow each other within a turn.
    const elon = cues.filter((c) => c.speaker === 'Elon Musk')
    for (let i = 1; i < elon.length; i++) expect(elon[i]!.start).toBeGreaterThanOrEqual(elon[i - 1]!.start)
  })
})

describe('an item without audio or duration', () => {
  it('is still valid, with warnings that say what apps will miss', () => {
    const file = new VFile()
    const item = rssItem(episode({}, {audio: undefined, duration: undefined}), show, file)
    const parsed = parseXml(item)
    expect(parsed.find('enclosure')).toHaveLength(0)
    expect(parsed.find('itunes:duration')).toHaveLength(0)
    expect(file.messages.map((m) => m.ruleId)).toEqual(['no-audio', 'no-duration'])
    expect(file.messages[0]!.reason).toMatch(/podcast apps cannot play or list it/)
  })
})

describe('hostile text', () => {
  const evil = '<script>alert(1)</script> & ]]> \u0001\u0008 bad \u202Eשלום 🚀 "quoted"'
  const data = episode({
    title: `Title ${evil}`,
    summary: `Summary ${evil}`,
    quotes: [{text: `Quote ${evil}`, speaker: `Speaker ${evil}`, turn: 't2', chapter: 1, score: 1, by: 'producer'}],
    turns: [
      {id: 't1', speaker: {name: `Host ${evil}`}, start: {seconds: 0, estimated: true}, text: `Hello ${evil}`},
      {id: 't2', speaker: {name: 'Elon Musk'}, start: {seconds: 5, estimated: false}, text: `a --> b\n\n${evil}`}
    ],
    chapters: [{startTime: 0, estimated: false, title: `Chapter ${evil}`, firstTurn: 't1', lastTurn: 't2', by: 'castline'}],
    links: ['javascript:alert(1)', 'https://example.com/?a=1&b=2'],
    // The producer's own words and what they replaced reach the review page too.
    editorial: {
      summaryBy: 'producer',
      displaced: {
        summary: `Auto ${evil}`,
        chapters: [{startTime: 0, estimated: false, title: `Old ${evil}`, firstTurn: 't1', lastTurn: 't2', by: 'castline'}],
        quotes: [{text: `Dropped ${evil}`, speaker: `S ${evil}`, turn: 't2', chapter: 0, score: 0.5, by: 'castline'}]
      },
      problems: [{reason: `Problem ${evil}`, line: 3, column: 5}]
    }
  })
  const file = new VFile()
  const outputs = renderEpisode(data, show, file)

  it('survives a second `]]>` (feed 6 splits only the first in a CDATA section)', () => {
    const twice = rssFeed([episode({title: 'a ]]> b ]]> c'})], show, new VFile())
    expect(parseXml(twice).one('item/title')?.text).toBe('a ]]> b ]]> c')
  })

  it('keeps every XML output well-formed, without the characters XML forbids', () => {
    for (const xml of [outputs.get('rss-item.xml')!, rssFeed([data], show, new VFile())]) {
      const parsed = parseXml(xml)
      expect(parsed.find('item/title')[0]?.text).toContain('<script>alert(1)</script> & ]]>  bad \u202Eשלום 🚀')
      expect(xml).not.toMatch(/[\u0001\u0008]/)
    }
  })

  it('shows text safely in every HTML output: no markup from the transcript, no script, no javascript: link', () => {
    for (const name of ['show-notes.html', 'transcript.html', 'review.html']) {
      const html = outputs.get(name)!
      // A `<` inside a quoted attribute value is text; outside one it would be markup.
      expect(html.replace(/="[^"]*"/g, '=""'), name).not.toMatch(/<script/i)
      expect(html, name).toContain('&#x3C;script>')
      expect(html, name).not.toMatch(/href="javascript:/i)
      expect(html, name).not.toMatch(/[\u0001\u0008]/)
    }
  })

  it('escapes WebVTT cue text and voice names, and keeps JSON valid', () => {
    const vtt = outputs.get('transcript.vtt')!
    expect(vtt.startsWith('WEBVTT')).toBe(true)
    expect(vtt).toContain('<v Host &lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt;')
    expect(vtt).toContain('a --&gt; b')
    expect(vtt.match(/-->/g)!.length).toBeGreaterThanOrEqual(2)
    const json = JSON.parse(outputs.get('transcript.json')!)
    expect(json.segments.find((s: {speaker: string}) => s.speaker === 'Elon Musk')).toMatchObject({startTime: 5})
  })

  it('prints show notes Markdown that reads back as the same text', () => {
    const markdown = outputs.get('show-notes.md')!
    expect(markdown).not.toMatch(/^<script/m)
    expect(markdown).toContain('本期节目由 Metatrends 赞助播出。')
  })
})

describe('show notes and transcripts', () => {
  it('have people with links, chapters with approximate times, quotes, links and the sponsor credit', () => {
    const tree = showNotes(episode(), show)
    const markdown = showNotesMarkdown(tree)
    expect(markdown).toContain('- [Peter Diamandis](https://diamandis.com)——主持人')
    // Approximate once, in a line of its own; no mark on each time (约 stops apps from linking it).
    expect(markdown).toContain('*时间为按语速估算的近似值。*')
    expect(markdown).toContain('- `00:01:00` 能源与太阳能')
    expect(markdown).toContain('> “我们正身处奇点之中。”')
    expect(markdown).toContain('- <https://example.com/paper>')
    expect(showNotesHtml(tree)).toContain('<a href="https://diamandis.com">Peter Diamandis</a>')
  })

  it('nest a quotation inside a quote in single marks', () => {
    const nested = episode({quotes: [{...episode().quotes[0]!, text: '如果谈论的是“长寿逃逸速度”的话。'}]})
    expect(showNotesMarkdown(showNotes(nested, show))).toContain('> “如果谈论的是‘长寿逃逸速度’的话。”')
    expect(reviewPage(nested, show)).toContain('“如果谈论的是‘长寿逃逸速度’的话。”')
  })

  it('mark nothing approximate when times come from timestamps', () => {
    const exact = episode({chapters: [{startTime: 0, estimated: false, title: 'A', firstTurn: 't1', lastTurn: 't2', by: 'castline'}]})
    expect(showNotesMarkdown(showNotes(exact, show))).not.toContain('近似')
  })

  it('end each transcript segment where the next begins', () => {
    const json = JSON.parse(transcriptJson(episode()))
    expect(json.version).toBe('1.0.0')
    expect(json.segments.map((s: {body: string}) => s.body)).toEqual(['欢迎收听。', '我们正身处奇点之中。', '第二段。'])
    expect(json.segments[1]).toMatchObject({speaker: 'Elon Musk', startTime: 60})
    expect(transcriptVtt(episode())).toContain('00:00:00.000 --> 00:00:07.000\n<v Peter Diamandis>欢迎收听。')
  })

  it('make a review page that allows no request and no script', () => {
    const html = reviewPage(episode(), show)
    expect(html).toContain('content="default-src &#x27;none&#x27;; style-src &#x27;unsafe-inline&#x27;; img-src &#x27;self&#x27; data:"')
    expect(html).toContain('<a href="#chapter-2">能源与太阳能</a>')
    expect(html).toContain('id="chapter-2"')
  })

  it('show on the review page who chose what, what the choices replaced, and their problems', () => {
    const html = reviewPage(
      episode({
        editorial: {
          summaryBy: 'producer',
          displaced: {summary: '自动简介。', quotes: [{text: '被替换的金句。', speaker: 'Elon Musk', turn: 't2', chapter: 1, score: 0.5, by: 'castline'}]},
          problems: [{reason: 'This excluded text is not in the transcript', line: 12, column: 7}]
        }
      }),
      show
    )
    // Chapter 2 was set by the producer, chapter 1 chosen by Castline.
    expect(html).toMatch(/能源与太阳能<\/a><small class="by producer">制作人设定<\/small>/)
    expect(html).toMatch(/预告<\/a><small class="by castline">Castline 选定<\/small>/)
    expect(html).toMatch(/<details><summary>被你的设定替换的自动选择（可改回）<\/summary><p>自动简介。<\/p><\/details>/)
    expect(html).toContain('被替换的金句')
    expect(html).toContain('episode.yaml:12:7 This excluded text is not in the transcript')
    expect(reviewPage(episode(), show)).not.toContain('<details>')
  })
})

describe('the review page', () => {
  it('keeps the review page out of search engines, and points the producer to the public one', () => {
    const review = reviewPage(episode(), show)
    expect(review).toContain('<meta name="robots" content="noindex, nofollow">')
    expect(review).toContain('<a href="index.html">查看公开页面</a>')
  })
})
