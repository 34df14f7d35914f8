import {describe, expect, it} from 'vitest'
import {face} from './fonts.js'
import {atoms, breakLines, fitText, missingGlyphs} from './layout.js'

const font = face('quote')
const closing = [...'，。！？、；：）」』”']
const opening = [...'（「『“']

describe('line breaking', () => {
  it('splits CJK by character and Latin by word', () => {
    expect(atoms('我有 Grok 4.2 版')).toEqual(['我', '有', ' ', 'Grok', ' ', '4.2', ' ', '版'])
  })

  it('never starts a line with closing punctuation nor ends one with opening punctuation', () => {
    const text = '“我们该怎么办？”我不知道。（真的吗？）他说：「我们正身处奇点之中，这没有开关可控。」转型过程将会充满颠簸，对吧？'
    for (let width = 2; width <= 12; width += 0.5) {
      const lines = breakLines(text, width, font)
      expect(lines.join('')).toBe(text)
      for (const line of lines.slice(1)) expect(closing, `${width}: ${lines.join(' | ')}`).not.toContain([...line][0])
      for (const line of lines.slice(0, -1)) expect(opening, `${width}: ${lines.join(' | ')}`).not.toContain([...line].at(-1))
    }
  })

  it('keeps English words whole and lines within the width', () => {
    const text = 'The real bottleneck is not chips, it is electricity and transformers.'
    const lines = breakLines(text, 10, font)
    expect(lines.join(' ')).toBe(text)
    for (const line of lines) expect(line.split(' ').every((word) => text.split(' ').includes(word))).toBe(true)
  })

  it('breaks a word longer than a line rather than overflow forever', () => {
    expect(breakLines('Supercalifragilisticexpialidocious', 3, font).length).toBeGreaterThanOrEqual(1)
  })
})

describe('fitting', () => {
  it('gives long quotes smaller type, and refuses what cannot fit legibly', () => {
    const short = fitText('我们正身处奇点之中。', {width: 800, height: 600}, font, {minPx: 28, maxPx: 80})!
    const long = fitText('我们正身处奇点之中。'.repeat(8), {width: 800, height: 600}, font, {minPx: 28, maxPx: 80})!
    expect(short.px).toBe(80)
    expect(long.px).toBeLessThan(short.px)
    expect(long.lines.length * 1.448 * long.px).toBeLessThanOrEqual(600)
    expect(fitText('我'.repeat(2000), {width: 800, height: 600}, font, {minPx: 28, maxPx: 80})).toBeUndefined()
  })

  it('finds characters the font cannot draw', () => {
    expect(missingGlyphs('你好 Hello “quoted”', font)).toEqual([])
    expect(missingGlyphs('火箭 🚀', font)).toEqual(['🚀'])
  })
})
