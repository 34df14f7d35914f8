import {createHash} from 'node:crypto'
import sharp from 'sharp'
import {describe, expect, it, vi} from 'vitest'
import {CardError, cardSizes, escapeMarkup, layoutCard, renderCard, typographic} from './card.js'
import {altText, renderCards} from './cards.js'
import {confineFonts, face} from './fonts.js'

const style = {background: '#1d3557', show: 'Moonshots with Peter Diamandis', episode: '埃隆·马斯克谈AGI时间表、中美博弈、就业市场、清洁能源与人形机器人', language: 'zh' as const, address: 'diamandis.com/podcast'}
const zh = {text: '我敢打个赌：特斯拉未来会有两纳米晶圆厂，而且我能在里面一边吃芝士汉堡一边抽雪茄。', speaker: 'Elon Musk'}
const en = {
  text: 'The real bottleneck is not chips, it is electricity: power, transformers and cooling. You cannot just throw a pile of GPUs at the door of a power plant and expect them to turn on.',
  speaker: 'Elon Musk'
}

/** Where the non-background pixels are, found by trimming the brand colour away. */
async function inkBox(png: Buffer) {
  const {info} = await sharp(png).trim({background: style.background, threshold: 12}).toBuffer({resolveWithObject: true})
  const left = -(info.trimOffsetLeft ?? 0)
  const top = -(info.trimOffsetTop ?? 0)
  return {left, top, right: left + info.width, bottom: top + info.height}
}

