import type {Element} from 'hast'
import {h, s} from 'hastscript'
import {formatTime} from '@castline/parse'
import type {EpisodeData, ShowInfo} from '@castline/render'
import {durationAttribute, episodePageUrl, htmlDocument, outputUrl, quoted, sponsorCredit, timeElement, transcriptBody, words, xmlSafe} from '@castline/render'
import {playerScript} from './player.js'
import {artwork, displayDate, feedHref, icons, jsonLd, publicCsp, publicStyle, socialTags} from './public.js'

/**
 * The public page of an episode (`index.html`): the player, chapters and
 * transcript times that seek it, the pull quotes with their cards, people and
 * links, with Open Graph, Twitter card and schema.org tags for sharing. It
 * never names the review page or what was removed. Works without script;
 * the one small inline script only makes the times seek in place.
 */
export function episodePage(episode: EpisodeData, show?: ShowInfo): string {
  const w = words(episode.language)
  const p = playerWords(episode.language)
  const lang = episode.language === 'zh' ? 'zh' : 'en'
  const audio = episode.episode.audio
  const approximate = episode.turns.some((turn) => turn.start.estimated)
  // Without script, a time opens the audio at that moment (a media fragment); with it, the player seeks.
  // Times are whole seconds, cut down as every page, chapters.json and the feed cut them: never after the first word.
  const seek = (seconds: number, fallback: string): Element => {
    const at = Math.floor(seconds)
    return audio
      ? h('a', {href: `${audio.url}#t=${at}`, dataSeek: String(at), ariaLabel: `${w.playFrom} ${formatTime(at)}`}, timeElement(at))
      : h('a', {href: `#${fallback}`}, timeElement(at))
  }

  const transcript = transcriptBody(episode, (turn) => seek(turn.start.seconds, turn.id))
  const turnStart = new Map(episode.turns.map((turn) => [turn.id, turn.start.seconds]))
  const pageUrl = show && episodePageUrl(show, episode.slug)
  // The link preview shows the best quote's landscape card (a pinned quote scores 1).
  const landscape = episode.cards
    ?.filter((card) => card.size === 'landscape')
    .sort((a, b) => (episode.quotes[b.quote]?.score ?? 0) - (episode.quotes[a.quote]?.score ?? 0) || a.quote - b.quote)[0]
  const cardUrl = show && landscape ? outputUrl(show, episode.slug, ...landscape.file.split('/')) : undefined
  const image = cardUrl ? {url: cardUrl, width: 1200, height: 675, alt: xmlSafe(landscape!.alt)} : show ? {url: show.image, alt: xmlSafe(show.title)} : undefined
  const credit = sponsorCredit(episode, show)
  // Links come from the conversation: only web and mail links are followed.
  const links = episode.links.filter((url) => webLink.test(url))
  const published = episode.episode.published

  const structured = {
    '@context': 'https://schema.org',
    '@type': 'PodcastEpisode',
    name: xmlSafe(episode.title),
    description: xmlSafe(episode.summary),
    inLanguage: lang,
    ...(pageUrl ? {url: pageUrl} : {}),
    ...(published ? {datePublished: published} : {}),
    ...(episode.episode.number !== undefined ? {episodeNumber: episode.episode.number} : {}),
    ...(episode.episode.duration !== undefined ? {timeRequired: durationAttribute(episode.episode.duration)} : {}),
    ...(image ? {image: image.url} : {}),
    ...(audio ? {associatedMedia: {'@type': 'MediaObject', contentUrl: audio.url, encodingFormat: audio.type}} : {}),
    ...(show ? {partOfSeries: {'@type': 'PodcastSeries', name: xmlSafe(show.title), url: show.link}} : {}),
    ...(show && episode.episode.season !== undefined ? {partOfSeason: {'@type': 'PodcastSeason', seasonNumber: episode.episode.season}} : {})
  }

  const structuredText = jsonLd(structured)
  return htmlDocument(
    {
      lang,
      title: show ? `${xmlSafe(episode.title)} · ${xmlSafe(show.title)}` : xmlSafe(episode.title),
      csp: publicCsp({audio: audio?.url, scripts: audio ? [structuredText, playerScript] : [structuredText]}),
      style: publicStyle,
      extra: [
        ...icons(show, '../'),
        h('meta', {name: 'description', content: xmlSafe(episode.summary)}),
        pageUrl ? h('link', {rel: 'canonical', href: pageUrl}) : null,
        show ? h('link', {rel: 'alternate', type: 'application/rss+xml', title: xmlSafe(show.title), href: feedHref(show, true)}) : null,
        ...socialTags({twitter: show?.twitter, title: xmlSafe(episode.title), description: xmlSafe(episode.summary), url: pageUrl, image, site: xmlSafe(show?.title ?? ''), audio: audio?.url, language: episode.language === 'mixed' ? undefined : episode.language}),
        h('script', {type: 'application/ld+json'}, structuredText)
      ]
    },
    h('body', [
      h('a.skip', {href: '#main'}, w.skip),
      h('div.page', [
        h('header', [
          show?.artwork ? h('a.art', {href: '../index.html'}, artwork(show, '../', 96, `${xmlSafe(show.title)} ${w.cover}`)) : null,
          show ? h('p.show', h('a', {href: '../index.html'}, xmlSafe(show.title))) : null,
          h('h1', xmlSafe(episode.title)),
          h('p.meta', [
            published ? h('time', {dateTime: published.slice(0, 10)}, displayDate(published, lang)) : null,
            published && episode.episode.duration ? ' · ' : null,
            episode.episode.duration ? durationLabel(episode.episode.duration, lang) : null
          ])
        ]),
        // Outside the header, the player sticks to the top of the whole page: a time clicked far down starts the audio with its controls in view.
        audio
          ? h('div.player', [
              h('audio', {controls: true, preload: 'none', src: audio.url, ariaLabel: `${w.listen}: ${xmlSafe(episode.title)}`}, h('a', {href: audio.url}, w.download)),
              playerBar(episode, p)
            ])
          : null,
        h('main#main', [
          episode.summary ? h('p', xmlSafe(episode.summary)) : null,
          episode.chapters.length > 0
            ? h('nav#chapters', {ariaLabelledby: 'chapters-heading'}, [
                h('h2#chapters-heading', w.chapters),
                approximate ? h('p', w.estimated) : null,
                h('ol.chapters', episode.chapters.map((chapter, index) => h('li', [seek(chapter.startTime, `chapter-${index + 1}`), h('a', {href: `#chapter-${index + 1}`}, xmlSafe(chapter.title))])))
              ])
            : null,
          episode.quotes.length > 0
            ? h('section#quotes', {ariaLabelledby: 'quotes-heading'}, [
                h('h2#quotes-heading', w.quotes),
                ...episode.quotes.map((quote, index) => {
                  const card = episode.cards?.find((c) => c.quote === index && c.size === 'square')
                  const at = turnStart.get(quote.turn)
                  return h('div.quote', [
                    h('figure.quote', [
                      h('blockquote', h('p', quoted(xmlSafe(quote.text)))),
                      h('figcaption', [`${w.dash.trim()} ${xmlSafe(quote.speaker)}`, at !== undefined ? ' · ' : null, at !== undefined ? seek(at, quote.turn) : null])
                    ]),
                    // Each quote once: its text here, its card a link away (the card is the same words as a picture).
                    card ? h('p.card', h('a', {href: card.file, type: 'image/png'}, p.card)) : null
                  ])
                })
              ])
            : null,
          episode.people.length > 0
            ? h('section#people', {ariaLabelledby: 'people-heading'}, [
                h('h2#people-heading', w.people),
                h('ul', episode.people.map((person) => h('li', [person.href && webLink.test(person.href) ? h('a', {href: person.href}, xmlSafe(person.name)) : xmlSafe(person.name), `${w.dash}${w.roles[person.role]}`])))
              ])
            : null,
          links.length > 0
            ? h('section#links', {ariaLabelledby: 'links-heading'}, [h('h2#links-heading', w.links), h('ul', links.map((url) => h('li', h('a', {href: url, rel: 'nofollow ugc'}, xmlSafe(url)))))])
            : null,
          credit ? h('p', xmlSafe(credit)) : null,
          h('section#transcript', {ariaLabelledby: 'transcript-heading'}, [
            h('h2#transcript-heading', w.transcript),
            approximate ? h('p', w.estimated) : null,
            // Shown by the script, which is what makes them work.
            audio
              ? h('div.tools', {hidden: true, dataScripted: ''}, [
                  h('form.find', {role: 'search', ariaLabel: p.search}, [
                    h('label', {for: 'find'}, p.search),
                    h('input#find', {type: 'search', name: 'q', autocomplete: 'off', enterKeyHint: 'search'}),
                    h('button', {type: 'submit'}, p.find),
                    h('output', {dataNone: p.none, ariaLive: 'polite'})
                  ]),
                  h('button.follow', {type: 'button', dataAction: 'follow', ariaPressed: 'true'}, p.follow)
                ])
              : null,
            ...(audio ? chunked(transcript, p) : transcript)
          ])
        ]),
        h('footer', [
          h('p', [
            show ? h('a', {href: '../index.html'}, w.allEpisodes) : null,
            show ? ' · ' : null,
            show ? h('a', {href: feedHref(show, true), type: 'application/rss+xml'}, w.feed) : null,
            show ? ' · ' : null,
            h('a', {href: 'transcript.html'}, w.transcriptPage)
          ])
        ])
      ]),
      audio ? h('script', playerScript) : null
    ])
  )
}

