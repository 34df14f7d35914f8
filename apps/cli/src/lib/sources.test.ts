import {describe, expect, it} from 'vitest'
import {slugBytes, slugify} from './sources.js'

describe('slugify', () => {
  it('folds case and punctuation, keeps letters of every script', () => {
    expect(slugify('Ep 1: The Grid!')).toBe('ep-1-the-grid')
    expect(slugify('埃隆·马斯克')).toBe('埃隆-马斯克')
    expect(slugify('***')).toBe('episode')
  })

  it('caps a slug in bytes, after NFKC has expanded it, and keeps long names apart', () => {
    const long = 'a'.repeat(245)
    // U+FDFA is one character that NFKC makes eighteen.
    const expanding = '\uFDFA'.repeat(80)
    for (const name of [long, expanding, `${'é'.repeat(200)}x`]) {
      const slug = slugify(name)
      expect(Buffer.byteLength(slug)).toBeLessThanOrEqual(slugBytes)
      expect(slug).toMatch(/-[0-9a-f]{8}$/)
      expect(slug).not.toMatch(/--/)
    }
    expect(slugify(`${long}1`)).not.toBe(slugify(`${long}2`))
    expect(slugify(long)).toBe(slugify(long))
  })
})
