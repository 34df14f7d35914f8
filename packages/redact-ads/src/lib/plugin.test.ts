import {readFileSync} from 'node:fs'
import {remarkSpeakers, splitSentences} from '@castline/parse'
import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {visit} from 'unist-util-visit'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import type {Options} from './options.js'
import {remarkRedactAds} from './plugin.js'
import type {Sponsor} from './types.js'
import {snapshot, verify} from './verify.js'

const sponsors: Sponsor[] = [
  {id: 'metatrends', name: 'Metatrends', aliases: ['Metatrends 时事通讯'], urls: ['diamandis.com/metatrends']},
  {id: 'blitzy', name: 'Blitzy', aliases: ['Blitzi'], urls: ['blitzy.com']}
]
const people = [
  {id: 'peter', name: 'Peter Diamandis', aliases: ['彼得·戴曼迪斯'], role: 'host' as const},
  {id: 'elon', name: 'Elon Musk', aliases: ['埃隆·马斯克'], role: 'guest' as const},
  {id: 'dave', name: 'Dave Blundin', aliases: ['Dave Blunden'], role: 'co-host' as const},
  {id: 'grok', name: 'Grok', role: 'guest' as const}
]

function run(text: string, options: Options = {sponsors}, redact = true) {
  const file = new VFile({path: 'transcript.md', value: text})
  const processor = unified().use(remarkParse).use(remarkSpeakers, {people, sponsors})
  if (redact) processor.use(remarkRedactAds, options)
  const tree = processor.runSync(processor.parse(file), file) as Root
  return {tree, file}
}

/** The conversation: every turn's text, in order. */
function conversation(tree: Root): string[] {
  const texts: string[] = []
  visit(tree, 'speakerTurn', (turn) => {
    texts.push(turn.children.map((child) => toString(child)).join('\n'))
  })
  return texts
}

describe('ad breaks', () => {
  it('removes every break, whatever sponsor, and records it', () => {
    const {tree, file} = run(
      '**Elon Musk:** a\n\n***\n\n**[广告时间：Metatrends 时事通讯]**\n\nRead the newsletter.\n\n***\n\n**Elon Musk:** b\n\n***\n\n**Break:**\n\n***\n\n**Elon Musk:** c'
    )
    expect(conversation(tree)).toEqual(['a', 'b', 'c'])
    expect(file.data.redactions).toMatchObject([
      {kind: 'break', sponsor: 'metatrends', marker: '广告时间：Metatrends 时事通讯', text: 'Read the newsletter.', position: {start: {line: 5, column: 1}}},
      {kind: 'break', marker: 'Break', text: ''}
    ])
    expect(file.data.redactions?.[1]?.sponsor).toBeUndefined()
    expect(file.messages.map((m) => m.ruleId)).toEqual(['ad-break', 'ad-break'])
  })
})

describe('host-read promos', () => {
  it('removes the promo sentences and keeps the rest of the turn', () => {
    const {tree, file} = run(
      '**Peter Diamandis:** 谢谢收看。我还想邀请你加入我的每周通讯 Metatrends。我有一个研究团队。如果你想获得 Metatrends 通讯，请访问 diamandis.com/Metatrends。再次感谢。'
    )
    expect(conversation(tree)).toEqual(['谢谢收看。再次感谢。'])
    expect(file.data.redactions).toMatchObject([
      {
        kind: 'promo',
        sponsor: 'metatrends',
        speaker: 'Peter Diamandis',
        turn: 't1',
        offset: 5,
        text: '我还想邀请你加入我的每周通讯 Metatrends。我有一个研究团队。如果你想获得 Metatrends 通讯，请访问 diamandis.com/Metatrends。',
        position: {start: {line: 1, column: 27}}
      }
    ])
  })

  it('cuts through emphasis and links without touching their neighbours', () => {
    const {tree} = run('**Elon Musk:** Before. Use *code ELON* at [Blitzy](https://blitzy.com) today. After **this**.')
    expect(conversation(tree)).toEqual(['Before. After this.'])
  })

  it('keeps a sponsor mention without a call to action, with a warning unless allowed', () => {
    const text = '**Elon Musk:** I read Metatrends sometimes.'
    const {tree, file} = run(text)
    expect(conversation(tree)).toEqual(['I read Metatrends sometimes.'])
    const warning = file.messages.find((m) => m.ruleId === 'sponsor-mention')
    expect(warning).toMatchObject({line: 1, column: 23})
    const allowed = run(text, {sponsors: sponsors.map((s) => ({...s, allowMentions: true}))})
    expect(allowed.file.messages).toEqual([])
  })

  it('treats the show’s own products like sponsors', () => {
    const {tree, file} = run('**Peter Diamandis:** Great talk. Sign up for Abundance360 at abundance360.com. Bye.', {
      sponsors,
      products: [{id: 'a360', name: 'Abundance360'}]
    })
    expect(conversation(tree)).toEqual(['Great talk. Bye.'])
    expect(file.data.redactions?.[0]).toMatchObject({kind: 'promo', sponsor: 'a360'})
  })

  it('does not match a sponsor name inside another word', () => {
    const {file} = run('**Elon Musk:** Visit the Blitzing site.')
    expect(file.data.redactions).toEqual([])
  })
})

