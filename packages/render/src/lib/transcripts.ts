import {h} from 'hastscript'
import {htmlDocument, inlineHash, paragraphs, timeElement} from './html.js'
import {formatTime} from '@castline/parse'
import {captions} from './captions.js'

const han = /[\p{Script=Han}\u3000-\u303F\uFF00-\uFFEF“”‘’]/u
import {words, xmlSafe} from './text.js'
import type {EpisodeData, TurnData} from './types.js'

/** Each turn with its end: the next turn's start, or the end of the episode. */
export function timedTurns(episode: EpisodeData): Array<TurnData & {end: number}> {
  return episode.turns.map((turn, index) => ({
    ...turn,
    end: Math.max(turn.start.seconds, episode.turns[index + 1]?.start.seconds ?? episode.timing.duration)
  }))
}

/** Podcasting 2.0 JSON transcript: short segments, as the spec recommends, the same as the captions. */
export function transcriptJson(episode: EpisodeData): string {
  const segments = captions(episode).map((cue) => ({
    speaker: xmlSafe(cue.speaker),
    startTime: cue.start,
    endTime: cue.end,
    // The lines of a cue, joined as the sentence has them: no space between Han characters.
    body: xmlSafe(cue.text.replace(/(?<=(.))\n(?=(.))/gsu, (_, before: string, after: string) => (han.test(before) && han.test(after) ? '' : ' ')))
  }))
  return `${JSON.stringify({version: '1.0.0', segments}, null, 2)}\n`
}

/** WebVTT captions with `<v Speaker>` voice tags (see `captions`); cue text escaped as the format asks. */
export function transcriptVtt(episode: EpisodeData): string {
  const escape = (value: string) => xmlSafe(value).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
  const time = (seconds: number) => {
    const ms = Math.round(seconds * 1000)
    return `${formatTime(Math.floor(ms / 1000))}.${String(ms % 1000).padStart(3, '0')}`
  }
  const cues = captions(episode).map((cue, index) => {
    return `${index + 1}\n${time(cue.start)} --> ${time(cue.end)}\n<v ${escape(cue.speaker).replace(/\n/g, ' ')}>${escape(cue.text)}`
  })
  const note = episode.timing.estimated ? '\n\nNOTE Cue times are estimated from the amount of speech.' : ''
  return `WEBVTT${note}\n\n${cues.join('\n\n')}\n`
}

const transcriptStyle = 'body{font:16px/1.7 system-ui,sans-serif;max-width:42rem;margin:auto;padding:1rem}cite{display:block;margin-top:1.25rem;font-style:normal;font-weight:600}time{color:#595959;font-size:.85em}'

/**
 * The transcript as an HTML page for podcast apps, in the Podcasting 2.0
 * shape: for each turn a `<cite>` with the speaker, a `<time>` with its
 * start (hh:mm:ss, and an ISO duration in `datetime` so the HTML is valid),
 * and the words in `<p>`s; nothing else.
 */
export function transcriptHtml(episode: EpisodeData): string {
  const w = words(episode.language)
  const lang = episode.language === 'zh' ? 'zh' : 'en'
  return htmlDocument(
    {
      lang,
      title: `${xmlSafe(episode.title)} · ${w.transcript}`,
      csp: `default-src 'none'; style-src ${inlineHash(transcriptStyle)}`,
      style: transcriptStyle
    },
    h('body', [
      h('h1', xmlSafe(episode.title)),
      h(
        'main',
        episode.turns.flatMap((turn) => [h('cite', {id: turn.id}, `${xmlSafe(turn.speaker.name)}:`), timeElement(turn.start.seconds), ...paragraphs(turn.text)])
      )
    ])
  )
}
