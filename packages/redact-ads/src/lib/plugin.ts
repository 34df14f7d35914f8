import type {Paragraph, Root, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {AdBreak, Section, SpeakerTurn} from '@castline/parse'
import {SourceMap, locate, splitSentences} from '@castline/parse'
import type {VFile} from 'vfile'
import {BrandFinder} from './brands.js'
import {cutRange} from './cut.js'
import type {Options, Settings} from './options.js'
import {settings} from './options.js'
import type {Redaction} from './types.js'
import {type Cut, snapshot, verify} from './verify.js'

const source = 'castline-redact-ads'

/**
 * Removes every ad break and every host-read promo from a speaker AST, records
 * each removal on `file.data.redactions`, and proves before returning that
 * every other character of the conversation is still there.
 */
export function remarkRedactAds(options?: Options | null) {
  const config = settings(options)
  const finder = new BrandFinder(config.brands)
  const allowed = new Set(config.brands.filter((brand) => brand.allowMentions).map((brand) => brand.id))
  const names = new Map(config.brands.map((brand) => [brand.id, brand.name]))

  return function transformer(tree: Root, file: VFile): void {
    const map = new SourceMap(file)
    const before = snapshot(tree)
    const redactions: Redaction[] = []
    const removedBreaks = new Map<AdBreak, Redaction>()
    const cuts = new Map<object, Cut[]>()

    // Ad breaks, wherever they stand.
    const dropBreaks = (parent: Root | Section): void => {
      const kept: RootContent[] = []
      for (const child of parent.children as RootContent[]) {
        if (child.type === 'adBreak') {
          const redaction: Redaction = {kind: 'break', marker: child.marker, text: toString(child)}
          if (child.sponsor) redaction.sponsor = child.sponsor
          if (child.position) redaction.position = child.position
          // With a timed transcript, where in the audio it is: for an audio editor to cut.
          if (child.time) redaction.time = child.time
          redactions.push(redaction)
          removedBreaks.set(child, redaction)
          const who = child.sponsor ? names.get(child.sponsor) ?? child.sponsor : 'an unnamed sponsor'
          file.info(`Removed ad break for ${who} (\`${child.marker}\`)`, {place: child.position, ruleId: 'ad-break', source})
          continue
        }
        if (child.type === 'section') dropBreaks(child)
        kept.push(child)
      }
      parent.children = kept as typeof parent.children
    }
    dropBreaks(tree)

    // Host-read promos: sentences naming a sponsor together with a call to action.
    for (const section of tree.children) {
      if (section.type !== 'section') continue
      for (const turn of section.children) {
        if (turn.type !== 'speakerTurn') continue
        turn.children.forEach((paragraph, index) => {
          if (paragraph.type !== 'paragraph') return
          for (const span of promoSpans(toString(paragraph), finder, config).reverse()) {
            const redaction: Redaction = {
              kind: 'promo',
              sponsor: span.sponsor,
              turn: turn.id,
              speaker: turn.speaker.name,
              paragraph: index,
              offset: span.start,
              text: span.text
            }
            const start = locate(map, paragraph.children, span.start)
            const end = locate(map, paragraph.children, span.end)
            if (start && end) redaction.position = {start, end}
            paragraph.children = cutRange(paragraph.children, span.start, span.end, map)
            const list = cuts.get(paragraph) ?? []
            list.push({offset: span.start, text: span.text})
            cuts.set(paragraph, list)
            redactions.push(redaction)
            file.info(`Removed host-read promo for ${names.get(span.sponsor) ?? span.sponsor} (${span.text.length} characters)`, {
              place: redaction.position,
              ruleId: 'promo',
              source
            })
          }
        })
        turn.children = turn.children.filter((child) => child.type !== 'paragraph' || toString(child).trim() !== '')
      }
      section.children = section.children.filter((child) => child.type !== 'speakerTurn' || child.children.length > 0)
    }
    tree.children = tree.children.filter((child) => child.type !== 'section' || child.children.length > 0 || child.name !== undefined)
    // Promos were found right to left; report them in reading order.
    redactions.sort((a, b) => (a.position?.start.offset ?? 0) - (b.position?.start.offset ?? 0))

    const problem = verify(before, tree, cuts, removedBreaks)
    if (problem) file.fail(`Redaction would lose text: ${problem}`, {ruleId: 'lost-text', source})

    // What is left that still names a sponsor: the producer decides.
    for (const section of tree.children) {
      if (section.type !== 'section') continue
      for (const turn of section.children) {
        if (turn.type !== 'speakerTurn') continue
        for (const paragraph of turn.children) {
          if (paragraph.type === 'paragraph') warnMentions(paragraph, turn, file, finder, allowed, names, map)
        }
      }
    }
    file.data.redactions = redactions
  }
}

interface Span {
  start: number
  end: number
  text: string
  sponsor: string
}

/** Runs of promo sentences in a paragraph; sentences between two promo sentences go with them. */
function promoSpans(text: string, finder: BrandFinder, config: Settings): Span[] {
  // Most paragraphs name no sponsor at all: skip splitting them.
  if (finder.find(text).length === 0) return []
  const sentences = splitSentences(text)
  const promos: Array<{index: number; sponsor: string}> = []
  sentences.forEach((sentence, index) => {
    const named = finder.find(sentence.text)
    if (named.length > 0 && config.callToAction.test(sentence.text)) promos.push({index, sponsor: named[0]!.id})
  })
  const spans: Span[] = []
  let first = promos[0]
  let last = promos[0]
  const close = () => {
    if (!first || !last) return
    const start = sentences[first.index]!.start
    const end = sentences[last.index]!.end
    spans.push({start, end, text: text.slice(start, end), sponsor: first.sponsor})
  }
  for (const promo of promos.slice(1)) {
    if (promo.index - last!.index - 1 <= config.promoGap) {
      last = promo
      continue
    }
    close()
    first = promo
    last = promo
  }
  close()
  return spans
}

function warnMentions(
  paragraph: Paragraph,
  turn: SpeakerTurn,
  file: VFile,
  finder: BrandFinder,
  allowed: Set<string>,
  names: Map<string, string>,
  map: SourceMap
): void {
  for (const mention of finder.find(toString(paragraph))) {
    if (allowed.has(mention.id)) continue
    file.message(
      `${turn.speaker.name} mentions sponsor ${names.get(mention.id) ?? mention.id}; kept, as conversation (allow it in podcast.yaml to silence this)`,
      {place: locate(map, paragraph.children, mention.index), ruleId: 'sponsor-mention', source}
    )
  }
}

