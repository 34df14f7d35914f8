import {RE2JS} from 're2js'
import type {SectionKind} from './types.js'
import {normalizeName} from './text.js'

/** A compiled marker pattern: only whether a marker matches it. */
export interface MarkerPattern {
  test(text: string): boolean
}

/**
 * Compiles a marker pattern from a show's configuration. Patterns are the
 * producer's (or anyone's) text, so they run on RE2 (re2js): matching takes
 * time linear in the marker, whatever the pattern, where JavaScript's
 * backtracking engine can take years on `(a+)+$`. RE2 has no lookaround or
 * backreferences; such a pattern throws a TypeError that says so.
 */
export function markerPattern(source: string): MarkerPattern {
  let compiled: ReturnType<typeof RE2JS.compile>
  try {
    compiled = RE2JS.compile(source, RE2JS.CASE_INSENSITIVE)
  } catch (error) {
    throw new TypeError(`${(error as Error).message.replace(/^error parsing regexp: /, '')} (patterns use RE2 syntax: no lookaround or backreferences)`)
  }
  return {test: (text) => compiled.matcher(text).find()}
}

/** A sponsor as parse needs it: to attribute a break to the right name. */
export interface SponsorRef {
  id: string
  name: string
  aliases?: string[]
  /** Patterns (regular expression sources, case-insensitive) of this sponsor's break markers. */
  markers?: string[]
}

/** Marker words that open a sponsor break in any show. */
export const defaultAdMarkers: readonly string[] = [
  '^(?:广告时间|广告|赞助(?:商|时间|播报|商时间)?|口播)(?:$|[\\s:：\\-—]+)',
  '^(?:ad(?:vert(?:isement)?)?(?:\\s+break)?|(?:mid-?roll\\s+)?break|commercial(?:\\s+break)?|sponsor(?:ed)?(?:\\s+(?:break|message|segment|by))?|promo)(?:$|[\\s:：\\-—]+)'
]

const sectionKinds: ReadonlyArray<[RegExp, SectionKind]> = [
  [/预告|片花|teaser|cold open|trailer|preview/i, 'teaser'],
  [/开场|开头|引言|介绍|intro/i, 'intro'],
  [/结尾|片尾|尾声|结束|outro|closing|wrap/i, 'outro'],
  [/正片|正文|访谈|对话|main|interview|conversation/i, 'main']
]

/** The kind of a named section, from the words of its marker. */
export function sectionKind(name: string): SectionKind {
  for (const [pattern, kind] of sectionKinds) if (pattern.test(name)) return kind
  return 'other'
}

export interface AdMarkerMatcher {
  /** Whether a marker opens an ad break, and for which sponsor when that is known. */
  match(marker: string): {sponsor?: string} | undefined
  /** The first sponsor named in a text. */
  sponsorIn(text: string): string | undefined
}

export function adMarkerMatcher(sponsors: readonly SponsorRef[], extra: readonly string[]): AdMarkerMatcher {
  const generic = [...defaultAdMarkers, ...extra].map(markerPattern)
  const specific = sponsors.flatMap((sponsor) =>
    (sponsor.markers ?? []).map((source) => ({pattern: markerPattern(source), id: sponsor.id}))
  )
  const names = sponsors.flatMap((sponsor) =>
    [sponsor.name, ...(sponsor.aliases ?? [])].map((name) => ({name: normalizeName(name), id: sponsor.id}))
  )
  // Longest names first, so `Metatrends 时事通讯` wins over `Metatrends`.
  names.sort((a, b) => b.name.length - a.name.length)

  const sponsorIn = (text: string): string | undefined => {
    const folded = normalizeName(text)
    let best: {at: number; id: string} | undefined
    for (const {name, id} of names) {
      const at = folded.indexOf(name)
      if (at !== -1 && (!best || at < best.at)) best = {at, id}
    }
    return best?.id
  }

  return {
    match(marker) {
      for (const {pattern, id} of specific) if (pattern.test(marker)) return {sponsor: id}
      if (!generic.some((pattern) => pattern.test(marker))) return undefined
      const sponsor = sponsorIn(marker)
      return sponsor ? {sponsor} : {}
    },
    sponsorIn
  }
}
