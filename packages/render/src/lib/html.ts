import type {Element} from 'hast'
import {h} from 'hastscript'
import {toHtml} from 'hast-util-to-html'
import {formatTime} from '@castline/parse'
import {xmlSafe} from './text.js'
import type {TurnData} from './types.js'

/**
 * A page of ours: UTF-8, phone-width, a Content-Security-Policy that names
 * what it may load (nothing from elsewhere), its own style, then the body.
 */
export function htmlDocument(head: {lang: string; title: string; csp: string; noReferrer?: boolean; style: string}, body: Element): string {
  const page = h('html', {lang: head.lang}, [
    h('head', [
      h('meta', {charset: 'utf-8'}),
      h('meta', {name: 'viewport', content: 'width=device-width, initial-scale=1'}),
      h('meta', {httpEquiv: 'Content-Security-Policy', content: head.csp}),
      head.noReferrer ? h('meta', {name: 'referrer', content: 'no-referrer'}) : null,
      h('title', head.title),
      h('style', head.style)
    ]),
    body
  ])
  return `<!doctype html>\n${toHtml(page)}\n`
}

/** A turn as the pages show it: who speaks and when, then each paragraph. */
export function turnContent(turn: TurnData): Element[] {
  return [
    h('p', [h('cite', xmlSafe(turn.speaker.name)), h('time', formatTime(turn.start.seconds))]),
    ...turn.text.split(/\n\n+/).map((paragraph) => h('p', xmlSafe(paragraph)))
  ]
}