describe('nothing of the conversation is lost', () => {
  it('catches a redaction that drops text it did not record', () => {
    const {tree} = run('**Elon Musk:** One. Two.\n\n**Peter Diamandis:** Three.', {}, false)
    const before = snapshot(tree)
    visit(tree, 'text', (node) => {
      if (node.value.includes('Two')) node.value = 'One. '
    })
    expect(verify(before, tree, new Map(), new Map())).toMatch(/became/)
    const [first] = before
    expect(verify(before, tree, new Map([[first!.node, [{offset: 5, text: 'Two.'}]]]), new Map())).toBeUndefined()
    expect(verify(before, tree, new Map([[first!.node, [{offset: 5, text: 'Six.'}]]]), new Map())).toMatch(/not in the text/)
  })

  it('holds on generated transcripts with breaks and promos', () => {
    let seed = 7
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!
    const talk = ['我们正身处奇点之中。', 'AI will change work. ', '能源就是一切。', 'Solar is cheap now. ', '机器人会比人多。', '这没有开关可控。']
    const promo = ['请访问 diamandis.com/Metatrends 订阅 Metatrends。', 'Visit blitzy.com and use code MOON for Blitzy. ']
    for (let round = 0; round < 40; round++) {
      const kept: string[] = []
      const removed: string[] = []
      const blocks: string[] = []
      for (let b = 0; b < 12; b++) {
        const roll = random()
        if (roll < 0.15) {
          const copy = `Ad copy ${b}: Blitzy builds software.`
          removed.push(copy)
          blocks.push('***', `**[广告时间：${pick(['Blitzi', 'Metatrends'])}]**`, copy, '***')
          continue
        }
        const sentences = Array.from({length: 1 + Math.floor(random() * 4)}, () => pick(talk))
        if (roll > 0.8) {
          const at = Math.floor(random() * (sentences.length + 1))
          const ad = pick(promo)
          sentences.splice(at, 0, ad)
          removed.push(ad.trim())
        }
        const text = sentences.join('')
        blocks.push(`**${pick(['Elon Musk', '彼得·戴曼迪斯'])}：** ${text}`)
        kept.push(...sentences.filter((s) => !promo.includes(s)).map((s) => s.trim()))
      }
      const source = blocks.join('\n\n')
      const {tree, file} = run(source)
      const after = conversation(tree).join(' ')
      // Every conversation sentence survives, in order; no ad text does.
      let from = 0
      for (const sentence of kept) {
        const at = after.indexOf(sentence, from)
        expect(at, `${sentence} in round ${round}`).toBeGreaterThanOrEqual(0)
        from = at + sentence.length
      }
      for (const ad of removed) expect(after).not.toContain(ad.slice(0, 12))
      const recorded = (file.data.redactions ?? []).map((r) => r.text.trim())
      for (const ad of removed) expect(recorded.some((text) => text.includes(ad))).toBe(true)
    }
  })

  it('holds on the bundled episode: every sentence stays unless recorded as removed', () => {
    const text = readFileSync(new URL('../../../../content/episodes/moonshots-elon-musk/transcript.md', import.meta.url), 'utf8')
    const before = conversation(run(text, {}, false).tree)
    const {tree, file} = run(text)
    const after = conversation(tree)
    const removed = (file.data.redactions ?? []).filter((r) => r.kind === 'promo').map((r) => r.text)
    expect(file.data.redactions?.map((r) => [r.kind, r.sponsor])).toEqual([
      ['break', 'metatrends'],
      ['break', 'blitzy'],
      ['promo', 'metatrends']
    ])
    expect(after).toHaveLength(before.length)
    let lost = 0
    before.forEach((turn, index) => {
      for (const sentence of splitSentences(turn)) {
        if (after[index]!.includes(sentence.text.trim())) continue
        if (removed.some((text) => text.includes(sentence.text.trim()))) continue
        lost++
      }
    })
    expect(lost).toBe(0)
    const outro = after.at(-1)!
    expect(outro).not.toMatch(/Metatrends|diamandis\.com/)
    expect(outro).toContain('再次感谢你今天加入我们。')
    expect(outro).toContain('如果你还不是订阅者，请考虑订阅')
  })
})

describe('options', () => {
  it('are checked up front', () => {
    expect(() => unified().use(remarkRedactAds, {sponsors: [{id: 'a', name: ''}]}).freeze()).toThrow(/needs a `name`/)
    expect(() => unified().use(remarkRedactAds, {callsToAction: ['(']}).freeze()).toThrow(/invalid regular expression/)
    expect(() => unified().use(remarkRedactAds, {promoGap: -1}).freeze()).toThrow(/promoGap/)
  })
})
