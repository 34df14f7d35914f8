import {cp, mkdir, readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {WebVTTParser} from 'webvtt-parser'
import {checkCaptions} from './captions.js'
import {project, publish, root} from './helpers.js'

// Real times: timed transcripts in, chapters and captions on their clock.

const fixtures = join(root, 'tests/fixtures/timed')
const people = `people:
  - {id: ana, name: Ana Host, role: host, aliases: [Speaker 1, Ana Host (SL), SPEAKER_00]}
  - {id: ben, name: Ben Guest, role: guest, aliases: [Speaker 2, SPEAKER_01]}
`

describe('timed transcripts', () => {
  it('publishes each tool’s format on its own clock, with captions a player can show', async () => {
    const dir = await project()
    const files = ['descript.srt', 'youtube.vtt', 'voices.vtt', 'whisper.json', 'podcasting20.json', 'otter.txt', 'riverside.txt', 'zoom.vtt', 'whispercpp.json', 'whisperx.json', 'ytapi.json']
    for (const name of files) {
      const folder = join(dir, 'content/episodes', name.replace('.', '-'))
      await mkdir(folder, {recursive: true})
      await cp(join(fixtures, name), join(folder, `transcript${name.slice(name.lastIndexOf('.'))}`))
      await writeFile(join(folder, 'episode.yaml'), `title: ${name}\nguid: ${name}\npublished: 2026-01-02\n${people}`)
    }
    const run = await publish(dir, ['--jobs', '2'])
    expect(run.stderr).not.toMatch(/error/)
    expect(run.code).toBe(0)
    const expected: Record<string, {speakers: string[]; starts: number[]}> = {
      'descript-srt': {speakers: ['Ana Host', 'Ben Guest', 'Ana Host', 'Ben Guest'], starts: [0.5, 4.9, 16, 19.9]},
      'youtube-vtt': {speakers: ['Ana Host', 'Ben Guest', 'Ana Host', 'Ben Guest'], starts: [0, 3.5, 12.5, 16]},
      'voices-vtt': {speakers: ['Ana Host', 'Ben Guest', 'Ana Host'], starts: [1, 5.5, 16.5]},
      // Whisper names no one: the unnamed speaker is 'Speaker 1', whom episode.yaml makes Ana Host.
      'whisper-json': {speakers: ['Ana Host'], starts: [0]},
      'podcasting20-json': {speakers: ['Ana Host', 'Ben Guest', 'Ana Host'], starts: [0.5, 4.4, 16]},
      'otter-txt': {speakers: ['Ana Host', 'Ben Guest', 'Ana Host', 'Ben Guest'], starts: [0, 4, 15, 19]},
      'riverside-txt': {speakers: ['Ana Host', 'Ben Guest', 'Ana Host', 'Ben Guest'], starts: [1, 5, 19, 22]},
      // Zoom's `Name (affix):`, one speaker's two cues one turn.
      'zoom-vtt': {speakers: ['Ana Host', 'Ben Guest', 'Ana Host'], starts: [1, 5, 14.6]},
      // Neither names anyone: one unnamed speaker, as Whisper.
      'whispercpp-json': {speakers: ['Ana Host'], starts: [0]},
      'whisperx-json': {speakers: ['Ana Host', 'Ben Guest'], starts: [0.4, 3.8]},
      'ytapi-json': {speakers: ['Ana Host'], starts: [0]}
    }
    for (const [slug, want] of Object.entries(expected)) {
      const episode = JSON.parse(await readFile(join(dir, 'out', slug, 'episode.json'), 'utf8'))
      expect(episode.timing.estimated, slug).toBe(false)
      expect(episode.turns.map((t: {speaker: {name: string}}) => t.speaker.name), slug).toEqual(want.speakers)
      expect(episode.turns.map((t: {start: {seconds: number}}) => t.start.seconds), slug).toEqual(want.starts)
      const cues = checkCaptions(await readFile(join(dir, 'out', slug, 'transcript.vtt'), 'utf8'))
      expect(cues[0]!.startTime, slug).toBe(want.starts[0])
      // Every cue starts within half a second of when the file says its first word is said.
      const name = files.find((f) => f.replace('.', '-') === slug)!
      const said = fileWords(name, await readFile(join(fixtures, name), 'utf8'))
      let next = 0
      for (const cue of cues) {
        const own = spoken(cue.text.replace(/^<v [^>]*>/, ''))
        // The cue's words are the file's next words: none repeated, none lost.
        expect(
          own.every((word, k) => said[next + k]?.word === word),
          `${slug}: ${cue.text} is not what the file says next: ${said.slice(next, next + own.length).map((w) => w.word).join(' ')}`
        ).toBe(true)
        const at = said[next]!.at
        if (at !== undefined) expect(Math.abs(cue.startTime - at), `${slug}: ${cue.text}`).toBeLessThanOrEqual(0.5)
        next += own.length
      }
      // …to the file's last word.
      expect(next, slug).toBe(said.length)
      const item = await readFile(join(dir, 'out', slug, 'rss-item.xml'), 'utf8')
      expect(item, slug).toContain('<podcast:chapters')
      expect(item, slug).toContain('rel="captions"')
    }
    // The feed, as an app reads it, built from episode.json: each episode's VTT is captions there too.
    const feed = await readFile(join(dir, 'out/feed.xml'), 'utf8')
    const vtts = feed.match(/<podcast:transcript [^>]*type="text\/vtt"[^>]*>/g) ?? []
    expect(vtts.length).toBeGreaterThanOrEqual(Object.keys(expected).length)
    for (const tag of vtts) expect(tag).toContain('rel="captions"')
    // Entities and inline tags of cue text are text, not markup.
    expect(await readFile(join(dir, 'out/voices-vtt/transcript.md'), 'utf8')).toContain('factories & homes?')
  }, 300_000)

  it('gives the bundled Markdown the clock of a timed file: chapters within a second, ads on the clock, and cut from it on request', async () => {
    const dir = await project()
    expect((await publish(dir)).code).toBe(0)
    const folder = join(dir, 'content/episodes/moonshots-elon-musk')
    const estimated = JSON.parse(await readFile(join(dir, 'out/moonshots-elon-musk/episode.json'), 'utf8'))
    // The audio's own clock, as a transcription tool would write it: another speaking rate, pauses,
    // filler the editor removed, punctuation of its own, and the Metatrends ad read aloud.
    const truth = new Map<string, number>()
    const cues: string[] = []
    const stamp = (s: number) => new Date(Math.round(s * 1000)).toISOString().slice(11, 23).replace('.', ',')
    let clock = 2
    let ad: {start: number; end: number} | undefined
    // When each letter is said: the stream of the SRT's letters and their times.
    let said = ''
    const saidAt: number[] = []
    for (const turn of estimated.turns as Array<{id: string; text: string; speaker: {name: string}; position: {start: {line: number}}}>) {
      if (!ad && turn.position.start.line > 176) {
        ad = {start: clock, end: clock + 45}
        cues.push(`${cues.length + 1}\n${stamp(clock)} --> ${stamp(clock + 45)}\nThis episode is brought to you by the Metatrends newsletter, go to diamandis.com/metatrends.`)
        clock += 45.5
      }
      truth.set(turn.id, clock)
      const text = turn.text.replace(/\n+/g, ' ').replace(/[嗯啊]/g, '').replace(/，/g, ' ')
      for (const [i, piece] of (text.match(/.{1,40}/gsu) ?? []).entries()) {
        const seconds = piece.length / 4.7
        for (const [k, char] of [...piece].entries()) {
          if (!/[\p{L}\p{N}]/u.test(char)) continue
          said += char.toLowerCase()
          saidAt.push(clock + k / 4.7)
        }
        cues.push(`${cues.length + 1}\n${stamp(clock)} --> ${stamp(clock + seconds)}\n${i === 0 ? `${turn.speaker.name}: ` : ''}${piece.trim()}`)
        clock += seconds
      }
      clock += 0.6
    }
    await writeFile(join(folder, 'transcript.srt'), `${cues.join('\n\n')}\n`)
    const run = await publish(dir)
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/Times from the timed transcript \(srt\): 9\d% of the text aligned/)
    const timed = JSON.parse(await readFile(join(dir, 'out/moonshots-elon-musk/episode.json'), 'utf8'))
    expect(timed.timing.estimated).toBe(false)
    const chapters = JSON.parse(await readFile(join(dir, 'out/moonshots-elon-musk/chapters.json'), 'utf8')).chapters as Array<{startTime: number}>
    for (const [index, chapter] of (timed.chapters as Array<{firstTurn: string}>).entries()) {
      if (index === 0) continue
      expect(Math.abs(chapters[index]!.startTime - truth.get(chapter.firstTurn)!)).toBeLessThanOrEqual(1)
    }
    // Every caption starts when its first words are said, as the SRT has them: within half a second.
    const captions = checkCaptions(await readFile(join(dir, 'out/moonshots-elon-musk/transcript.vtt'), 'utf8'))
    let cursor = 0
    const errors: number[] = []
    for (const cue of captions) {
      const letters = cue.text.replace(/^<v [^>]*>/, '').toLowerCase().match(/[\p{L}\p{N}]/gu) ?? []
      const key = letters.slice(0, 6).join('')
      const at = said.indexOf(key, cursor)
      if (key.length < 6 || at < 0 || at - cursor > 200) continue
      errors.push(Math.abs(cue.startTime - saidAt[at]!))
      if (process.env.DEBUG_CAPTIONS && Math.abs(cue.startTime - saidAt[at]!) > 0.5) console.log(cue.startTime, saidAt[at], cue.text)
      // Past this cue's words: a phrase said again is found where it is said again.
      cursor = at + letters.length
    }
    errors.sort((a, b) => a - b)
    expect(errors.length).toBeGreaterThan(captions.length * 0.8)
    expect(errors[Math.floor(errors.length / 2)]).toBeLessThanOrEqual(0.2)
    expect(errors.at(-1)).toBeLessThanOrEqual(0.5)
    const redactions = JSON.parse(await readFile(join(dir, 'out/moonshots-elon-musk/redactions.json'), 'utf8')).redactions
    const metatrends = redactions.find((r: {marker?: string}) => r.marker?.includes('Metatrends'))
    expect(Math.abs(metatrends.time.start - ad!.start)).toBeLessThanOrEqual(1.5)
    expect(Math.abs(metatrends.time.end - (ad!.end + 0.5))).toBeLessThanOrEqual(1.5)
    const item = await readFile(join(dir, 'out/moonshots-elon-musk/rss-item.xml'), 'utf8')
    expect(item.match(/<podcast:soundbite /g)?.length).toBeGreaterThanOrEqual(2)
    // The feed apps read carries the item's every element, soundbites and all.
    const feed = await readFile(join(dir, 'out/feed.xml'), 'utf8')
    const feedItem = feed.slice(feed.indexOf('<item>'), feed.indexOf('</item>') + '</item>'.length)
    // Every element inside the item (rss-item.xml's own <item> declares namespaces the feed declares on <rss>).
    const elements = (xml: string) =>
      [...xml.matchAll(/<([\w:.-]+)(?=[\s>/])[^>]*>/g)]
        .slice(1)
        .map((m) => m[0].replace(/\s+/g, ' '))
        .sort()
    expect(elements(feedItem).length).toBeGreaterThan(20)
    expect(elements(feedItem)).toEqual(elements(item))

    // A flag that changes the outputs is part of the inputs: no --force needed to see it.
    const again = await publish(dir, ['--ads-cut-from-audio'])
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/1 published, 0 unchanged/)
    expect((await publish(dir)).stdout).toMatch(/1 published, 0 unchanged/)

    // The published audio has the ads cut: every time after the break is earlier by its length.
    expect((await publish(dir, ['--force', '--ads-cut-from-audio'])).code).toBe(0)
    // episode.json's times, before chapters.json cuts them down to the second.
    const cut = JSON.parse(await readFile(join(dir, 'out/moonshots-elon-musk/episode.json'), 'utf8')).chapters as Array<{startTime: number}>
    const length = metatrends.time.end - metatrends.time.start
    for (const [index, chapter] of (timed.chapters as Array<{startTime: number}>).entries()) {
      const expected = chapter.startTime > metatrends.time.start ? chapter.startTime - length : chapter.startTime
      expect(Math.abs(cut[index]!.startTime - expected)).toBeLessThanOrEqual(1)
    }
    checkCaptions(await readFile(join(dir, 'out/moonshots-elon-musk/transcript.vtt'), 'utf8'))
  }, 480_000)

  it('fails a broken timed file with its line', async () => {
    const dir = await project()
    const folder = join(dir, 'content/episodes/broken')
    await mkdir(folder, {recursive: true})
    await writeFile(join(folder, 'transcript.json'), '{\n  "segments": [\n    {"start": 1, "end": 2, "text": "a"},\n  ]\n}\n')
    await writeFile(join(folder, 'episode.yaml'), `title: Broken\n${people}`)
    const run = await publish(dir, ['content/episodes/broken'])
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/✖ broken: .*transcript\.json:4:1: Broken JSON/)
  })

  it('warns at the line of a segment that runs late over the next, and publishes times that never run backwards', async () => {
    const dir = await project()
    const folder = join(dir, 'content/episodes/late')
    await mkdir(folder, {recursive: true})
    const srt = [
      '1\n00:00:01,000 --> 00:00:04,000\nAna Host: Welcome to the show, where we talk about factories and homes.',
      '2\n00:01:05,000 --> 00:02:37,000\nBen Guest: Thanks for having me, I have been building robots for a decade now.',
      '3\n00:00:09,000 --> 00:00:12,000\nAna Host: What was the first robot you built, and did it work at all?',
      '4\n00:00:12,500 --> 00:00:16,000\nBen Guest: It fell over every time, and I learned more from that than anything.'
    ].join('\n\n')
    await writeFile(join(folder, 'transcript.srt'), `${srt}\n`)
    await writeFile(join(folder, 'episode.yaml'), `title: Late\nguid: late\npublished: 2026-01-02\n${people}`)
    const run = await publish(dir, ['content/episodes/late'])
    expect(run.code).toBe(0)
    const report = run.stdout + run.stderr
    expect(report).toMatch(/transcript\.srt\n(?:.*\n)*6:1 +warning A cue runs to 02:37, past the next cue's start at 00:09/)
    expect(report).toMatch(/\n10:1 +warning A cue starts at 00:09, before the cue above it \(01:05\)/)
    const cues = new WebVTTParser().parse(await readFile(join(dir, 'out/late/transcript.vtt'), 'utf8'), 'metadata').cues
    for (const [index, cue] of cues.entries()) if (index) expect(cue.startTime).toBeGreaterThanOrEqual(cues[index - 1]!.startTime)
  })

  it('publishes YouTube’s rolling captions and AssemblyAI’s words on their own word times: every cue within half a second, every word once', async () => {
    const dir = await project()
    // A conversation with the time of every word, as both tools would have heard it.
    const sentences = [
      ['Ana', 'Welcome back to the show. Today we talk about the power grid, and what it needs next.'],
      ['Ben', 'Thanks for having me. The grid was built for a world of big plants, and that world is ending fast.'],
      ['Ana', 'So what replaces it?'],
      ['Ben', 'Storage, mostly. Batteries at every substation, and lines that carry power across whole regions when the sun is low.']
    ] as const
    const words: Array<{speaker: string; turn: number; text: string; start: number; end: number}> = []
    let clock = 0.4
    for (const [turn, [speaker, text]] of sentences.entries()) {
      for (const word of text.split(' ')) {
        words.push({speaker, turn, text: word, start: clock, end: clock + 0.3})
        clock += 0.34 + (/[.?,]$/.test(word) ? 0.5 : 0)
      }
      clock += 0.8
    }
    const vttTime = (s: number) => new Date(Math.round(s * 1000)).toISOString().slice(11, 23)
    // yt-dlp's shape of YouTube's automatic captions: lines of some eight words, each cue the line before
    // above the new one, its words in <c> with their times, a 10 ms cue between; no names, >> at a change.
    const lines: (typeof words)[] = []
    for (const word of words) {
      const line = lines.at(-1)
      if (!line || line.length >= 8 || line.at(-1)!.speaker !== word.speaker) lines.push([word])
      else line.push(word)
    }
    const plain = (line: typeof words) => line.map((w) => w.text).join(' ')
    const cues = ['WEBVTT\nKind: captions\nLanguage: en']
    lines.forEach((line, index) => {
      const start = line[0]!.start
      const end = lines[index + 1]?.[0]?.start ?? line.at(-1)!.end
      const turn = index > 0 && lines[index - 1]!.at(-1)!.speaker !== line[0]!.speaker ? '&gt;&gt; ' : ''
      const timed = `${turn}${line[0]!.text}${line.slice(1).map((w) => `<${vttTime(w.start)}><c> ${w.text}</c>`).join('')}`
      cues.push(`${vttTime(start)} --> ${vttTime(end - 0.01)} align:start position:0%\n${index ? plain(lines[index - 1]!) : ' '}\n${timed}`)
      cues.push(`${vttTime(end - 0.01)} --> ${vttTime(end)} align:start position:0%\n${plain(line)}\n `)
    })
    // AssemblyAI's transcript JSON: utterances by speaker letter, words in milliseconds.
    const ms = (s: number) => Math.round(s * 1000)
    const utterances = sentences.map(([speaker], index) => {
      const own = words.filter((word) => word.turn === index)
      return {speaker: speaker === 'Ana' ? 'A' : 'B', start: ms(own[0]!.start), end: ms(own.at(-1)!.end), confidence: 0.95, text: plain(own), words: own.map((w) => ({text: w.text, start: ms(w.start), end: ms(w.end), confidence: 0.95, speaker: speaker === 'Ana' ? 'A' : 'B'}))}
    })
    const files = {'youtube-auto': ['transcript.vtt', `${cues.join('\n\n')}\n`], assemblyai: ['transcript.json', JSON.stringify({text: words.map((w) => w.text).join(' '), utterances})]} as const
    for (const [slug, [name, text]] of Object.entries(files)) {
      const folder = join(dir, 'content/episodes', slug)
      await mkdir(folder, {recursive: true})
      await writeFile(join(folder, name), text)
      await writeFile(join(folder, 'episode.yaml'), `title: ${slug}\nguid: ${slug}\npublished: 2026-01-02\npeople:\n  - {id: ana, name: Ana Host, role: host, aliases: [Speaker 1, Speaker A]}\n  - {id: ben, name: Ben Guest, role: guest, aliases: [Speaker 2, Speaker B]}\n`)
    }
    const run = await publish(dir, Object.keys(files).map((slug) => `content/episodes/${slug}`))
    expect(run.code, run.stdout + run.stderr).toBe(0)
    for (const slug of Object.keys(files)) {
      const episode = JSON.parse(await readFile(join(dir, 'out', slug, 'episode.json'), 'utf8'))
      expect(episode.turns.map((t: {speaker: {name: string}}) => t.speaker.name), slug).toEqual(['Ana Host', 'Ben Guest', 'Ana Host', 'Ben Guest'])
      const captions = checkCaptions(await readFile(join(dir, 'out', slug, 'transcript.vtt'), 'utf8'), {texts: sentences.map(([, text]) => text)})
      // Each cue starts when its first word is said, and ends when its last word ends.
      let next = 0
      for (const cue of captions) {
        const said = cue.text.replace(/^<v [^>]*>/, '').split(/\s+/)
        const first = words[next]!
        const last = words[next + said.length - 1]!
        expect(Math.abs(cue.startTime - first.start), `${slug}: ${cue.text}`).toBeLessThanOrEqual(0.5)
        expect(Math.abs(cue.endTime - last.end), `${slug}: ${cue.text}`).toBeLessThanOrEqual(0.5)
        next += said.length
      }
      expect(next).toBe(words.length)
    }
  }, 300_000)
})

