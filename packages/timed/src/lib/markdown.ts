import type {Paragraph, PhrasingContent, Root} from 'mdast'
import {toMarkdown} from 'mdast-util-to-markdown'
import type {TimedTranscript} from './read.js'

const han = /[\p{Script=Han}\u3000-\u303F\uFF00-\uFFEF]/u

/**
 * A timed transcript as the Markdown transcript Castline reads: one labelled
 * paragraph per turn (consecutive cues of one speaker), every cue opened by
 * its start time (`[00:01:02.50]`), so parse pins each turn and each cue to
 * the file's clock. Cues without a speaker continue the last one; a `>>`
 * turn mark switches between `Speaker 1` and `Speaker 2` (text before the
 * first mark is Speaker 1's), names that episode.yaml can give to people as
 * aliases. A file that names no one and marks no turn is cut into turns at
 * pauses after a sentence (or after a minute of speech), so chapters and
 * quotes have turns to work with. Built as mdast and printed by
 * mdast-util-to-markdown, so nothing in the cues is read as markup.
 */
export function timedMarkdown(timed: TimedTranscript): string {
  const root: Root = {type: 'root', children: []}
  const anonymous = !speakersNamed(timed)
  let speaker: string | undefined
  let paragraph: Paragraph | undefined
  let opened = 0
  timed.cues.forEach((cue, index) => {
    let next = cue.speaker ?? speaker
    if (cue.turn && !cue.speaker) next = speaker === 'Speaker 1' ? 'Speaker 2' : 'Speaker 1'
    next ??= 'Speaker 1'
    const stamp = `[${clock(cue.start)}]`
    const previous = timed.cues[index - 1]
    // With no names, a new paragraph where the talk pauses after a sentence, or after a minute.
    const pause = anonymous && previous && /[.?!。？！…]["”’」]?$/u.test(previous.text) && (cue.start - previous.end >= 1 || cue.start - opened >= 60)
    if (!paragraph || next !== speaker || pause) {
      paragraph = {type: 'paragraph', children: [{type: 'strong', children: [{type: 'text', value: `${next}:`}]}, {type: 'text', value: ` ${stamp} ${cue.text}`}]}
      root.children.push(paragraph)
      speaker = next
      opened = cue.start
    } else {
      const last = paragraph.children.at(-1) as PhrasingContent & {value: string}
      // Cues join with one space, none between Han characters: parse reads `a [t] b` as `a b`, and `甲[t]乙` as `甲乙`.
      const joined = han.test(last.value.at(-1) ?? '') && han.test(cue.text[0] ?? '')
      last.value += joined ? `${stamp}${cue.text}` : ` ${stamp} ${cue.text}`
    }
  })
  return toMarkdown(root)
}

/** Whether a timed transcript says who speaks, or at least where the speaker changes. */
export function speakersNamed(timed: TimedTranscript): boolean {
  return timed.cues.some((cue) => cue.speaker || cue.turn)
}

/** hh:mm:ss.cc, the timestamp form parse reads. */
export function clock(seconds: number): string {
  const centis = Math.round(seconds * 100)
  const s = Math.floor(centis / 100)
  return `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}.${String(centis % 100).padStart(2, '0')}`
}