const webLink = /^(?:https?:\/\/|mailto:)/i

/**
 * The transcript a chapter at a time: a 3-hour episode is thousands of
 * elements, more than a phone lays out quickly (Lighthouse fails a page of
 * over 1,400). The whole of it is in a `<noscript>`, so without script the
 * page shows it all, as before; with script, the player parses it and shows
 * the chapters being heard, read or searched, and more as the listener
 * scrolls. transcript.html has it all on one page.
 */
function chunked(transcript: Element[], p: ReturnType<typeof playerWords>): Element[] {
  const chunks: Element[][] = []
  for (const element of transcript) {
    if (chunks.length === 0 || (element.properties?.className as string[] | undefined)?.includes('chapter-mark')) chunks.push([])
    chunks.at(-1)!.push(element)
  }
  return [
    h('div.chunks', {dataMore: p.more, dataEarlier: p.earlier}),
    h(
      'noscript#transcript-text',
      chunks.map((chunk, index) => h('div.chunk', {dataChunk: String(index)}, chunk))
    )
  ]
}

/** The player's labels, in the episode's language. */
function playerWords(language: EpisodeData['language']) {
  const zh = language === 'zh'
  return {
    player: zh ? '播放器' : 'Player',
    play: zh ? '播放' : 'Play',
    pause: zh ? '暂停' : 'Pause',
    back: zh ? '后退 15 秒' : 'Back 15 seconds',
    forward: zh ? '前进 30 秒' : 'Forward 30 seconds',
    previous: zh ? '上一章' : 'Previous chapter',
    next: zh ? '下一章' : 'Next chapter',
    speed: zh ? '播放速度' : 'Playback speed',
    share: zh ? '分享此刻' : 'Share this moment',
    copied: zh ? '已复制此刻的链接' : 'Link to this moment copied',
    position: zh ? '播放位置' : 'Position',
    search: zh ? '搜索文字稿' : 'Search the transcript',
    find: zh ? '查找' : 'Find',
    none: zh ? '没有找到' : 'Not found',
    follow: zh ? '跟随播放' : 'Follow along',
    card: zh ? '金句卡片（图片）' : 'Quote card (image)',
    more: zh ? '显示后面的文字稿' : 'Show more of the transcript',
    earlier: zh ? '显示前面的文字稿' : 'Show the transcript before this'
  }
}

