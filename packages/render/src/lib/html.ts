import {createHash} from 'node:crypto'
import type {Element} from 'hast'
import {h} from 'hastscript'
import {toHtml} from 'hast-util-to-html'
import {formatTime} from '@castline/parse'
import {xmlSafe} from './text.js'
import type {EpisodeData, TurnData} from './types.js'

export interface DocumentHead {
  lang: string
  title: string
  csp: string
  noReferrer?: boolean
  /** `noindex`: a page search engines must not list (the private review page). */
  robots?: string
  style: string
  /** More of the head: social-card tags, feed discovery, structured data. */
  extra?: Array<Element | null>
}

/**
 * A page of ours: UTF-8, phone-width, a Content-Security-Policy that names
 * what it may load (nothing from elsewhere), its own style, then the body.
 */
export function htmlDocument(head: DocumentHead, body: Element): string {
  const page = h('html', {lang: htmlLang(head.lang)}, [
    h('head', [
      h('meta', {charset: 'utf-8'}),
      h('meta', {name: 'viewport', content: 'width=device-width, initial-scale=1'}),
      h('meta', {httpEquiv: 'Content-Security-Policy', content: head.csp}),
      head.noReferrer ? h('meta', {name: 'referrer', content: 'no-referrer'}) : null,
      head.robots ? h('meta', {name: 'robots', content: head.robots}) : null,
      // Marks the page as ours: publish-episode replaces only files that carry it.
      h('meta', {name: 'generator', content: 'Castline'}),
      h('title', head.title),
      ...(head.extra ?? []),
      h('style', head.style)
    ]),
    body
  ])
  return `<!doctype html>\n${toHtml(page)}\n`
}

/** A CSP source that allows exactly this inline style or script, and nothing else inline. */
export function inlineHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text).digest('base64')}'`
}

/** An HTML duration (`PT1H2M3S`) for a `<time datetime>`: valid where `00:01:02` as a time of day is not meant. */
export function durationAttribute(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds))
  const h = Math.floor(whole / 3600)
  const m = Math.floor((whole % 3600) / 60)
  const s = whole % 60
  return `PT${h ? `${h}H` : ''}${h || m ? `${m}M` : ''}${s}S`
}

/** A time into the episode: hh:mm:ss for people, an ISO duration for machines. */
export function timeElement(seconds: number): Element {
  return h('time', {dateTime: durationAttribute(seconds)}, formatTime(seconds))
}

/**
 * The transcript as the pages show it: each chapter's title where it starts
 * (`#chapter-N`, for the chapter list to link), then its turns: who speaks,
 * when (as `time` makes it), then each paragraph.
 */
export function transcriptBody(episode: Pick<EpisodeData, 'chapters' | 'turns'>, time: (turn: TurnData) => Element = (turn) => timeElement(turn.start.seconds)): Element[] {
  const chapterAt = new Map(episode.chapters.map((chapter, index) => [chapter.firstTurn, {chapter, index}]))
  return episode.turns.flatMap((turn) => {
    const mark = chapterAt.get(turn.id)
    const body = h('div.turn', {id: turn.id}, [h('p', [h('cite', xmlSafe(turn.speaker.name)), time(turn)]), ...paragraphs(turn.text)])
    return mark ? [h('h3.chapter-mark', {id: `chapter-${mark.index + 1}`}, xmlSafe(mark.chapter.title)), body] : [body]
  })
}

export function paragraphs(text: string): Element[] {
  return text.split(/\n\n+/).map((paragraph) => h('p', xmlSafe(paragraph)))
}

/** The page's language as BCP 47 says it for script: Chinese as `zh-Hans` (or `zh-Hant`), so browsers pick the right Han glyphs. */
export function htmlLang(language: string): string {
  if (/^zh(?:-(?:cn|sg|hans))?$/i.test(language)) return 'zh-Hans'
  if (/^zh-(?:tw|hk|mo|hant)$/i.test(language)) return 'zh-Hant'
  return language
}
