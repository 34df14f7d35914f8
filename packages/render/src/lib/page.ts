import {h} from 'hastscript'
import {htmlDocument, transcriptBody} from './html.js'
import {formatTime} from '@castline/parse'
import {quoted, sponsorCredit, words, xmlSafe} from './text.js'
import type {EpisodeData, ShowInfo} from './types.js'

const style = `
:root{color-scheme:light dark;--muted:#6b6b6b;--line:#ddd;--accent:#0b5fff}
*{box-sizing:border-box}
html:lang(zh) body{font-family:"Noto Sans SC","PingFang SC","Hiragino Sans GB","Microsoft YaHei",system-ui,sans-serif}
body{font:16px/1.7 system-ui,-apple-system,"Noto Sans SC","PingFang SC",sans-serif;margin:0;padding:1rem;max-width:46rem;margin-inline:auto;overflow-wrap:anywhere}
h1{font-size:1.6rem;line-height:1.3}h2{margin-top:2.5rem;border-bottom:1px solid var(--line)}
.show{color:var(--muted);margin:0}
ol.chapters{padding-left:0;list-style:none}ol.chapters li{display:flex;gap:.75rem}
time{font-variant-numeric:tabular-nums;color:var(--muted);white-space:nowrap}
blockquote{margin:1rem 0;padding:.5rem 1rem;border-left:4px solid var(--accent)}
blockquote p{margin:.25rem 0}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid var(--line);padding:.4rem;text-align:left;vertical-align:top}
.turn{margin:1rem 0}.turn cite{font-style:normal;font-weight:600}.turn time{margin-left:.5rem;font-size:.85em}
.chapter-mark{margin-top:2rem;font-size:1.1rem}
figure.quote{margin:1.5rem 0}small.by{margin-left:.5rem;color:var(--muted);font-size:.75em}small.by.producer{color:var(--accent)}details{margin:.75rem 0;color:var(--muted)}img.card{display:block;width:100%;max-width:24rem;height:auto;border-radius:.5rem}
`

/**
 * The page a producer opens to review an episode before publishing
 * (`review.html`, private: keep it off the public site): title,
 * summary, chapters, quotes, what was removed, and the whole redacted
 * transcript. Self-contained and script-free: its Content-Security-Policy
 * allows no request at all, so nothing leaves the page and nothing in the
 * transcript can run.
 */
export function reviewPage(episode: EpisodeData, show?: ShowInfo): string {
  const w = words(episode.language)
  const lang = episode.language === 'zh' ? 'zh' : 'en'
  const transcript = transcriptBody(episode)
  const credit = sponsorCredit(episode, show)
  const editorial = episode.editorial
  // Who chose each chapter, quote and the summary: the producer in episode.yaml, or Castline.
  const by = (who: 'producer' | 'castline' | undefined) => h(`small.by.${who === 'producer' ? 'producer' : 'castline'}`, who === 'producer' ? w.byProducer : w.byCastline)
  // Private: search engines are told not to list it, and no public page links it.
  const head = {lang, title: xmlSafe(episode.title), csp: "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:", noReferrer: true, robots: 'noindex, nofollow', style}
  return htmlDocument(
    head,
    h('body', [
      h('header', [
        show ? h('p.show', xmlSafe(show.title)) : null,
        h('h1', xmlSafe(episode.title)),
        h('p', [w.privatePage, ' ', h('a', {href: 'index.html'}, w.publicPage)])
      ]),
      h('main', [
        editorial && editorial.problems.length > 0
          ? h('section#choices', [
              h('h2', w.choices),
              h('ul', editorial.problems.map((p) => h('li', `episode.yaml${p.line ? `:${p.line}:${p.column ?? 1}` : ''} ${xmlSafe(p.reason)}`)))
            ])
          : null,
        h('section#summary', [
          h('h2', w.summary),
          h('p', xmlSafe(episode.summary)),
          by(editorial?.summaryBy ?? 'castline'),
          editorial?.displaced.summary ? h('details', [h('summary', w.displaced), h('p', xmlSafe(editorial.displaced.summary))]) : null
        ]),
        h('section#chapters', [
          h('h2', w.chapters),
          episode.chapters.some((c) => c.estimated) ? h('p', h('em', w.estimated)) : null,
          h(
            'ol.chapters',
            episode.chapters.map((chapter, index) =>
              h('li', [h('time', formatTime(chapter.startTime)), h('a', {href: `#chapter-${index + 1}`}, xmlSafe(chapter.title)), by(chapter.by)])
            )
          ),
          editorial?.displaced.chapters?.length
            ? h('details', [
                h('summary', w.displaced),
                h('ol.chapters', editorial.displaced.chapters.map((chapter) => h('li', [h('time', formatTime(chapter.startTime)), h('span', xmlSafe(chapter.title))])))
              ])
            : null
        ]),
        h('section#quotes', [
          h('h2', w.quotes),
          ...episode.quotes.map((quote, index) => {
            const card = episode.cards?.find((c) => c.quote === index && c.size === 'square')
            return h('figure.quote', [
              h('blockquote', [h('p', quoted(xmlSafe(quote.text))), h('p', h('cite', `${w.dash.trim()} ${xmlSafe(quote.speaker)}`)), by(quote.by)]),
              card ? h('img.card', {src: card.file, alt: xmlSafe(card.alt), width: 1080, height: 1080, loading: 'lazy'}) : null
            ])
          }),
          editorial?.displaced.quotes?.length
            ? h('details', [
                h('summary', w.displaced),
                ...editorial.displaced.quotes.map((quote) => h('blockquote', [h('p', quoted(xmlSafe(quote.text))), h('p', h('cite', `${w.dash.trim()} ${xmlSafe(quote.speaker)}`))]))
              ])
            : null
        ]),
        h('section#redactions', [
          h('h2', w.redactions),
          episode.redactions.length === 0
            ? h('p', w.noRedactions)
            : h('table', [
                h('tbody', episode.redactions.map((r) =>
                  h('tr', [
                    h('td', r.kind === 'break' ? w.adBreak : w.promo),
                    h('td', xmlSafe(r.sponsor ?? '')),
                    h('td', r.position ? `${r.position.start.line}:${r.position.start.column}` : ''),
                    h('td', xmlSafe(r.text || r.marker || ''))
                  ])
                ))
              ]),
          credit ? h('p', h('em', xmlSafe(credit))) : null
        ]),
        h('section#transcript', [h('h2', w.transcript), ...transcript])
      ])
    ])
  )
}
