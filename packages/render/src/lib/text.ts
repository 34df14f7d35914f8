import type {EpisodeData, ShowInfo} from './types.js'

// Characters XML 1.0 does not allow anywhere, not even escaped: C0 controls
// but tab and line endings, lone surrogates, U+FFFE and U+FFFF.
const illegal = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Text that may go into XML and HTML: characters XML 1.0 forbids are dropped. */
export function xmlSafe(text: string): string {
  return text.replace(illegal, '')
}

/** Words of the outputs, in the episode's language. */
export function words(language: EpisodeData['language']) {
  const zh = language === 'zh'
  return {
    people: zh ? '嘉宾与主持' : 'People',
    chapters: zh ? '章节' : 'Chapters',
    estimated: zh ? '时间为按语速估算的近似值。' : 'Times are approximate, estimated from the amount of speech.',
    quotes: zh ? '金句' : 'Quotes',
    links: zh ? '节目中提到的链接' : 'Links mentioned',
    transcript: zh ? '文字稿' : 'Transcript',
    summary: zh ? '简介' : 'Summary',
    redactions: zh ? '已删除的广告' : 'Removed advertising',
    noRedactions: zh ? '没有删除任何内容。' : 'Nothing was removed.',
    adBreak: zh ? '广告时段' : 'Ad break',
    promo: zh ? '主持人口播' : 'Host-read promo',
    dash: zh ? '——' : ' — ',
    byProducer: zh ? '制作人设定' : 'set by you',
    byCastline: zh ? 'Castline 选定' : 'chosen by Castline',
    displaced: zh ? '被你的设定替换的自动选择（可改回）' : 'Castline’s picks your choices replaced (to take back)',
    choices: zh ? 'episode.yaml 中设定的问题' : 'Problems with your choices in episode.yaml',
    privatePage: zh ? '此页面仅供审阅，请勿上传。' : 'This page is for your review only: do not upload it.',
    publicPage: zh ? '查看公开页面' : 'See the public page',
    playFrom: zh ? '从此处播放：' : 'Play from',
    listen: zh ? '收听' : 'Listen',
    download: zh ? '下载音频' : 'Download the audio',
    skip: zh ? '跳到正文' : 'Skip to content',
    allEpisodes: zh ? '全部节目' : 'All episodes',
    episodes: zh ? '节目' : 'Episodes',
    noEpisodes: zh ? '还没有发布的节目。' : 'No episode is out yet.',
    feed: zh ? 'RSS 订阅源' : 'RSS feed',
    subscribe: zh ? '订阅' : 'Subscribe',
    transcriptPage: zh ? '纯文字稿' : 'Plain transcript',
    cover: zh ? '封面' : 'cover art',
    roles: {
      host: zh ? '主持人' : 'host',
      'co-host': zh ? '联合主持人' : 'co-host',
      guest: zh ? '嘉宾' : 'guest',
      'guest-host': zh ? '客座主持人' : 'guest host',
      announcer: zh ? '播音' : 'announcer',
      producer: zh ? '制作人' : 'producer'
    }
  }
}

/** The URL of a file of the published outputs (of out/ itself, with no path), when the show has a base URL. */
export function outputUrl(show: ShowInfo, ...path: string[]): string | undefined {
  if (!show.baseUrl) return undefined
  return `${show.baseUrl.replace(/\/+$/, '')}/${path.map(encodeURIComponent).join('/')}`
}

/** The public page of an episode: its folder, which serves index.html. */
export function episodePageUrl(show: ShowInfo, slug: string): string | undefined {
  const url = outputUrl(show, slug)
  return url && `${url}/`
}

export function sponsorCredit(episode: EpisodeData, show: ShowInfo | undefined): string | undefined {
  if (!show?.sponsorCredit || episode.sponsors.length === 0) return undefined
  const list = episode.language === 'zh' ? episode.sponsors.join('、') : episode.sponsors.join(', ')
  return show.sponsorCredit.replaceAll('{sponsors}', list)
}

/** A quote in quotation marks, nested as both languages nest them (one rule for every output: @castline/parse's). */
export {quoted} from '@castline/parse'