describe('cards', () => {
  for (const size of cardSizes) {
    for (const [name, quote] of [
      ['Chinese', zh],
      ['long English', en]
    ] as const) {
      it(`${size.name} ${name}: right size, text present and inside the safe margins`, async () => {
        const png = await renderCard(quote, size, {...style, language: name === 'Chinese' ? 'zh' : 'en'})
        const meta = await sharp(png).metadata()
        expect([meta.format, meta.width, meta.height]).toEqual(['png', size.width, size.height])
        const margin = Math.round(Math.min(size.width, size.height) * 0.1)
        const box = await inkBox(png)
        expect(box.left).toBeGreaterThanOrEqual(margin - 2)
        expect(box.top).toBeGreaterThanOrEqual(margin - 2)
        expect(box.right).toBeLessThanOrEqual(size.width - margin + 2)
        expect(box.bottom).toBeLessThanOrEqual(size.height - margin + 2)
        // The text fills the safe area, not a corner of it.
        expect((box.right - box.left) * (box.bottom - box.top)).toBeGreaterThan(0.4 * (size.width - 2 * margin) * (size.height - 2 * margin))
      })
    }
  }

  it('draws CJK characters as glyphs, not as the box of a missing character', async () => {
    confineFonts()
    const font = face('quote')
    const draw = async (text: string) =>
      (await sharp({text: {text: escapeMarkup(text), font: `${font.name} 64`, fontfile: font.file, dpi: 72, rgba: true}}).raw().toBuffer({resolveWithObject: true}))
    const glyph = await draw('你')
    const other = await draw('好')
    const missing = await draw('\uE000')
    expect(glyph.data.equals(missing.data)).toBe(false)
    expect(glyph.data.equals(other.data)).toBe(false)
    // Two missing characters differ only in the hex digits of their boxes; a glyph is no box.
    expect(glyph.info.width).toBeGreaterThan(0)
  })

  it('leaves out what the style does not have', () => {
    const {detail} = layoutCard(zh, cardSizes[0]!, {...style, show: ''}).attribution
    expect(detail).not.toContain('|')
    expect(detail.startsWith('埃隆·马斯克谈AGI')).toBe(true)
    expect(layoutCard(zh, cardSizes[0]!, {...style, show: 'Show', episode: 'Ep'}).attribution.detail).toBe('Show | Ep')
  })

  it('shortens an over-long title in one pass over its characters', () => {
    const detail = face('detail')
    const lookups = (title: string) => {
      const spy = vi.spyOn(detail.metrics, 'glyphForCodePoint')
      const layout = layoutCard(zh, cardSizes[0]!, {...style, show: '', episode: title})
      const count = spy.mock.calls.length
      spy.mockRestore()
      return {count, line: layout.attribution.detail}
    }
    const short = lookups('Long title '.repeat(100))
    const long = lookups('Long title '.repeat(1000))
    expect(long.line).toBe(short.line)
    expect(long.line.endsWith('…')).toBe(true)
    // Ten times the title, about ten times the work: was a hundred times.
    expect(long.count / short.count).toBeLessThan(12)
  })

  it('sets apostrophes and quotation marks as a typesetter does, in both languages', () => {
    expect(typographic(`Don't say "never" to the '90s, it's Wes' call.`)).toBe('Don’t say “never” to the ’90s, it’s Wes’ call.')
    expect(typographic(`He called it 'the wall'.`)).toBe('He called it ‘the wall’.')
    expect(typographic('他说"芯片墙"很快就会到来。')).toBe('他说“芯片墙”很快就会到来。')
    const {lines} = layoutCard({text: "We can't wait: it's the best time to build, and it's yours.", speaker: 'Elon Musk'}, cardSizes[0]!, {...style, language: 'en'}).quote
    expect(lines.join(' ')).not.toMatch(/['"]/)
  })

  it('balances a quote’s lines: no last line of one word under full ones', () => {
    for (const size of cardSizes) {
      const {lines} = layoutCard(en, size, {...style, language: 'en'}).quote
      expect(lines.length, size.name).toBeGreaterThan(1)
      expect(lines.at(-1)!.split(' ').length, `${size.name}: ${lines.join(' / ')}`).toBeGreaterThan(1)
      const widths = lines.map((line) => [...line].length)
      // The last line is not left short under full ones.
      expect(widths.at(-1)! / Math.max(...widths), lines.join(' / ')).toBeGreaterThan(0.4)
    }
  })

  it('leaves the title out rather than cut it inside its first words, and keeps it when enough fits', () => {
    const show = 'Moonshots with Peter Diamandis'
    const episode = '埃隆·马斯克谈AGI时间表、中美博弈、就业市场、清洁能源与人形机器人'
    const square = layoutCard(zh, cardSizes.find((size) => size.width === size.height)!, {...style, show, episode}).attribution.detail
    expect(square).toBe(show)
    const wide = layoutCard(zh, cardSizes.find((size) => size.width > size.height)!, {...style, show, episode}).attribution.detail
    expect(wide.startsWith(`${show} | 埃隆·马斯克谈AGI`)).toBe(true)
  })

  it('shortens an English episode title on a word boundary', () => {
    const {detail} = layoutCard(zh, cardSizes[0]!, {...style, show: 'Moonshots', episode: 'Elon Musk on the timeline to AGI, the contest between the US and China, jobs, clean energy and humanoid robots'}).attribution
    expect(detail.endsWith('…')).toBe(true)
    const bare = (text: string) => text.split(/\s+/).map((word) => word.replace(/[,;:]$/u, ''))
    const words = bare('Moonshots | Elon Musk on the timeline to AGI, the contest between the US and China, jobs, clean energy and humanoid robots')
    for (const word of bare(detail.slice(0, -1))) expect(words, detail).toContain(word)
  })

  it('gives byte-identical PNGs for the same quote', async () => {
    const a = await renderCard(zh, cardSizes[0]!, style)
    const b = await renderCard(zh, cardSizes[0]!, style)
    expect(a.equals(b)).toBe(true)
  })

  it('sets Pango markup characters as text', async () => {
    const png = await renderCard({text: 'Use <b>bold</b> & <span foreground="red">markup</span> safely.', speaker: 'A & <B>'}, cardSizes[1]!, {...style, language: 'en'})
    expect((await sharp(png).metadata()).width).toBe(1200)
  })

  it('draws the logo inside the margins, and says when a logo is not an image', async () => {
    const logo = await sharp({create: {width: 400, height: 200, channels: 3, background: '#e63946'}}).png().toBuffer()
    const png = await renderCard(zh, cardSizes[0]!, {...style, logo})
    const {data, info} = await sharp(png).raw().toBuffer({resolveWithObject: true})
    const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)]
    expect(at(110, 110)).toEqual([0xe6, 0x39, 0x46])
    expect(at(90, 90)).toEqual([0x1d, 0x35, 0x57])
    await expect(renderCard(zh, cardSizes[0]!, {...style, logo: Buffer.from('not an image')})).rejects.toMatchObject({ruleId: 'bad-logo'})
  })

  it('refuses what cannot make a card, clearly', async () => {
    const reject = (text: string) => renderCard({text, speaker: 'X'}, cardSizes[0]!, style)
    await expect(reject('  ')).rejects.toMatchObject({ruleId: 'empty-quote'})
    await expect(reject('我'.repeat(2000))).rejects.toMatchObject({ruleId: 'quote-too-long'})
    await expect(reject('🚀')).rejects.toThrow(/no glyph for `🚀` \(U\+1F680\)/)
    await expect(renderCard(zh, cardSizes[0]!, {...style, background: 'blue'})).rejects.toBeInstanceOf(CardError)
  })

  it('nests a quotation inside the quote in single marks, on the card and in its alt text', async () => {
    const nested = {text: '如果谈论的是“长寿逃逸速度”的话。', speaker: 'Elon Musk'}
    expect(layoutCard(nested, cardSizes[1]!, style).quote.lines.join('')).toBe('“如果谈论的是‘长寿逃逸速度’的话。”')
    expect(altText(nested, 'zh')).toBe('Elon Musk说：“如果谈论的是‘长寿逃逸速度’的话。”')
  })

  it('renders a batch, reporting the quotes that cannot be cards', async () => {
    const result = await renderCards([zh, {text: '🚀', speaker: 'X'}], style, 2)
    expect(result.cards.map((c) => c.file)).toEqual(['square', 'landscape', 'story'].map((size) => expect.stringMatching(new RegExp(`^cards/quote-01-${size}-[0-9a-f]{10}\\.png$`))))
    // The name is the picture's: its hash is of the bytes.
    for (const card of result.cards) expect(card.file).toContain(createHash('sha256').update(result.images.get(card.file)!).digest('hex').slice(0, 10))
    expect(result.cards[0]!.alt).toBe(`Elon Musk说：“${zh.text}”`)
    expect(result.problems.map((p) => [p.quote, p.size, p.ruleId])).toEqual([
      [1, 'square', 'missing-glyph'],
      [1, 'landscape', 'missing-glyph'],
      [1, 'story', 'missing-glyph']
    ])
  })
})
