import remarkParse from 'remark-parse'
import {remarkSpeakers} from '@castline/parse'
import {unified} from 'unified'
import {describe, expect, it} from 'vitest'
import {boundaryCue} from './chapters.js'
import {asksSomeone} from './quotes.js'
import {attributed, attributedAgain, firstPerson} from './summary.js'
import {chapterTerm, wholeTerm} from './titles.js'
import {collectTurns} from './turns.js'
import type {TurnInfo} from './turns.js'

const turnsOf = (markdown: string): TurnInfo[] => {
  const processor = unified().use(remarkParse).use(remarkSpeakers)
  return collectTurns(processor.runSync(processor.parse(markdown)) as never)
}

describe('where a chapter may start', () => {
  const turns = turnsOf(
    [
      '**Announcer:** You are listening to the show.',
      "**Wes:** Welcome to the show. Today we have Adam on to talk about how stuff gets added to CSS and who decides what goes in. What's the first step, Adam?",
      '**Adam:** The first step is a proposal: anyone can open an issue on the working group repository, and the group reads every one of them.',
      "**Wes:** Okay, let's talk about hosting. Where can you host these things?",
      '**Adam:** statically use.',
      '**Wes:** Yeah. Cool.'
    ].join('\n\n')
  )

  it('infers the host from who opens and asks, not from the jingle', () => {
    expect(turns.find((t) => t.speaker === 'Wes')!.role).toBe('host')
    expect(turns.find((t) => t.speaker === 'Announcer')!.role).not.toBe('host')
  })

  it('takes a host who opens with a short question for the host, and a jingle split between speakers for no one (changelog--friends-79, syntax-298)', () => {
    const answer = 'I just stopped eating breakfast a while ago, and I spend the mornings on my home lab instead, racking servers and editing the next video for the channel.'
    const chat = turnsOf(
      [
        "**Adam:** So Tim, no breakfast. You're not a breakfast guy?",
        `**Tim:** ${answer}`,
        '**Adam:** There is no reason for it, then, you just skip it every single day of the week and go straight to the rack?',
        `**Tim:** ${answer} ${answer}`
      ].join('\n\n')
    )
    expect(chat.find((t) => t.speaker === 'Adam')!.role).toBe('host')
    expect(chat.find((t) => t.speaker === 'Tim')!.role).toBe('guest')
    const jingle = turnsOf(
      [
        "**Josh:** You're listening to Syntax,",
        '**Wes:** the podcast with the tastiest web',
        '**Josh:** development treats out there,',
        "**Wes:** Welcome to Syntax. Today we have Josh on to talk about coding with his voice, which he has done for a year now. What's your background, Josh?",
        `**Josh:** ${answer} ${answer}`
      ].join('\n\n')
    )
    expect(jingle.find((t) => t.speaker === 'Wes')!.role).toBe('host')
    expect(jingle.find((t) => t.speaker === 'Josh')!.role).toBe('guest')
  })

  it('favours a host question or an announced subject, and never a reply fragment', () => {
    expect(boundaryCue(turns[3]!, turns[2])).toBe(1)
    expect(boundaryCue(turns[4]!, turns[3])).toBeLessThan(0)
    expect(boundaryCue(turns[5]!, turns[4])).toBeLessThan(0)
    expect(boundaryCue(turns[2]!, turns[1])).toBe(0)
  })
})

describe('quotes and the summary', () => {
  it('takes no question put to someone as a quote, but keeps a reported one', () => {
    expect(asksSomeone('Is the objective of a feature to make it a reusable part of the workflow for building these models?')).toBe(true)
    expect(asksSomeone('What would you do with a feature store? I would start small.')).toBe(true)
    expect(asksSomeone('每一位大CEO、经济学家和政府领导人都应该问自己：“我们该怎么办？”')).toBe(false)
    expect(asksSomeone('Why does latency matter? Because a prediction waits for every feature.')).toBe(false)
  })

  it('attributes every line taken from the conversation', () => {
    expect(firstPerson("I'm gonna arrive early in Valencia, so if anyone's around, hit me up.")).toBe(true)
    expect(firstPerson('We built the server in Go.')).toBe(true)
    expect(firstPerson('Features are the engineered inputs to a model.')).toBe(false)
    expect(firstPerson('我们正处于奇点之中。')).toBe(true)
    expect(attributed('I just don\'t like "maple syrup".', 'Mike Eastham', false)).toBe('Mike Eastham: “I just don\'t like ‘maple syrup’.”')
    expect(attributed('我们已经身处奇点之中了。', '埃隆·马斯克', true)).toBe('埃隆·马斯克说：“我们已经身处奇点之中了。”')
    expect(attributedAgain('中国在太阳能领域的成就令人惊叹。', true)).toBe('随后又说：“中国在太阳能领域的成就令人惊叹。”')
    expect(attributedAgain('Features are inputs.', false)).toBe('Later: “Features are inputs.”')
  })
})

describe('Chinese terms kept whole', () => {
  it('grows a cut term by what the episode always says around it', () => {
    const text = '长寿逃逸速度是关键。我们谈长寿逃逸速度。长寿逃逸速度会到来。长寿很重要。'
    expect(wholeTerm('长寿逃逸', text)).toBe('长寿逃逸速度')
    expect(wholeTerm('长寿', text)).toBe('长寿')
    expect(wholeTerm('Optimus', text)).toBe('Optimus')
  })

  it('grows a term only to where a word starts or ends: a measure word before it is not part of it', () => {
    // The bundled episode counts atoms: 个硅原子 each time, and 个 is jieba's measure word.
    const text = '需要10的57次方个硅原子。大约一千个硅原子。每一个硅原子都算数。'
    expect(wholeTerm('硅原子', text)).toBe('硅原子')
  })

  it('grows a term the segmenter cut by what the chapter keeps saying after it, to the end of a word', () => {
    const chapter = [{text: '我们如何使用更少的内存？我们如何使用更少的内存带宽？'}, {text: '物理限制是内存大小、内存带宽。内存带宽才是瓶颈。'}]
    expect(chapterTerm('内存', chapter)).toBe('内存带宽')
    // Said after it once, or in fewer than half its mentions: not the term.
    expect(chapterTerm('内存', [{text: '内存带宽。内存很贵。内存不够。内存大小。'}])).toBe('内存')
    expect(chapterTerm('Optimus', chapter)).toBe('Optimus')
  })
})
