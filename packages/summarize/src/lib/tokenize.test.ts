import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {describe, expect, it} from 'vitest'
import {generalRarity, learnRarity, segmenter} from './tokenize.js'

const require = createRequire(import.meta.url)

describe('general rarity', () => {
  it("gives every word of a real transcript what jieba's own TF-IDF extractor gives it alone", () => {
    const {TfIdf} = require('@node-rs/jieba') as typeof import('@node-rs/jieba')
    const {idf} = require('@node-rs/jieba/dict.js') as {idf: Buffer}
    const extractor = TfIdf.withDict(idf)
    const text = readFileSync(new URL('../../../../content/episodes/moonshots-elon-musk/transcript.md', import.meta.url), 'utf8').slice(0, 20_000)
    const words = [...new Set(segmenter().cut(text, true).filter((word) => /^\p{Script=Han}{2,}$/u.test(word)))]
    expect(words.length).toBeGreaterThan(500)
    learnRarity(words)
    for (const word of words) {
      const [found] = extractor.extractKeywords(segmenter(), word, 1)
      expect(generalRarity(word), word).toBeCloseTo(found && found.keyword === word ? found.weight : 8, 9)
    }
  })
})
