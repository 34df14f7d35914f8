import {readFileSync} from 'node:fs'
import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import remarkParse from 'remark-parse'
import remarkStringify from 'remark-stringify'
import {unified} from 'unified'
import {visit} from 'unist-util-visit'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import type {Options} from './options.js'
import {remarkSpeakers} from './plugin.js'
import {remarkSpeakersStringify} from './stringify.js'
import type {AdBreak, Section, SpeakerTurn, Timestamp} from './types.js'

const people: NonNullable<Options['people']> = [
  {id: 'peter', name: 'Peter Diamandis', aliases: ['彼得·戴曼迪斯'], role: 'host'},
  {id: 'elon', name: 'Elon Musk', aliases: ['埃隆·马斯克'], role: 'guest'}
]
const sponsors = [
  {id: 'metatrends', name: 'Metatrends'},
  {id: 'blitzy', name: 'Blitzy', aliases: ['Blitzi']}
]

function run(text: string, options: Options = {people, sponsors}) {
  const file = new VFile({path: 'transcript.md', value: text})
  const processor = unified().use(remarkParse).use(remarkSpeakers, options)
  const tree = processor.runSync(processor.parse(file), file) as Root
  return {tree, file}
}

function turns(tree: Root): SpeakerTurn[] {
  const found: SpeakerTurn[] = []
  visit(tree, 'speakerTurn', (node) => {
    found.push(node)
  })
  return found
}

const said = (tree: Root) => turns(tree).map((turn) => [turn.speaker.person ?? turn.speaker.name, toString(turn)])

