import {describe, expect, it} from 'vitest'
import {detectLanguage, formatTime, normalizeName, speechSeconds, splitSentences, timestampPattern, timestampSeconds} from './text.js'

describe('splitSentences', () => {
  it('splits at Chinese and English sentence ends, keeping closing quotes', () => {
    const text = '他说：“我们该怎么办？”我不知道。真的吗！Yes. It is 4.2 now; see diamandis.com/Metatrends. 好的'
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      '他说：“我们该怎么办？”',
      '我不知道。',
      '真的吗！',
      'Yes. ',
      'It is 4.2 now; ',
      'see diamandis.com/Metatrends. ',
      '好的'
    ])
  })

  it('does not end a sentence at an ellipsis run', () => {
    expect(splitSentences('嗯……中国做得非常出色。Well... no.').map((s) => s.text)).toEqual(['嗯……中国做得非常出色。', 'Well... no.'])
  })

  it('covers every character exactly once, on any text', () => {
    // A fixed-seed generator: the same cases every run, many shapes of text.
    let seed = 42
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    const alphabet = ['我', '们', '。', '！', '？', '”', '“', ' ', '.', 'a', 'B', '\n', '…', '；', ')', '4', '/']
    for (let round = 0; round < 500; round++) {
      const text = Array.from({length: Math.floor(next() * 60)}, () => alphabet[Math.floor(next() * alphabet.length)]).join('')
      const sentences = splitSentences(text)
      expect(sentences.map((s) => s.text).join('')).toBe(text)
      let at = 0
      for (const sentence of sentences) {
        expect(sentence.start).toBe(at)
        expect(text.slice(sentence.start, sentence.end)).toBe(sentence.text)
        expect(sentence.text.length).toBeGreaterThan(0)
        at = sentence.end
      }
    }
  })
})

describe('time', () => {
  it('reads timestamps with and without hours and fractions', () => {
    const read = (text: string) => {
      const match = new RegExp(timestampPattern.source).exec(text)
      return match ? timestampSeconds(match) : undefined
    }
    expect(read('[04:33]')).toBe(273)
    expect(read('[01:06:22.12]')).toBe(3982.12)
    expect(read('[1:00:00,5]')).toBe(3600.5)
    expect(read('[4:3]')).toBeUndefined()
  })

  it('formats times as hh:mm:ss', () => {
    expect(formatTime(3982.9)).toBe('01:06:22')
    expect(formatTime(273, true)).toBe('04:33')
    expect(formatTime(-5)).toBe('00:00:00')
  })
})

describe('names and language', () => {
  it('folds the ways a name is written', () => {
    expect(normalizeName('埃隆 · 马斯克')).toBe(normalizeName('埃隆・马斯克'))
    expect(normalizeName('ＥＬＯＮ  Musk')).toBe('elon musk')
  })

  it('measures speech per script', () => {
    expect(speechSeconds('我们正身处奇点之中', {hanPerSecond: 3, wordsPerSecond: 2})).toEqual({zh: 3, en: 0})
    expect(speechSeconds("It's a Model-Y, isn't it?", {hanPerSecond: 3, wordsPerSecond: 2})).toEqual({zh: 0, en: 2.5})
  })

  it('calls a transcript mixed when neither script has three quarters', () => {
    expect(detectLanguage({zh: 0.8, en: 0.2})).toBe('zh')
    expect(detectLanguage({zh: 0.5, en: 0.5})).toBe('mixed')
    expect(detectLanguage({zh: 0.1, en: 0.9})).toBe('en')
  })
})