const spoken = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? []

/**
 * The fixture's words, each at the time its file gives: a word's own time
 * (Whisper), else spread over its cue by characters, a cue ending where the
 * next starts when the file gives only starts (time-stamped text). Read here
 * by the formats' documented shapes, not by @castline/timed.
 */
function fileWords(name: string, text: string): Array<{word: string; at?: number}> {
  const seconds = (stamp: string) => stamp.split(/[:]/).reduce((sum, part) => sum * 60 + Number(part.replace(',', '.')), 0)
  let spans: Array<{start: number; end?: number; text: string}> = []
  if (name.endsWith('.srt') || name.endsWith('.vtt')) {
    for (const match of text.matchAll(/([\d:.,]+) --> ([\d:.,]+)[^\n]*\n([\s\S]*?)(?:\n\n|\n?$)/g)) {
      spans.push({start: seconds(match[1]!), end: seconds(match[2]!), text: match[3]!.replace(/<[^>]+>/g, '').replace(/^(?:[^:\n]{1,30}:|>>)\s*/gm, '')})
    }
  } else if (name === 'whispercpp.json') {
    const json = JSON.parse(text) as {transcription: Array<{offsets: {from: number; to: number}; text: string}>}
    return spread(json.transcription.map((t) => ({start: t.offsets.from / 1000, end: t.offsets.to / 1000, text: t.text})))
  } else if (name === 'whisperx.json') {
    const json = JSON.parse(text) as Array<{words: Array<{word: string; start: number}>}>
    return json.flatMap((segment) => segment.words.flatMap((w) => spoken(w.word).map((word) => ({word, at: w.start}))))
  } else if (name === 'ytapi.json') {
    // youtube-transcript-api: text, start and duration; [Music] is no speech.
    const json = JSON.parse(text) as Array<{text: string; start: number; duration: number}>
    return spread(json.filter((t) => !/^\[[^\]]+\]$/.test(t.text)).map((t) => ({start: t.start, end: t.start + t.duration, text: t.text})))
  } else if (name === 'whisper.json') {
    const json = JSON.parse(text) as {segments: Array<{start: number; end: number; text: string; words?: Array<{word: string; start: number}>}>}
    return json.segments.flatMap((segment) =>
      segment.words ? segment.words.flatMap((w) => spoken(w.word).map((word) => ({word, at: w.start}))) : spread([{start: segment.start, end: segment.end, text: segment.text}])
    )
  } else if (name.endsWith('.json')) {
    spans = (JSON.parse(text) as {segments: Array<{startTime: number; endTime: number; body: string}>}).segments.map((s) => ({start: s.startTime, end: s.endTime, text: s.body}))
  } else {
    for (const match of text.matchAll(/^(?:\[([\d:]+)\] [^:\n]+: (.*)|[^\n(]+ \(([\d:]+)\)\n(.*))$/gm)) {
      spans.push({start: seconds(match[1] ?? match[3]!), text: match[2] ?? match[4]!})
    }
  }
  return spread(spans)
}

function spread(spans: Array<{start: number; end?: number; text: string}>): Array<{word: string; at?: number}> {
  return spans.flatMap((span, index) => {
    // The last paragraph of a file of starts has no end: only its first word has a time from the file.
    const end = span.end ?? spans[index + 1]?.start
    return [...span.text.toLowerCase().matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu)].map((m) => ({
      word: m[0],
      at: end === undefined ? (m.index === 0 ? span.start : undefined) : span.start + ((end - span.start) * m.index) / span.text.length
    }))
  })
}