describe('speaker labels', () => {
  it('reads every label form of real transcripts', () => {
    const {tree} = run(
      [
        '**Elon Musk:** one',
        '**Elon Musk**: two',
        '**埃隆·马斯克：** three',
        '**埃隆·马斯克**：four',
        'Elon Musk: five',
        '**彼得·戴曼迪斯（Peter Diamandis）：** six'
      ].join('\n\n')
    )
    expect(said(tree)).toEqual([
      ['elon', 'one'],
      ['elon', 'two'],
      ['elon', 'three'],
      ['elon', 'four'],
      ['elon', 'five'],
      ['peter', 'six']
    ])
  })

  it('does not take a lead-in to a quotation for a speaker (changelog-news-120: "Here\'s Mark Rainey:")', () => {
    const {tree} = run("**Elon Musk:** From a blog post.\n\nHere's Mark Rainey:\n\n> Engineers are debugging Voyager 1.\n\nAs Linus puts it: talk is cheap.")
    expect(said(tree)).toEqual([['elon', "From a blog post.Here's Mark Rainey:Engineers are debugging Voyager 1.As Linus puts it: talk is cheap."]])
  })

  it('reads a bold Chinese label with no space after it, which CommonMark does not make bold', () => {
    const {tree} = run('**杨宁：**各位朋友大家好。\n\n**王芳：**大家好，我是王芳。\n\n**Elon Musk:**Hi.', {})
    expect(said(tree)).toEqual([
      ['杨宁', '各位朋友大家好。'],
      ['王芳', '大家好，我是王芳。'],
      ['Elon Musk', 'Hi.']
    ])
    const first = turns(tree)[0]!.children[0]!
    expect(first.position?.start.column).toBe(8)
  })

  it('reads plain Chinese labels: a name a bold label gives, or one that opens two lines, never a speech verb', () => {
    const {tree} = run('杨宁：各位朋友大家好。\n\n张三：谢谢邀请。\n\n**杨宁：**我们聊聊。\n\n她说：“不错。”\n\n**张三（Zhang San）：**好的。\n\n她说：“好。”', {})
    expect(said(tree)).toEqual([
      ['杨宁', '各位朋友大家好。'],
      ['Zhang San', '谢谢邀请。'],
      ['杨宁', '我们聊聊。她说：“不错。”'],
      ['Zhang San', '好的。她说：“好。”']
    ])
    const plain = run('王芳：第一句。\n\n李雷：第二句。\n\n王芳：第三句。\n\n李雷：第四句。', {}).tree
    expect(said(plain).map(([name]) => name)).toEqual(['王芳', '李雷', '王芳', '李雷'])
  })

  it('says where a label is too long to be one, and what became of its line', () => {
    const {tree, file} = run(`**Elon Musk:** First.\n\n**${'A'.repeat(500)}:** Second.`)
    expect(turns(tree)).toHaveLength(1)
    const message = file.messages.find((m) => m.ruleId === 'label-too-long')!
    expect(message.reason).toMatch(/500 characters long .*kept as speech of the speaker before it/)
    expect(message.line).toBe(3)
    expect(message.column).toBe(1)
  })

  it('starts a new turn at a label on a later line of the same paragraph', () => {
    const {tree} = run('**Elon Musk:** first line\nPeter Diamandis: second speaker\n**Elon Musk:** third')
    expect(said(tree)).toEqual([
      ['elon', 'first line'],
      ['peter', 'second speaker'],
      ['elon', 'third']
    ])
    const second = turns(tree)[1]!
    expect(second.position?.start).toMatchObject({line: 2, column: 1})
  })

  it('continues the last speaker across paragraphs without a label, keeping emphasis', () => {
    const {tree} = run('**Elon Musk:** first\n\nmore *from* **me**\n\n**Peter Diamandis:** next')
    const [elon] = turns(tree)
    expect(elon!.children).toHaveLength(2)
    expect(elon!.children[1]).toMatchObject({type: 'paragraph', children: [{type: 'text'}, {type: 'emphasis'}, {type: 'text'}, {type: 'strong'}]})
    expect(said(tree)).toEqual([
      ['elon', 'firstmore from me'],
      ['peter', 'next']
    ])
  })

  it('reads a name that ends in a credential after a comma, but not a sentence', () => {
    const {tree} = run('**Mireille B. Reece, Psy.D:** Good morning!\n\n**Adam Stacoviak:** Hey.\n\n**Jane Doe, PhD:** Hi.\n\n**So, anyway:** not a label', {})
    expect(turns(tree).map((turn) => turn.speaker.name)).toEqual(['Mireille B. Reece, Psy.D', 'Adam Stacoviak', 'Jane Doe, PhD'])
    expect(toString(turns(tree)[2]!)).toContain('So, anyway')
  })

  it('does not take speech with a colon for a label', () => {
    const {tree} = run(
      '**Elon Musk:** start\n\n然后那两个人说：“等一下，我们手里的钱没变。”\n\nhttps://example.com: a link\n\n12:30: a time'
    )
    expect(turns(tree)).toHaveLength(1)
    expect(toString(turns(tree)[0]!)).toContain('然后那两个人说：“等一下')
  })

  it('resolves a generic host label to the one host, and warns once per label where it could be several', () => {
    const one = run('**主持人：** hello\n\n**Host:** hi')
    expect(turns(one.tree).map((t) => t.speaker.person)).toEqual(['peter', 'peter'])
    expect(one.file.messages).toHaveLength(0)
    const two = run('**主持人：** hello\n\n**Host:** hi\n\n**主持人：** again', {people: [...people, {id: 'dave', name: 'Dave Blundin', role: 'co-host'}], sponsors})
    for (const turn of turns(two.tree)) {
      expect(turn.speaker.role).toBe('host')
      expect(turn.speaker.person).toBeUndefined()
    }
    expect(two.file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason.split(':')[0]}`)).toEqual([
      '1:1 generic-speaker 2 turn(s) are labelled `主持人`, which could be Peter Diamandis or Dave Blundin',
      '3:1 generic-speaker 1 turn(s) are labelled `Host`, which could be Peter Diamandis or Dave Blundin'
    ])
    expect(two.file.messages[0]!.reason).toMatch(/add `主持人` to one person's aliases in episode\.yaml/)
  })

  it('warns once about an unknown label, with line and column, and keeps the label', () => {
    const {tree, file} = run('**Elon Musk:** a\n\n**Jane Roe:** b\n\n**Jane Roe:** c')
    expect(turns(tree)[1]!.speaker).toEqual({label: 'Jane Roe', name: 'Jane Roe'})
    const warnings = file.messages.filter((m) => m.ruleId === 'unknown-speaker')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({line: 3, column: 1, source: 'castline-parse'})
  })

  it('learns an alias from a 名字（English） label, even for earlier turns', () => {
    const {tree, file} = run('**埃隆：** a\n\n**Elon:** b\n\n**埃隆（Elon）：** c', {})
    const names = new Set(turns(tree).map((turn) => turn.speaker.name))
    expect(names).toEqual(new Set(['Elon']))
    expect(file.messages.map((m) => m.ruleId)).toEqual(['learned-alias'])
  })
})

describe('title, sections and ad breaks', () => {
  it('takes the title from a leading bold paragraph, or from options', () => {
    expect(run('**My Show Title**\n\n**Elon Musk:** hi').file.data.title).toBe('My Show Title')
    expect(run('# Heading Title\n\n**Elon Musk:** hi').file.data.title).toBe('Heading Title')
    const {file, tree} = run('**Old**\n\n**Elon Musk:** hi', {people, title: 'New'})
    expect(file.data.title).toBe('New')
    expect(toString(tree.children[0]!)).toBe('New')
    expect(file.messages.map((m) => m.ruleId)).toEqual(['title-mismatch'])
  })

  it('starts sections at markers and rules, and frames ad breaks between rules', () => {
    const {tree} = run(
      [
        '**Title**',
        '**[预告片段]**\n**Elon Musk:** teaser',
        '***',
        '**Peter Diamandis:** main one',
        '***',
        '**[广告时间：Metatrends 时事通讯]**',
        'Ad copy read by the host.',
        '***',
        '**Peter Diamandis:** main two',
        '**[Outro]**',
        '**Peter Diamandis:** bye'
      ].join('\n\n')
    )
    expect(tree.children.map((node) => node.type)).toEqual(['heading', 'section', 'section', 'adBreak', 'section', 'section'])
    const sections = tree.children.filter((node): node is Section => node.type === 'section')
    expect(sections.map((s) => [s.kind, s.name])).toEqual([
      ['teaser', '预告片段'],
      ['main', undefined],
      ['main', undefined],
      ['outro', 'Outro']
    ])
    const ad = tree.children[3] as AdBreak
    expect(ad).toMatchObject({marker: '广告时间：Metatrends 时事通讯', sponsor: 'metatrends', closedBy: 'rule'})
    expect(toString(ad)).toBe('Ad copy read by the host.')
  })

  it('reads `**Break:**` as an ad marker with its copy', () => {
    const {tree} = run('**Elon Musk:** a\n\n***\n\n**Break:** This episode is brought to you by Blitzi.\n\n***\n\n**Elon Musk:** b')
    const ad = tree.children.find((node): node is AdBreak => node.type === 'adBreak')!
    expect(ad).toMatchObject({marker: 'Break', sponsor: 'blitzy'})
    expect(toString(ad)).toBe('This episode is brought to you by Blitzi.')
    expect(said(tree)).toEqual([
      ['elon', 'a'],
      ['elon', 'b']
    ])
  })

  it('ends an unframed break at the next speaker label and says so', () => {
    const {tree, file} = run('**Elon Musk:** a\n\n**[Ad break: Blitzy]**\n\nBuy things.\n\n**Elon Musk:** b')
    expect(said(tree)).toEqual([
      ['elon', 'a'],
      ['elon', 'b']
    ])
    const ad = turnsAndBreaks(tree).find((node) => node.type === 'adBreak') as AdBreak
    expect(ad).toMatchObject({closedBy: 'label', sponsor: 'blitzy'})
    expect(file.messages.map((m) => m.ruleId)).toEqual(['unframed-ad-break'])
  })

  it('does not let a break that never closes swallow the conversation', () => {
    const {tree, file} = run('**Elon Musk:** a\n\n***\n\n**[广告]**\n\nAd copy.\n\n**Elon Musk:** b\n\n**Peter Diamandis:** c')
    expect(said(tree).map(([, text]) => text)).toEqual(['a', 'b', 'c'])
    expect(file.messages.map((m) => m.ruleId)).toEqual(['unclosed-ad-break'])
  })

  it('keeps two back-to-back breaks apart', () => {
    const {tree, file} = run('**Elon Musk:** a\n\n***\n\n**[广告：Metatrends]**\n\n**[广告：Blitzi]**\n\n***\n\n**Elon Musk:** b')
    const ads = tree.children.filter((node): node is AdBreak => node.type === 'adBreak')
    expect(ads.map((ad) => ad.sponsor)).toEqual(['metatrends', 'blitzy'])
    expect(file.messages.map((m) => m.ruleId)).toEqual(['adjacent-ad-breaks'])
  })
})

function turnsAndBreaks(tree: Root) {
  const found: Array<SpeakerTurn | AdBreak> = []
  visit(tree, (node) => {
    if (node.type === 'speakerTurn' || node.type === 'adBreak') found.push(node as SpeakerTurn | AdBreak)
  })
  return found
}

describe('timestamps and start times', () => {
  it('turns inline timestamps into nodes with seconds and positions', () => {
    const source = '**Elon Musk:** [04:33] hello\n\n**Peter Diamandis:** \\[01:06:22.12\\] later'
    const {tree} = run(source)
    const stamps: Timestamp[] = []
    visit(tree, 'timestamp', (node) => {
      stamps.push(node)
    })
    // A mark takes the space after it, so that the words around it read with one space between.
    expect(stamps.map((s) => [s.raw, s.seconds])).toEqual([
      ['[04:33] ', 273],
      ['[01:06:22.12] ', 3982.12]
    ])
    const texts: string[] = []
    visit(tree, 'speakerTurn', (turn) => {
      texts.push(toString(turn))
    })
    expect(texts).toEqual(['hello', 'later'])
    for (const stamp of stamps) {
      const {start, end} = stamp.position!
      expect(source.slice(start.offset, end.offset).replaceAll('\\', '')).toBe(stamp.raw)
    }
    expect(turns(tree).map((turn) => turn.start)).toEqual([
      {seconds: 273, estimated: false},
      {seconds: 3982.12, estimated: false}
    ])
  })

  it('estimates start times between anchors from the amount of speech', () => {
    const words = (n: number) => Array.from({length: n}, () => 'word').join(' ')
    const {tree, file} = run(
      `**Elon Musk:** [00:00] ${words(10)}\n\n**Peter Diamandis:** ${words(30)}\n\n**Elon Musk:** [01:00] end`
    )
    // 10 words then 30 words before the one-minute mark: the second turn starts a quarter of the way.
    expect(turns(tree).map((turn) => turn.start)).toEqual([
      {seconds: 0, estimated: false},
      {seconds: 15, estimated: true},
      {seconds: 60, estimated: false}
    ])
    expect(file.data.timing).toMatchObject({estimated: true, anchors: 2})
  })

  it('uses a timestamp before the label as the turn start', () => {
    const {tree} = run('[00:10] **Elon Musk:** hi\n\n[00:20] Peter Diamandis: yes')
    expect(turns(tree).map((turn) => [turn.speaker.person, turn.start])).toEqual([
      ['elon', {seconds: 10, estimated: false}],
      ['peter', {seconds: 20, estimated: false}]
    ])
  })

  it('scales estimates to the given duration, and rates Chinese by characters', () => {
    const {tree, file} = run('**埃隆·马斯克：** 一二三四五六七八\n\n**彼得·戴曼迪斯：** 一二三四五六七八', {people, duration: 100})
    expect(turns(tree).map((turn) => turn.start?.seconds)).toEqual([0, 50])
    expect(file.data.timing?.duration).toBe(100)
    const plain = run('**埃隆·马斯克：** 一二三四五六七八\n\n**彼得·戴曼迪斯：** 一二三四')
    // 8 characters at 4 a second.
    expect(turns(plain.tree)[1]!.start).toEqual({seconds: 2, estimated: true})
  })

  it('ignores a timestamp that goes back in time, with a warning', () => {
    const {file} = run('**Elon Musk:** [10:00] a\n\n**Peter Diamandis:** [05:00] b')
    expect(file.messages.map((m) => [m.ruleId, m.line])).toEqual([['timestamp-order', 3]])
  })
})

describe('language', () => {
  it('tells Chinese, English and mixed transcripts apart', () => {
    expect(run('**Elon Musk:** 我们正身处奇点之中，这是一个了不起的未来。').file.data.language).toBe('zh')
    expect(run('**Elon Musk:** We are in the singularity and it is accelerating.').file.data.language).toBe('en')
    expect(run('**Elon Musk:** 我们正身处奇点之中。\n\n**Peter Diamandis:** We are in the singularity, right now.').file.data.language).toBe(
      'mixed'
    )
  })
})

describe('failures', () => {
  it('fails on a transcript with no speaker, naming the rule', () => {
    expect(() => run('Just some text.\n\nAnd more.')).toThrow(/No speaker label found/)
  })

  it('rejects bad options up front', () => {
    expect(() => unified().use(remarkSpeakers, {adMarkers: ['(']}).freeze()).toThrow(/not a valid regular expression/)
    expect(() => unified().use(remarkSpeakers, {people: [{id: 'a', name: 'A', role: 'boss' as never}]}).freeze()).toThrow(/role/)
    expect(() => unified().use(remarkSpeakers, {duration: -1}).freeze()).toThrow(/duration/)
  })
})

describe('stringify', () => {
  const print = (text: string, options?: Parameters<typeof remarkSpeakersStringify>[0]) => {
    const file = new VFile({value: text})
    const processor = unified().use(remarkParse).use(remarkSpeakers, {people, sponsors}).use(remarkStringify).use(remarkSpeakersStringify, options)
    const tree = processor.runSync(processor.parse(file), file)
    return processor.stringify(tree as Root, file)
  }

  it('prints one labelled paragraph a turn under canonical names', () => {
    expect(print('**埃隆·马斯克：** 你好 *世界*\n彼得·戴曼迪斯: ok\n\nmore')).toBe(
      '**Elon Musk:** 你好 *世界*\n\n**Peter Diamandis:** ok\n\nmore\n'
    )
    expect(print('**埃隆·马斯克：** 你好', {names: 'label'})).toBe('**埃隆·马斯克：** 你好\n')
  })

  it('keeps or drops sections and breaks as asked, and round-trips', () => {
    const source = '**[Teaser]**\n**Elon Musk:** a\n\n***\n\n**[Ad: Blitzy]**\n\nCopy.\n\n***\n\n**Elon Musk:** b [01:02]\n'
    const kept = print(source)
    expect(kept).toBe(source)
    expect(print(kept)).toBe(kept)
    expect(print(source, {sections: 'drop', adBreaks: 'drop'})).toBe('**Elon Musk:** a\n\n**Elon Musk:** b [01:02]\n')
  })
})

describe('the bundled episode', () => {
  const text = readFileSync(new URL('../../../../content/episodes/moonshots-elon-musk/transcript.md', import.meta.url), 'utf8')
  const {tree, file} = run(text, {
    people: [...people, {id: 'dave', name: 'Dave Blundin', aliases: ['Dave Blunden'], role: 'co-host'}, {id: 'grok', name: 'Grok', role: 'guest'}],
    sponsors
  })

  it('attributes every turn', () => {
    const count = (key: string) => turns(tree).filter((turn) => (turn.speaker.person ?? turn.speaker.role) === key).length
    // Counted independently from the labels at line starts of the source.
    const lineStarts = (pattern: RegExp) => text.split('\n').filter((line) => pattern.test(line)).length
    expect(count('elon')).toBe(lineStarts(/^(\*\*)?(Elon Musk|埃隆·马斯克)(\*\*)?[:：（]/))
    expect(count('peter')).toBe(lineStarts(/^(\*\*)?(Peter Diamandis|彼得·戴曼迪斯)(\*\*)?[:：]/))
    expect(count('host')).toBe(lineStarts(/^\*\*主持人：\*\*/))
    expect(count('grok')).toBe(7)
    expect(count('dave')).toBe(1)
    expect(file.messages.filter((m) => m.ruleId === 'unknown-speaker')).toEqual([])
  })

  it('finds the title, the teaser, and both sponsor breaks', () => {
    expect(file.data.title).toBe('埃隆·马斯克谈AGI时间表、中美博弈、就业市场、清洁能源与人形机器人')
    expect(file.data.language).toBe('zh')
    expect(file.data.sections?.[0]).toMatchObject({kind: 'teaser', name: '预告片段', turns: 6})
    const ads = tree.children.filter((node): node is AdBreak => node.type === 'adBreak')
    expect(ads.map((ad) => [ad.sponsor, ad.position?.start.line])).toEqual([
      ['metatrends', 176],
      ['blitzy', 470]
    ])
  })

  it('points every turn at its label in the source', () => {
    for (const turn of turns(tree)) {
      const at = text.slice(turn.position!.start.offset, turn.position!.start.offset! + 40)
      expect(at.replace(/^\*\*/, '').startsWith(turn.speaker.label)).toBe(true)
    }
  })

  it('gives start times that only move forward', () => {
    const starts = turns(tree).map((turn) => turn.start!.seconds)
    expect(starts.every((s, i) => i === 0 || s >= starts[i - 1]!)).toBe(true)
    expect(file.data.timing?.duration).toBeGreaterThan(3600)
  })
})

describe('positions', () => {
  it('are on every node, and each turn paragraph points at its own text', () => {
    const text = '**Old title**\n\n**Elon Musk:** one\nmore\nPeter Diamandis: two [00:10]\n\n***\n\n**[Ad: Blitzy]**\n\nCopy.'
    const {tree} = run(text, {people, sponsors, title: 'New title'})
    visit(tree, (node) => {
      expect(node.position, node.type).toBeDefined()
    })
    for (const turn of turns(tree)) {
      const first = turn.children[0]!
      const slice = text.slice(first.position!.start.offset, first.position!.end.offset)
      // Timestamps are nodes without text: the source has them, the plain text not.
      expect(slice.replace(/\s*\[\d{2}:\d{2}\]/g, '')).toBe(toString(first).trim())
    }
  })
})
