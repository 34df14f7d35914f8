import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {chaptersSchema} from '@castline/render'
import {Ajv} from 'ajv'
import {SaxesParser} from 'saxes'
import {describe, expect, it} from 'vitest'
import {checkCaptions} from './captions.js'
import {project, publish} from './helpers.js'

describe('render outputs of the bundled episode', async () => {
  const dir = await project()
  const run = await publish(dir)
  const out = join(dir, 'out')
  const read = (name: string) => readFile(join(out, 'moonshots-elon-musk', name), 'utf8')

  it('writes every file, and the feed', () => {
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(
      'cards.json, chapters.json, episode.json, index.html, quotes.json, redactions.json, review.html, rss-item.xml, show-notes.html, show-notes.md, transcript.html, transcript.json, transcript.md, transcript.vtt, cards/ (30 files)'
    )
    expect(run.stdout).toContain('✔ feed.xml: 1 episode')
  })

  it('writes chapters.json that the Podcasting 2.0 chapters schema accepts', async () => {
    const validate = new Ajv({strict: true}).compile(chaptersSchema)
    const chapters = JSON.parse(await read('chapters.json'))
    expect(validate(chapters), JSON.stringify(validate.errors)).toBe(true)
    expect(validate({version: '1.2.0', chapters: [{title: 'no start'}]})).toBe(false)
  })

  it('writes a feed that a strict, namespace-aware XML parser accepts, holding the episode', async () => {
    const xml = await readFile(join(out, 'feed.xml'), 'utf8')
    const names: string[] = []
    const parser = new SaxesParser({xmlns: true})
    parser.on('opentag', (tag) => names.push(tag.name))
    parser.write(xml).close()
    for (const name of ['channel', 'item', 'itunes:image', 'itunes:category', 'itunes:explicit', 'podcast:guid', 'podcast:transcript', 'podcast:person', 'content:encoded']) {
      expect(names, name).toContain(name)
    }
    // Its times are estimated: no chapters or captions for apps to seek by, and a warning that says how to get real ones.
    expect(names).not.toContain('podcast:chapters')
    expect(xml).not.toContain('rel="captions"')
    expect(run.stderr).toMatch(/estimated-times/)
    // The bundled episode.yaml has no audio yet: said, not hidden.
    expect(names).not.toContain('enclosure')
    expect(run.stderr).toMatch(/no `audio`.*podcast apps cannot play or list it/)
  })

  it('writes three cards per quote, listed in cards.json with alt text', async () => {
    const {quotes} = JSON.parse(await read('quotes.json'))
    const {cards} = JSON.parse(await read('cards.json'))
    expect(cards).toHaveLength(quotes.length * 3)
    for (const card of cards) {
      const png = await readFile(join(out, 'moonshots-elon-musk', card.file))
      // PNG signature, then the IHDR width and height.
      expect(png.subarray(1, 4).toString()).toBe('PNG')
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([card.size.width, card.size.height])
      // A quotation inside the quote is nested in single marks.
      expect(card.alt).toContain(quotes[card.quote].text.replaceAll('“', '‘').replaceAll('”', '’'))
      // A Chinese episode's cards name people as its audience knows them.
      expect(card.alt).toContain(card.speaker)
      if (quotes[card.quote].person === 'elon-musk') expect(card.speaker).toBe('埃隆·马斯克')
    }
  })

  it('writes transcripts for podcast apps and show notes a producer can read', async () => {
    const json = JSON.parse(await read('transcript.json'))
    expect(json.version).toBe('1.0.0')
    // Short segments, as the spec recommends: several to a turn of 613.
    expect(json.segments.length).toBeGreaterThan(613)
    expect(json.segments.every((s: {startTime: number; endTime: number}) => s.endTime > s.startTime && s.endTime - s.startTime <= 7.001)).toBe(true)
    const vtt = await read('transcript.vtt')
    expect(vtt).toMatch(/^WEBVTT\n\nNOTE Cue times are estimated/)
    // To the style guide, every word kept once, no name broken over two lines.
    const episode = JSON.parse(await read('episode.json')) as {turns: Array<{text: string}>; people: Array<{name: string}>}
    checkCaptions(vtt, {texts: episode.turns.map((turn) => turn.text), names: episode.people.map((person) => person.name)})
    // The JSON transcript is the captions' words, with no space between Han characters where a line broke.
    expect(json.segments.filter((s: {body: string}) => /\p{Script=Han} \p{Script=Han}/u.test(s.body))).toEqual([])
    // Voices are named in the episode's language.
    expect(vtt).toContain('<v 埃隆·马斯克>')
    const notes = await read('show-notes.md')
    expect(notes).toContain('## 章节')
    expect(notes).toContain('*时间为按语速估算的近似值。*')
    expect(notes).toContain('本期节目由 Metatrends、Blitzy 赞助播出。')
    // The only link in the conversation was the redacted promo's.
    expect(notes).not.toMatch(/diamandis\.com\/Metatrends/i)
    expect(await read('show-notes.html')).toContain('<h2>金句</h2>')
  })
})
