import type {VFile} from 'vfile'
import {rssItem} from './feed.js'
import {reviewPage} from './page.js'
import {showNotes, showNotesHtml, showNotesMarkdown} from './show-notes.js'
import {transcriptHtml, transcriptJson, transcriptVtt} from './transcripts.js'
import type {EpisodeData, ShowInfo} from './types.js'

/** Every file render makes for one episode, by name. */
export function renderEpisode(episode: EpisodeData, show: ShowInfo | undefined, file: VFile): Map<string, string> {
  const notes = showNotes(episode, show)
  const html = showNotesHtml(notes)
  if (!show) file.info('No podcast.yaml for this episode: no rss-item.xml, and it is not in a feed', {ruleId: 'no-show', source: 'castline-render'})
  else if (episode.timing.estimated && show.estimatedTimes !== 'publish') {
    file.message(
      'Times are estimated from the amount of speech, so the feed carries no chapters and no captions. For real times, put the transcript your transcription tool wrote (transcript.srt, .vtt or .json, or a time-stamped .txt) beside transcript.md, or the English audio itself (audio.mp3, .m4a, .wav, .ogg or .flac) for Castline to listen to; or set `estimatedTimes: publish` in podcast.yaml',
      {ruleId: 'estimated-times', source: 'castline-render'}
    )
  }
  return new Map([
    ['show-notes.md', showNotesMarkdown(notes)],
    ['show-notes.html', `${html}\n`],
    ...(show ? ([['rss-item.xml', rssItem(episode, show, file)]] as const) : []),
    ['transcript.json', transcriptJson(episode)],
    ['transcript.vtt', transcriptVtt(episode)],
    ['transcript.html', transcriptHtml(episode)],
    ['review.html', reviewPage(episode, show)]
  ])
}