const icon = (path: string) => s('svg', {viewBox: '0 0 24 24', width: 24, height: 24, ariaHidden: 'true', focusable: 'false'}, s('path', {d: path, fill: 'currentColor'}))
const glyphs = {
  play: 'M8 5v14l11-7z',
  pause: 'M6 5h4v14H6zm8 0h4v14h-4z',
  previous: 'M6 6h2v12H6zm3.5 6 8.5 6V6z',
  next: 'M16 6h2v12h-2zM6 18l8.5-6L6 6z',
  find: 'M15.5 14h-.8l-.3-.3A6.5 6.5 0 1 0 9.5 16a6.5 6.5 0 0 0 4.2-1.6l.3.3v.8l5 5 1.5-1.5-5-5zm-6 0a4.5 4.5 0 1 1 0-9 4.5 4.5 0 0 1 0 9z',
  share: 'M18 16.1c-.8 0-1.4.3-2 .8l-7.1-4.2c.1-.2.1-.5.1-.7s0-.5-.1-.7L16 7.2c.5.5 1.2.8 2 .8 1.7 0 3-1.3 3-3s-1.3-3-3-3-3 1.3-3 3c0 .2 0 .5.1.7L8 9.8C7.5 9.3 6.8 9 6 9c-1.7 0-3 1.3-3 3s1.3 3 3 3c.8 0 1.5-.3 2-.8l7.1 4.2c-.1.2-.1.4-.1.6 0 1.6 1.3 2.9 2.9 2.9s2.9-1.3 2.9-2.9-1.2-2.9-2.8-2.9z'
}

