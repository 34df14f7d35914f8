import {createHash} from 'node:crypto'
import {readFile, readdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {artworkPicture, project, publish, readyProject, tree} from './helpers.js'

const slug = 'moonshots-elon-musk'
const fixtures = fileURLToPath(new URL('../fixtures/editorial/', import.meta.url))

describe('publishing the bundled episode', async () => {
  const dir = await project()
  const first = await publish(dir)
  const out = join(dir, 'out', slug)

  it('succeeds and says where the outputs went', () => {
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(new RegExp(`✔ ${slug}: cards\\.json, chapters\\.json, episode\\.json, .*transcript\\.vtt, cards/ \\(30 files\\) in `))
  })

  it('writes the redacted transcript with every turn under a known name', async () => {
    const transcript = await readFile(join(out, 'transcript.md'), 'utf8')
    expect(transcript.startsWith('# 埃隆·马斯克谈AGI时间表')).toBe(true)
    expect(transcript).not.toMatch(/广告时间|diamandis\.com\/Metatrends/)
    const labels = new Set([...transcript.matchAll(/^\*\*([^*]+?)[:：]\*\*/gm)].map((m) => m[1]))
    expect(labels).toEqual(new Set(['Elon Musk', 'Peter Diamandis', 'Dave Blundin', 'Grok', '主持人']))
  })

  it('writes episode.json with the speaker AST, people, sections and start times', async () => {
    const episode = JSON.parse(await readFile(join(out, 'episode.json'), 'utf8'))
    expect(episode).toMatchObject({slug, language: 'zh', title: '埃隆·马斯克谈AGI时间表、中美博弈、就业市场、清洁能源与人形机器人'})
    expect(episode.people.map((p: {id: string}) => p.id)).toEqual(['peter-diamandis', 'dave-blundin', 'elon-musk', 'grok'])
    expect(episode.sections.map((s: {kind: string}) => s.kind)).toEqual(['teaser', 'main', 'main', 'main'])
    expect(episode.turns.length).toBe(613)
    expect(episode.turns.every((t: {start: {seconds: number; estimated: boolean}}) => t.start.estimated && t.start.seconds >= 0)).toBe(true)
    expect(episode.tree.type).toBe('root')
    const types = new Set<string>()
    const walk = (node: {type: string; children?: unknown[]}) => {
      types.add(node.type)
      for (const child of node.children ?? []) walk(child as typeof node)
    }
    walk(episode.tree)
    expect(types.has('speakerTurn') && types.has('section')).toBe(true)
    expect(types.has('adBreak')).toBe(false)
  })

  it('records both sponsor breaks and the outro promo', async () => {
    const {redactions} = JSON.parse(await readFile(join(out, 'redactions.json'), 'utf8'))
    expect(redactions.map((r: {kind: string; sponsor: string; position: {start: {line: number}}}) => [r.kind, r.sponsor, r.position.start.line])).toEqual([
      ['break', 'metatrends', 176],
      ['break', 'blitzy', 470],
      ['promo', 'metatrends', 1280]
    ])
    expect(first.stderr).toMatch(/176:1-176:27 +info +Removed ad break for Metatrends/)
  })

  it('writes Podcasting 2.0 chapters and pull quotes, and carries them in episode.json', async () => {
    const chapters = JSON.parse(await readFile(join(out, 'chapters.json'), 'utf8'))
    expect(chapters.version).toBe('1.2.0')
    expect(chapters.chapters[0]).toEqual({startTime: 0, title: expect.stringMatching(/^预告片段/)})
    for (const chapter of chapters.chapters) expect(Object.keys(chapter).sort()).toEqual(['startTime', 'title'])
    const {quotes} = JSON.parse(await readFile(join(out, 'quotes.json'), 'utf8'))
    expect(quotes.length).toBeGreaterThanOrEqual(6)
    const episode = JSON.parse(await readFile(join(out, 'episode.json'), 'utf8'))
    expect(episode.quotes).toEqual(quotes)
    expect(episode.chapters.map((c: {title: string}) => c.title)).toEqual(chapters.chapters.map((c: {title: string}) => c.title))
    expect(episode.summary.length).toBeGreaterThan(40)
  })

  // What an editor reads (title, summary, chapters, quotes) and the whole of
  // episode.json, as last accepted: a change to either is made on purpose,
  // and the fixtures are then rewritten from a run (see tests/fixtures/editorial).
  it('gives the editorial output and episode.json last accepted, byte for byte', async () => {
    const written = await readFile(join(out, 'episode.json'))
    const episode = JSON.parse(written.toString('utf8'))
    const accepted = JSON.parse(await readFile(join(fixtures, `${slug}.json`), 'utf8'))
    expect({title: episode.title, summary: episode.summary, chapters: episode.chapters, quotes: episode.quotes}).toEqual(accepted)
    const [digest] = (await readFile(join(fixtures, `${slug}.episode.json.sha256`), 'utf8')).split(/\s+/)
    expect(createHash('sha256').update(written).digest('hex')).toBe(digest)
  })

  it('gives byte-identical files for the same input', async () => {
    const before = await tree(out)
    const again = await publish(dir)
    expect(again.code).toBe(0)
    expect(await tree(out)).toEqual(before)
  })
})

describe('publishing what the producer names', () => {
  it('publishes a bare transcript with no episode.yaml, named after its folder', async () => {
    const dir = await project()
    const run = await publish(dir, ['content/episodes/moonshots-elon-musk/transcript.md', '--out', 'elsewhere'])
    expect(run.code).toBe(0)
    const episode = JSON.parse(await readFile(join(dir, 'elsewhere', 'moonshots-elon-musk', 'episode.json'), 'utf8'))
    // Without episode.yaml the labels are the names, and the 名字（English） label still joins 埃隆·马斯克 to Elon Musk.
    expect(episode.speakers.map((s: {name: string}) => s.name)).toEqual(['Elon Musk', '彼得·戴曼迪斯', 'Peter Diamandis', 'Dave Blunden', '主持人', 'Grok'])
  })

  it('answers --help and --version, and refuses an unknown option', async () => {
    const dir = await project()
    expect(await publish(dir, ['--help'])).toMatchObject({code: 0, stdout: expect.stringContaining('Usage: publish-episode')})
    expect((await publish(dir, ['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/)
    const bad = await publish(dir, ['--bogus'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/Unknown option '--bogus'/)
  })
})

describe('the show’s artwork', () => {
  it('comes in the sizes the pages use, named by its hash; a new picture replaces them', async () => {
    const dir = await readyProject()
    expect((await publish(dir)).code).toBe(0)
    const sizes = async () => (await readdir(join(dir, 'out/artwork'))).sort()
    const first = await sizes()
    const hash = createHash('sha256')
      .update(await readFile(join(dir, 'content/artwork.jpg')))
      .digest('hex')
      .slice(0, 10)
    expect(first).toEqual(['cover', 'icon'].flatMap((use) => (use === 'cover' ? [160, 320, 480].flatMap((w) => [`cover-${hash}-${w}.png`, `cover-${hash}-${w}.webp`]) : [`icon-${hash}-180.png`, `icon-${hash}-32.png`])).sort())
    const home = await readFile(join(dir, 'out/index.html'), 'utf8')
    const page = await readFile(join(dir, 'out', slug, 'index.html'), 'utf8')
    expect(home).toContain(`srcset="artwork/cover-${hash}-160.webp 160w, artwork/cover-${hash}-320.webp 320w, artwork/cover-${hash}-480.webp 480w"`)
    expect(page).toContain(`href="../artwork/icon-${hash}-32.png"`)
    // The 3000 px original is never on a page.
    expect(home + page).not.toContain('artwork.jpg')

    await writeFile(join(dir, 'content/artwork.jpg'), await artworkPicture(2000, '#f1faee'))
    expect((await publish(dir)).code).toBe(0)
    const second = await sizes()
    expect(second).toHaveLength(first.length)
    expect(second.filter((name) => first.includes(name))).toEqual([])
    expect(await readFile(join(dir, 'out', slug, 'index.html'), 'utf8')).toContain(second.find((name) => name.startsWith('icon-') && name.endsWith('-32.png')))

    // An artwork that is no image: a warning naming it, pages without it, and nothing else lost.
    await writeFile(join(dir, 'content/artwork.jpg'), 'not a picture')
    const broken = await publish(dir)
    expect(broken.code).toBe(0)
    expect(broken.stderr).toMatch(/Artwork `[^`]*artwork\.jpg` cannot be used \(The artwork is not an image sharp can read/)
    expect(await readFile(join(dir, 'out', slug, 'index.html'), 'utf8')).not.toContain('artwork/')
    expect(await sizes()).toEqual([])
  }, 300_000)
})
