import type {Element} from 'hast'
import {h} from 'hastscript'
import type {ShowInfo} from '@castline/render'
import {artworkFiles} from '@castline/cards'
import {inlineHash, outputUrl} from '@castline/render'

/**
 * The public pages' look: readable at any width, light and dark with text
 * contrast of at least 4.5:1 in both, a visible focus ring for keyboards.
 */
export const publicStyle = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1a1a1a;--muted:#595959;--line:#d0d0d0;--accent:#0047cc}
@media (prefers-color-scheme:dark){:root{--bg:#121212;--fg:#ececec;--muted:#b0b0b0;--line:#3a3a3a;--accent:#8ab4ff}}
*{box-sizing:border-box}
html:lang(zh) body{font-family:"Noto Sans SC","PingFang SC","Hiragino Sans GB","Microsoft YaHei",system-ui,sans-serif}
body{font:17px/1.7 system-ui,-apple-system,"Noto Sans SC","PingFang SC",sans-serif;background:var(--bg);color:var(--fg);margin:0;overflow-wrap:anywhere}
.page{max-width:calc(70ch + 2rem);margin-inline:auto;padding:1rem}html:lang(zh) .page{max-width:calc(38em + 2rem)}
a{color:var(--accent)}a:focus-visible,button:focus-visible,audio:focus-visible,input:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.skip{position:absolute;left:-100vw}.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.5rem}
h1{font-size:1.7rem;line-height:1.3;margin:.5rem 0}h2{margin-top:2.5rem;border-bottom:1px solid var(--line);font-size:1.3rem}
.show{margin:0;color:var(--muted)}.meta{color:var(--muted);margin:.25rem 0 1rem}
.player{position:sticky;top:0;background:var(--bg);padding:.5rem 0;z-index:1;border-bottom:1px solid var(--line)}audio{width:100%;display:block}
[hidden]{display:none!important}
html:has(.player .bar:not([hidden])){scroll-padding-top:10rem}
.bar{display:grid;gap:.25rem}.controls{display:flex;flex-wrap:wrap;gap:.3rem;align-items:center}[data-action=find]{margin-left:auto}
.bar button,.tools button{font:inherit;font-size:.95rem;min-height:2.75rem;min-width:2.75rem;padding:0 .45rem;border:1px solid var(--line);border-radius:.5rem;background:var(--bg);color:var(--fg);cursor:pointer}
.bar button svg{display:block;margin:auto}[data-action=play]{background:var(--accent)!important;color:var(--bg)!important;border-color:var(--accent)!important}
[data-action=play] svg+svg,[data-action=play].playing svg:first-child{display:none}[data-action=play].playing svg+svg{display:block}
.track{display:flex;gap:.5rem;align-items:center}.seek{flex:1;accent-color:var(--accent);min-height:2.75rem}.clock{font-variant-numeric:tabular-nums;color:var(--muted)}
.now,.status{margin:0;font-size:.9rem;color:var(--muted);min-height:1.2em}.status:empty{display:none}
.tools{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.5rem 0}.find{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.find input{font:inherit;min-height:2.75rem;padding:0 .5rem;border:1px solid var(--muted);border-radius:.5rem;background:var(--bg);color:var(--fg)}
.follow[aria-pressed=true]{border-color:var(--accent);color:var(--accent)}
.turn.heard{border-left:4px solid var(--accent);padding-left:.75rem;margin-left:-1rem}.turn.found{outline:2px dashed var(--accent);outline-offset:4px}
#transcript mark{background:#ffd54a;color:#1a1a1a}
p.card{margin:.25rem 1rem}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
button.more{font:inherit;min-height:2.75rem;margin:1rem 0;padding:0 1rem;border:1px solid var(--line);border-radius:.5rem;background:var(--bg);color:var(--accent);cursor:pointer}
ol.chapters{padding-left:0;list-style:none}ol.chapters li{display:flex;gap:.75rem;align-items:baseline;padding:.2rem 0}
time{font-variant-numeric:tabular-nums;white-space:nowrap}
ol.chapters time,.turn time,.quote time{color:var(--muted)}
div.quote{margin:1.5rem 0}figure.quote{margin:0}figure.quote blockquote{margin:0;padding:.5rem 1rem;border-left:4px solid var(--accent)}
figure.quote figcaption{margin:.25rem 1rem}
img.cover{width:10rem;height:10rem;object-fit:cover;border-radius:.5rem}
header a.art{float:right;margin:0 0 .5rem 1rem}header a.art img.cover{width:6rem;height:6rem}
.turn{margin:1rem 0}.turn cite{font-style:normal;font-weight:600;margin-right:.5rem}
.chapter-mark{margin-top:2rem;font-size:1.1rem}
ol.episodes{list-style:none;padding:0}ol.episodes li{border-bottom:1px solid var(--line);padding:1rem 0}ol.episodes h3{margin:0;font-size:1.15rem}
footer{margin-top:3rem;border-top:1px solid var(--line);color:var(--muted)}
`

/**
 * The tab's and the home screen's icons, sized from the show's artwork; with
 * no artwork file, an empty icon: without one, every visit asks the host for
 * /favicon.ico, and a host without one logs a 404.
 */
export function icons(show: ShowInfo | undefined, prefix: string): Element[] {
  const files = show?.artwork ? artworkFiles(show.artwork.hash).filter((f) => f.use === 'icon') : []
  if (files.length === 0) return [h('link', {rel: 'icon', href: 'data:,'})]
  return files.map((f) => h('link', {rel: f.width <= 32 ? 'icon' : 'apple-touch-icon', type: f.type, sizes: `${f.width}x${f.width}`, href: `${prefix}${f.file}`}))
}

/**
 * The show's artwork at `px` CSS pixels: from the sizes made of its own file
 * (WebP, PNG for browsers without it), the browser taking the one its screen
 * needs; else the feed's artwork URL, as it is.
 */
export function artwork(show: ShowInfo, prefix: string, px: number, alt: string): Element {
  if (!show.artwork) return h('img.cover', {src: show.image, alt, width: px, height: px})
  const files = artworkFiles(show.artwork.hash).filter((f) => f.use === 'cover')
  const srcset = (type: string) =>
    files
      .filter((f) => f.type === type)
      .map((f) => `${prefix}${f.file} ${f.width}w`)
      .join(', ')
  const fallback = files.find((f) => f.type === 'image/png' && f.width >= 2 * px) ?? files.at(-1)!
  return h('picture', [
    h('source', {type: 'image/webp', srcSet: srcset('image/webp'), sizes: `${px}px`}),
    h('img.cover', {src: `${prefix}${fallback.file}`, srcSet: srcset('image/png'), sizes: `${px}px`, alt, width: px, height: px, decoding: 'async'})
  ])
}

/** What a public page may load: its own style and script, images from itself (and the show's art), audio from the enclosure's host. */
export function publicCsp(options: {image?: string | undefined; audio?: string | undefined; scripts: string[]}): string {
  const origin = (url: string | undefined) => (url ? new URL(url).origin : undefined)
  return [
    "default-src 'none'",
    `style-src ${inlineHash(publicStyle)}`,
    // Structured data is never run, but checkers flag any inline script the policy does not name.
    options.scripts.length > 0 ? `script-src ${options.scripts.map(inlineHash).join(' ')}` : undefined,
    // data: for the empty icon only: an image cannot run anything.
    `img-src 'self' data:${options.image ? ` ${origin(options.image)}` : ''}`,
    options.audio ? `media-src ${origin(options.audio)}` : undefined,
    // Nothing of ours fetches; auditors (Lighthouse) read robots.txt through the page, under its policy.
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'"
  ]
    .filter(Boolean)
    .join('; ')
}

/** Open Graph and Twitter card tags, from what is known: no tag with an empty or relative value. */
export function socialTags(card: {title: string; description: string; url?: string | undefined; image?: {url: string; width?: number; height?: number; alt: string} | undefined; site: string; audio?: string | undefined; language?: string | undefined; twitter?: string | undefined}): Element[] {
  const tags: Element[] = []
  const og = (property: string, content: string | number | undefined) => {
    if (content !== undefined && content !== '') tags.push(h('meta', {property, content: String(content)}))
  }
  const twitter = (name: string, content: string | undefined) => {
    if (content) tags.push(h('meta', {name, content}))
  }
  og('og:type', 'website')
  og('og:locale', card.language && ogLocale(card.language))
  og('og:site_name', card.site)
  og('og:title', card.title)
  // Facebook and LinkedIn cut a description past about 300 characters: end it on a sentence before that.
  og('og:description', shortened(card.description, 300))
  og('og:url', card.url)
  og('og:image', card.image?.url)
  og('og:image:width', card.image?.width)
  og('og:image:height', card.image?.height)
  og('og:image:alt', card.image?.alt)
  og('og:audio', card.audio)
  twitter('twitter:card', card.image?.width ? 'summary_large_image' : 'summary')
  twitter('twitter:site', card.twitter)
  twitter('twitter:title', card.title)
  // X shows at most 200 characters of a description.
  twitter('twitter:description', shortened(card.description, 200))
  twitter('twitter:image', card.image?.url)
  twitter('twitter:image:alt', card.image?.alt)
  return tags
}

/** Open Graph's locale (`language_TERRITORY`) for a language Castline publishes in. */
function ogLocale(language: string): string | undefined {
  if (/^zh(?:-(?:cn|hans))?$/i.test(language)) return 'zh_CN'
  if (/^zh-(?:tw|hant)$/i.test(language)) return 'zh_TW'
  const [base, region] = language.split('-')
  if (!base || !/^[a-z]{2}$/i.test(base)) return undefined
  if (region && /^[a-z]{2}$/i.test(region)) return `${base.toLowerCase()}_${region.toUpperCase()}`
  return {en: 'en_US', de: 'de_DE', fr: 'fr_FR', es: 'es_ES', ja: 'ja_JP'}[base.toLowerCase()]
}

/** A text of at most `most` characters: cut after its last whole sentence that fits, else its last whole word, with an ellipsis. */
export function shortened(text: string, most: number): string {
  const chars = [...text]
  if (chars.length <= most) return text
  const head = chars.slice(0, most - 1).join('')
  const sentence = head.match(/^[\s\S]*[.!?。！？](?=\s|$|[^.!?])/u)?.[0]
  if (sentence && [...sentence].length >= most / 2) return sentence.trim()
  const word = /\s/.test(head) && !/\p{Script=Han}/u.test(head.slice(-10)) ? head.replace(/\s+\S*$/u, '') : head
  return `${word.trimEnd()}…`
}

/** Structured data in a `<script type="application/ld+json">`, safe inside HTML: no `<` can end the element. */
export function jsonLd(data: unknown): string {
  return JSON.stringify(data).replaceAll('<', '\\u003c')
}

/** The feed's address as a page links it: absolute when the show has a base URL. */
export function feedHref(show: ShowInfo, fromEpisode: boolean): string {
  return outputUrl(show, 'feed.xml') ?? (fromEpisode ? '../feed.xml' : 'feed.xml')
}

/** A date from episode.yaml as a reader of the language writes it; UTC, so every machine prints the same. */
export function displayDate(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en-GB', {year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC'}).format(new Date(Date.parse(iso)))
}
