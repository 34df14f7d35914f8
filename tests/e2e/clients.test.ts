import {execFile} from 'node:child_process'
import {readFile} from 'node:fs/promises'
import {createRequire} from 'node:module'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {WebVTTParser} from 'webvtt-parser'
import {beforeAll, describe, expect, it} from 'vitest'
import {publish, readyProject} from './helpers.js'

// What podcast apps, feed readers, browsers and validators make of the
// published outputs, read with their own parsers: gPodder's podcastparser,
// feedparser, xmllint, a WebVTT parser and the Nu HTML Checker. They come
// from Debian and npm; `pnpm test` installs them (tests/ensure-clients.mjs).

const run = promisify(execFile)
const vnuJar = join(createRequire(import.meta.url).resolve('vnu-jar/package.json'), '../build/dist/vnu.jar')
const slug = 'moonshots-elon-musk'

/** Runs Python code on Debian's python3, where Debian's podcastparser and feedparser are, and reads the JSON it prints. */
async function python<T>(code: string, ...args: string[]): Promise<T> {
  const {stdout} = await run('/usr/bin/python3', ['-c', code, ...args], {maxBuffer: 64 * 1024 * 1024})
  return JSON.parse(stdout) as T
}

interface PodcastparserFeed {
  title: string
  episodes: Array<{title: string; link: string; total_time: number; description_html: string; enclosures: unknown[]; chapters: Array<{start: number; title: string}>}>
}

describe('real clients read the published episode', () => {
  let dir: string
  let out: string
  let chapters: Array<{startTime: number; title: string}>
  beforeAll(async () => {
    dir = await readyProject()
    const result = await publish(dir)
    expect(result.code, result.stderr).toBe(0)
    out = join(dir, 'out')
    chapters = JSON.parse(await readFile(join(out, slug, 'chapters.json'), 'utf8')).chapters
  }, 300_000)

  it('xmllint finds the feed, the item and the sitemap well-formed', async () => {
    await run('xmllint', ['--noout', '--nonet', join(out, 'feed.xml'), join(out, 'sitemap.xml'), join(out, slug, 'rss-item.xml')])
    // …and the public pages parse as HTML without an error (xmllint knows HTML 4: HTML5 and SVG elements are new to it; the Nu checker below knows them).
    const {stderr} = await run('xmllint', ['--html', '--noout', '--nonet', join(out, 'index.html'), join(out, slug, 'index.html'), join(out, slug, 'transcript.html')])
    expect(stderr.split('\n').filter((line) => / error ?:/.test(line) && !/Tag (?:nav|main|section|header|footer|figure|figcaption|time|audio|article|svg|path|datalist|output|picture|source) invalid/.test(line))).toEqual([])
  })

  it("gPodder's podcastparser finds the title, the enclosure, the length, the page and every chapter", async () => {
    const feed = await python<PodcastparserFeed>('import json, sys, podcastparser\nprint(json.dumps(podcastparser.parse("https://www.example.com/moonshots/episodes/feed.xml", open(sys.argv[1], "rb"))))', join(out, 'feed.xml'))
    expect(feed.title).toBe('Moonshots with Peter Diamandis')
    expect(feed.episodes).toHaveLength(1)
    const episode = feed.episodes[0]!
    expect(episode.title).toBe('埃隆·马斯克谈AGI时间表、中美博弈、就业市场、清洁能源与人形机器人')
    expect(episode.enclosures).toEqual([{url: 'https://media.example.com/moonshots/ep1.mp3', file_size: 98765432, mime_type: 'audio/mpeg'}])
    expect(episode.total_time).toBe(6312)
    expect(episode.link).toBe(`https://www.example.com/moonshots/episodes/${slug}/`)
    // The same chapters, on the same seconds, as chapters.json gives Podcasting 2.0 apps.
    expect(episode.chapters.map((c) => [c.start, c.title])).toEqual(chapters.map((c) => [c.startTime, c.title]))
    expect(episode.description_html).not.toMatch(/<(?!\/?(?:p|ul|ol|li|a|strong)\b)[a-z]/i)
  })

  it('feedparser reads the feed without complaint, with the same facts and chapters', async () => {
    const parsed = await python<{bozo: boolean; title: string; entry: string; link: string; enclosure: string; duration: string; content: string; chapters: Array<[number, string]>; chaptersUrl: string}>(
      'import json, sys, feedparser\nd = feedparser.parse(sys.argv[1])\ne = d.entries[0]\nprint(json.dumps({"bozo": d.bozo, "title": d.feed.title, "entry": e.title, "link": e.link, "enclosure": e.enclosures[0].href, "duration": e.itunes_duration, "explicit": e.get("itunes_explicit"), "content": e.content[0].value, "chapters": [[c.start_parsed.total_seconds(), c.title] for c in e.psc_chapters.chapters], "chaptersUrl": e.podcast_chapters.get("url")}))',
      join(out, 'feed.xml')
    )
    expect(parsed.bozo).toBe(false)
    expect(parsed.title).toBe('Moonshots with Peter Diamandis')
    expect(parsed.entry).toMatch(/^埃隆·马斯克谈/)
    expect(parsed.link).toBe(`https://www.example.com/moonshots/episodes/${slug}/`)
    expect(parsed.enclosure).toBe('https://media.example.com/moonshots/ep1.mp3')
    expect(parsed.duration).toBe('6312')
    expect(parsed.content).toContain('<strong>章节</strong>')
    expect(parsed.content).not.toMatch(/<(?:h[1-6]|em|code|blockquote)\b/)
    // Chapters both ways: Podlove's inline, and the Podcasting 2.0 file.
    expect(parsed.chapters).toEqual(chapters.map((c) => [c.startTime, c.title]))
    expect(parsed.chaptersUrl).toBe(`https://www.example.com/moonshots/episodes/${slug}/chapters.json`)
  })

  it('a WebVTT parser reads the captions without an error', async () => {
    const parsed = new WebVTTParser().parse(await readFile(join(out, slug, 'transcript.vtt'), 'utf8'), 'metadata')
    expect(parsed.errors).toEqual([])
    expect(parsed.cues.length).toBeGreaterThan(600)
    expect(parsed.cues.some((cue: {text: string}) => cue.text.startsWith('<v 埃隆·马斯克>'))).toBe(true)
  })

  it('the Nu HTML Checker finds no error in the public pages, the transcript or the review page', async () => {
    const pages = [join(out, 'index.html'), join(out, slug, 'index.html'), join(out, slug, 'transcript.html'), join(out, slug, 'review.html')]
    const result = await run('java', ['-jar', vnuJar, '--errors-only', '--format', 'json', ...pages], {maxBuffer: 64 * 1024 * 1024}).catch((error) => error)
    const messages = JSON.parse(result.stderr || '{"messages":[]}').messages as Array<{type: string; message: string; url: string; lastLine?: number}>
    expect(messages.filter((m) => m.type === 'error').map((m) => `${m.url.split('/').slice(-2).join('/')}:${m.lastLine}: ${m.message}`)).toEqual([])
  }, 300_000)
})
