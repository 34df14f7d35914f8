import {mkdir, readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {openingWords} from '@castline/summarize'
import {describe, expect, it} from 'vitest'
import {parseDocument} from 'yaml'
import {project, publish, tree} from './helpers.js'

// Editorial control: the producer's choices in episode.yaml, kept on every run.

const folder = 'content/episodes/moonshots-elon-musk'
const out = (dir: string, name: string) => join(dir, 'out/moonshots-elon-musk', name)
const json = async (dir: string, name: string) => JSON.parse(await readFile(out(dir, name), 'utf8'))

interface Episode {
  turns: Array<{id: string; text: string; speaker: {person?: string}}>
  chapters: Array<{title: string; firstTurn: string; by: string}>
  quotes: Array<{text: string; by: string}>
}

describe('editorial control', () => {
  it('round trip: suggest, edit a title, move a boundary, pin a quote and exclude another; publish; a rerun and --force keep them', async () => {
    const dir = await project()
    expect((await publish(dir)).code).toBe(0)
    const automatic = (await json(dir, 'episode.json')) as Episode

    const suggested = await publish(dir, ['--suggest', folder])
    expect(suggested.code).toBe(0)
    expect(suggested.stdout).toMatch(/✔ moonshots-elon-musk: wrote chapters, quotes, summary into/)
    const path = join(dir, folder, 'episode.yaml')
    const text = await readFile(path, 'utf8')
    // The producer's own fields and comments are kept.
    expect(text).toMatch(/^# One episode\. Only title and people are required/)
    expect(text).toContain('guid: moonshots-elon-musk-2025-12')

    const doc = parseDocument(text)
    const chapters = doc.get('chapters') as {items: Array<{get(k: string): string; set(k: string, v: string): void}>}
    expect(chapters.items.map((c) => c.get('title'))).toEqual(automatic.chapters.map((c) => c.title))
    // Edit one title.
    chapters.items[1]!.set('title', '乐观主义与 AI 助手')
    // Move one boundary: chapter 4 now starts three turns later.
    const texts = automatic.turns.map((t) => t.text)
    const start = automatic.turns.findIndex((t) => t.id === automatic.chapters[3]!.firstTurn)
    chapters.items[3]!.set('at', openingWords(texts, start + 3)!)
    // Pin a line Castline did not pick, and exclude one it did.
    const pinned = automatic.turns
      .slice(start + 5)
      .filter((t) => t.speaker.person === 'elon-musk')
      .flatMap((t) => t.text.match(/[^。！？]{20,50}。/gu) ?? [])
      .find((sentence) => !automatic.quotes.some((q) => q.text.includes(sentence)))!
    const excluded = automatic.quotes[0]!.text
    doc.setIn(['quotes', 'pin'], [pinned])
    doc.setIn(['quotes', 'exclude'], [excluded])
    await writeFile(path, doc.toString({lineWidth: 0}))

    const run = await publish(dir)
    expect(run.code).toBe(0)
    const edited = (await json(dir, 'episode.json')) as Episode
    expect(edited.chapters.map((c) => c.title)).toEqual(automatic.chapters.map((c, i) => (i === 1 ? '乐观主义与 AI 助手' : c.title)))
    expect(edited.chapters[3]!.firstTurn).toBe(automatic.turns[start + 3]!.id)
    expect(edited.chapters.every((c) => c.by === 'producer')).toBe(true)
    const quotes = ((await json(dir, 'quotes.json')) as {quotes: Episode['quotes']}).quotes
    expect(quotes.filter((q) => q.by === 'producer').map((q) => q.text)).toEqual([pinned])
    expect(quotes.some((q) => q.text === excluded)).toBe(false)
    const chaptersJson = await readFile(out(dir, 'chapters.json'), 'utf8')
    expect(JSON.parse(chaptersJson).chapters[1].title).toBe('乐观主义与 AI 助手')
    // The review page says who chose what, and keeps what the edits replaced.
    const page = await readFile(out(dir, 'review.html'), 'utf8')
    expect(page).toContain('制作人设定')
    expect(page).toContain('被你的设定替换的自动选择')

    const before = await tree(join(dir, 'out'))
    const again = await publish(dir)
    expect(again.stdout).toMatch(/Nothing changed/)
    const forced = await publish(dir, ['--force'])
    expect(forced.code).toBe(0)
    expect(await tree(join(dir, 'out'))).toEqual(before)

    // Suggesting again undoes no edit.
    const resuggest = await publish(dir, ['--suggest', folder])
    expect(resuggest.stdout).toMatch(/already sets chapters, quotes, summary; nothing changed/)
    expect(await readFile(path, 'utf8')).toBe(doc.toString({lineWidth: 0}))
  }, 300_000)

  it('suggests only what --check accepts: a time where no words tell a turn apart, no empty summary', async () => {
    const dir = await project()
    const openings = {'said-twice': 'Hi.', 'emoji-only': '🎉🎉'}
    for (const [slug, opening] of Object.entries(openings)) {
      const episode = join(dir, 'content/episodes', slug)
      await mkdir(episode, {recursive: true})
      await writeFile(join(episode, 'episode.yaml'), `title: Short\npeople:\n  - {id: ana, name: Ana, role: host}\n  - {id: ben, name: Ben, role: guest}\n`)
      await writeFile(join(episode, 'transcript.md'), `**Ana:** ${opening}\n\n**Ben:** Hi.\n\n**Ana:** ${opening}\n\n**Ben:** We only said hello.\n`)
      const suggested = await publish(dir, ['--suggest', `content/episodes/${slug}`])
      expect(suggested.code, suggested.stdout).toBe(0)
      expect(suggested.stdout).toMatch(new RegExp(`✔ ${slug}: wrote chapters, quotes into .*; no summary`))
      const yaml = parseDocument(await readFile(join(episode, 'episode.yaml'), 'utf8')).toJS()
      expect(yaml.chapters[0].at, slug).toBe('00:00:00')
      expect(yaml).not.toHaveProperty('summary')
      const check = await publish(dir, ['--check', `content/episodes/${slug}`])
      expect(check.code, check.stdout).toBe(0)
      expect((await publish(dir, [`content/episodes/${slug}`])).code).toBe(0)
    }
  }, 300_000)

  it('makes cards for the quotes episode.yaml names, and none when it says so', async () => {
    const dir = await project()
    const path = join(dir, folder, 'episode.yaml')
    const yaml = await readFile(path, 'utf8')
    await writeFile(path, `${yaml}cards: [2]\n`)
    expect((await publish(dir)).code).toBe(0)
    const cards = (await json(dir, 'cards.json')).cards as Array<{file: string; quote: number}>
    expect(cards.map((c) => c.file)).toEqual([expect.stringMatching(/^cards\/quote-02-square-[0-9a-f]{10}\.png$/), expect.stringMatching(/^cards\/quote-02-landscape-[0-9a-f]{10}\.png$/), expect.stringMatching(/^cards\/quote-02-story-[0-9a-f]{10}\.png$/)])
    await writeFile(path, `${yaml}cards: none\n`)
    expect((await publish(dir)).code).toBe(0)
    expect((await json(dir, 'cards.json')).cards).toEqual([])
  }, 300_000)

  const cases: Array<[string, (yaml: string) => string, RegExp]> = [
    ['an `at` that matches no turn', (y) => `${y}chapters:\n  - at: 这句话从来没有人说过\n    title: 开场\n`, /episode\.yaml:27:9: `at: 这句话从来没有人说过` matches no turn/],
    ['an `at` that matches several turns', (y) => `${y}chapters:\n  - at: "是的"\n    title: 开场\n`, /episode\.yaml:27:9: `at: 是的` matches \d+ turns \(lines \d+/],
    [
      'chapters out of order',
      (y) => `${y}chapters:\n  - at: "01:00:00"\n    title: 后\n  - at: "00:10:00"\n    title: 前\n`,
      /episode\.yaml:29:9: Chapter 2 starts before the chapter above it/
    ],
    ['a pinned quote that is not verbatim', (y) => `${y}quotes:\n  pin: [马斯克说火星很美。]\n`, /episode\.yaml:27:9: This pinned quote is not in the transcript word for word/],
    ['a pinned quote that is too long for a card', (y) => y, /too long/],
    ['a text both pinned and excluded', (y) => `${y}quotes:\n  pin: [我们正身处奇点之中。]\n  exclude: [我们正身处奇点之中。]\n`, /episode\.yaml:28:\d+: `quotes\.exclude\[0\]`: expected a text not also pinned/],
    ['a renamed chapter that does not exist', (y) => `${y}titles:\n  40: 不存在\n`, /episode\.yaml:27:3: There is no chapter 40/],
    ['a card for a quote that does not exist', (y) => `${y}cards: [1, 40]\n`, /episode\.yaml:26:12: There is no quote 40/]
  ]
  for (const [name, change, error] of cases) {
    it(`fails on ${name}, naming the YAML line, and keeps the last good outputs`, async () => {
      const dir = await project()
      expect((await publish(dir)).code).toBe(0)
      const before = await tree(join(dir, 'out'))
      const path = join(dir, folder, 'episode.yaml')
      let yaml = change(await readFile(path, 'utf8'))
      if (name.includes('too long')) {
        // The longest paragraph of the transcript: far more than a card holds.
        const {turns} = (await json(dir, 'episode.json')) as Episode
        const longest = turns.flatMap((t) => t.text.split('\n\n')).sort((a, b) => b.length - a.length)[0]!
        yaml = `${await readFile(path, 'utf8')}quotes:\n  pin:\n    - ${JSON.stringify(longest)}\n`
      }
      await writeFile(path, yaml)
      const run = await publish(dir)
      expect(run.code).toBe(1)
      expect(run.stdout).toMatch(name.includes('too long') ? /episode\.yaml:28:7: This pinned quote is too long for a \w+ card/ : error)
      expect(await tree(join(dir, 'out'))).toEqual(before)
    }, 300_000)
  }
})