/**
 * The bar the script turns on: play, skips, chapters, speed and share, a
 * seek bar with the chapters marked, and the chapter being heard. Hidden
 * without script, where the native controls stay.
 */
function playerBar(episode: EpisodeData, p: ReturnType<typeof playerWords>): Element {
  const duration = Math.ceil(episode.episode.duration ?? episode.timing.duration ?? 0)
  return h('div.bar', {role: 'group', ariaLabel: p.player, hidden: true}, [
    h('div.controls', [
      h('button', {type: 'button', dataAction: 'play', dataPlay: p.play, dataPause: p.pause, ariaLabel: p.play}, [icon(glyphs.play), icon(glyphs.pause)]),
      h('button', {type: 'button', dataAction: 'back', ariaLabel: p.back}, '−15'),
      h('button', {type: 'button', dataAction: 'forward', ariaLabel: p.forward}, '+30'),
      episode.chapters.length > 1 ? h('button', {type: 'button', dataAction: 'previous', ariaLabel: p.previous}, icon(glyphs.previous)) : null,
      episode.chapters.length > 1 ? h('button', {type: 'button', dataAction: 'next', ariaLabel: p.next}, icon(glyphs.next)) : null,
      h('button', {type: 'button', dataAction: 'find', ariaLabel: p.search}, icon(glyphs.find)),
      h('button', {type: 'button', dataAction: 'share', dataCopied: p.copied, ariaLabel: p.share}, icon(glyphs.share))
    ]),
    h('div.track', [
      h('span.clock', formatTime(0)),
      h('input.seek', {type: 'range', min: 0, max: duration, step: 1, value: 0, list: 'chapter-marks', ariaLabel: p.position}),
      // The visible rate is part of the button's name ("Playback speed 1.5×"), as a label in the name should be.
      h('button', {type: 'button', dataAction: 'speed'}, [h('span.sr', `${p.speed} `), h('span.rate', '1×')]),
      h('datalist#chapter-marks', episode.chapters.map((chapter) => h('option', {value: Math.floor(chapter.startTime)})))
    ]),
    h('p.now', {ariaLive: 'polite'}),
    h('p.status', {role: 'status'})
  ])
}

/** A length as a listener reads it: 1 小时 23 分钟, 1 hr 23 min. */
export function durationLabel(seconds: number, lang: string): string {
  const minutes = Math.round(seconds / 60)
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  if (lang === 'zh') return `${hours ? `${hours} 小时 ` : ''}${rest} 分钟`
  return `${hours ? `${hours} hr ` : ''}${rest} min`
}
