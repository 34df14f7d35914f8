import type {Sponsor} from './types.js'

export interface BrandMatch {
  id: string
  index: number
  length: number
}

/** Finds sponsor names, aliases and addresses in text, whole words only for Latin names. */
export class BrandFinder {
  readonly #patterns: Array<{id: string; pattern: RegExp}>

  constructor(brands: readonly Sponsor[]) {
    this.#patterns = brands.map((brand) => {
      const terms = [brand.name, ...(brand.aliases ?? []), ...(brand.urls ?? [])]
        .map((term) => term.trim())
        .filter(Boolean)
        .sort((a, b) => b.length - a.length)
        .map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s*'))
      // A Latin name inside a longer word (`Blitzing`) is not the name.
      return {id: brand.id, pattern: new RegExp(`(?<![\\p{Script=Latin}\\p{N}])(?:${terms.join('|')})(?![\\p{Script=Latin}\\p{N}])`, 'giu')}
    })
  }

  /** Every mention, in order of position. */
  find(text: string): BrandMatch[] {
    const found: BrandMatch[] = []
    for (const {id, pattern} of this.#patterns) {
      pattern.lastIndex = 0
      for (const match of text.matchAll(pattern)) found.push({id, index: match.index, length: match[0].length})
    }
    return found.sort((a, b) => a.index - b.index || b.length - a.length)
  }
}
