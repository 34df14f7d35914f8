import {describe, expect, it} from 'vitest'
import {nounPhrase, phrases} from './phrases.js'

const phrase = (surface: string) => ({key: surface.toLowerCase(), surface, size: surface.split(' ').length, quoted: false, proper: false})

describe('English noun phrases', () => {
  it('takes a past participle before a name as a verb and its object, before a common noun or a term as describing it', () => {
    expect(nounPhrase(phrase('joined Amazon'))).toBe(false)
    expect(nounPhrase(phrase('mentioned Mattermark'))).toBe(false)
    expect(nounPhrase(phrase('distributed systems'))).toBe(true)
    expect(nounPhrase(phrase('shared memory'))).toBe(true)
    expect(nounPhrase(phrase('applied AI'))).toBe(true)
  })

  it('opens no phrase on an adjective that rates, sizes or points', () => {
    const said = phrases('The short version is that a real programmer picks a specific CMS, and I am a huge fan of it.').map((p) => p.surface)
    expect(said).toContain('programmer')
    expect(said).toContain('CMS')
    expect(said.filter((surface) => /\b(?:short|real|specific|huge)\b/u.test(surface))).toEqual([])
  })
})
