import {createHash} from 'node:crypto'
import type {Element} from 'hast'
import {h} from 'hastscript'
import {toHtml} from 'hast-util-to-html'
import {formatTime} from '@castline/parse'
import {xmlSafe} from './text.js'
import type {TurnData} from './types.js'

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
  const page = h('html', {lang: head.lang}, [
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

/** A turn as the pages show it: who speaks and when, then each paragraph. */
export function turnContent(turn: TurnData): Element[] {
  return [h('p', [h('cite', xmlSafe(turn.speaker.name)), timeElement(turn.start.seconds)]), ...paragraphs(turn.text)]
}

export function paragraphs(text: string): Element[] {
  return text.split(/\n\n+/).map((paragraph) => h('p', xmlSafe(paragraph)))
}
