import {describe, expect, it} from 'vitest'
import {align, tokens} from './align.js'
import {clock, timedMarkdown} from './markdown.js'
import {TimedError, readTimed} from './read.js'

describe('readTimed', () => {
  it('reads SRT labels, WebVTT voices and >> turn marks, and cue markup as text', () => {
    const srt = readTimed('1\n00:00:01,000 --> 00:00:02,500\nSpeaker 1: Hello there.\n\n2\n00:00:03,000 --> 00:00:04,000\nStill me.\n', 'a.srt')
    expect(srt.cues).toEqual([
      {start: 1, end: 2.5, speaker: 'Speaker 1', turn: undefined, text: 'Hello there.'},
      {start: 3, end: 4, speaker: undefined, turn: undefined, text: 'Still me.'}
    ])
    const vtt = readTimed('WEBVTT\n\n00:01.000 --> 00:02.000\n<v.loud Ana Host>Hi <b>there</b> &amp; <00:01.500>you</v>\n\n00:03.000 --> 00:04.000\n>> Next one\n', 'a.vtt')
    expect(vtt.cues.map((c) => [c.speaker, c.turn, c.text])).toEqual([
      ['Ana Host', undefined, 'Hi there & you'],
      [undefined, true, 'Next one']
    ])
  })

  it('reads Whisper (with word times) and Podcasting 2.0 JSON, and time-stamped text exports', () => {
    const whisper = readTimed(JSON.stringify({segments: [{start: 0, end: 2, text: ' Hi you.', words: [{word: ' Hi', start: 0, end: 0.5}, {word: ' you.', start: 0.5, end: 2}]}]}), 'w.json')
    expect(whisper).toMatchObject({format: 'whisper', cues: [{start: 0, end: 2, text: 'Hi you.', words: [{text: 'Hi'}, {text: 'you.'}]}]})
    const pc20 = readTimed(JSON.stringify({version: '1.0.0', segments: [{speaker: 'Ana', startTime: 1, endTime: 2, body: 'Yes.'}]}), 'p.json')
    expect(pc20).toMatchObject({format: 'podcasting-2.0', cues: [{speaker: 'Ana', start: 1, end: 2, text: 'Yes.'}]})
    const otter = readTimed('Ana Host (0:00)\nHello.\nMore.\n\nBen (1:02:03)\nHi.\n', 'o.txt')
    expect(otter.cues.map((c) => [c.speaker, c.start, c.text])).toEqual([
      ['Ana Host', 0, 'Hello. More.'],
      ['Ben', 3723, 'Hi.']
    ])
    const riverside = readTimed('[00:00:05] Ana: One.\n[00:00:09.5] Ben: Two.\n', 'r.txt')
    expect(riverside.cues.map((c) => [c.speaker, c.start, c.end])).toEqual([
      ['Ana', 5, 9.5],
      ['Ben', 9.5, expect.any(Number)]
    ])
  })

  it('says what is wrong, with the line where it can', () => {
    expect(() => readTimed('{\n  "segments": [\n    {"start": 1,}\n  ]\n}', 'w.json')).toThrow(TimedError)
    try {
      readTimed('{\n  "segments": [\n    {"start": 1,}\n  ]\n}', 'w.json')
    } catch (error) {
      expect((error as TimedError).line).toBe(3)
    }
    expect(() => readTimed('{"text": "no segments"}', 'w.json')).toThrow(/segments/)
    expect(() => readTimed('not a caption file', 'a.vtt')).toThrow(/starts with the line WEBVTT/)
    expect(() => readTimed('just words', 'a.srt')).toThrow(/No cues found/)
    expect(() => readTimed('no times here', 'a.txt')).toThrow(/No time-stamped speaker lines/)
    expect(() => readTimed('x', 'a.docx')).toThrow(/Not a timed transcript format/)
  })

  it('keeps the order of speech and clamps times that run backwards, overlap or come out of order, saying where', () => {
    const srt = [
      '1\n00:00:01,000 --> 00:00:04,000\nOne.',
      // A recognizer's long segment, a minute late and over the next cue.
      '2\n00:01:05,000 --> 00:02:37,000\nTwo.',
      '3\n00:00:06,000 --> 00:00:05,000\nThree.',
      '4\n00:00:08,000 --> 00:00:09,000\nFour.'
    ].join('\n\n')
    const {cues, repairs} = readTimed(srt, 'a.srt')
    expect(cues.map((cue) => cue.text)).toEqual(['One.', 'Two.', 'Three.', 'Four.'])
    for (const [index, cue] of cues.entries()) {
      expect(cue.end).toBeGreaterThanOrEqual(cue.start)
      if (index) expect(cue.start).toBeGreaterThanOrEqual(cues[index - 1]!.end)
    }
    expect(repairs.map((r) => [r.ruleId, r.line, r.count])).toEqual([
      ['timed-overlap', 6, 1],
      ['timed-backward', 10, 1],
      ['timed-out-of-order', 10, 1]
    ])
    expect(repairs[2]!.message).toMatch(/^A cue starts at 00:06, before the cue above it \(01:05\): its start is set/)

    const json = '{"segments": [\n {"start": 0, "end": 9, "text": "a", "words": [{"start": 0, "end": 1, "word": "a"}, {"start": 12, "end": 13, "word": "b"}]},\n {"start": 5, "end": 6, "text": "c"}\n]}'
    const whisper = readTimed(json, 'w.json')
    expect(whisper.repairs.map((r) => [r.ruleId, r.line])).toEqual([['timed-overlap', 2]])
    expect(whisper.cues[0]!.words!.at(-1)).toMatchObject({start: 5, end: 5})

    const text = readTimed('Ana (00:00:10)\nHello.\n\nBo (00:00:05)\nBack in time.', 'a.txt')
    expect(text.cues.map((cue) => cue.start)).toEqual([10, 10])
    expect(text.repairs).toMatchObject([{ruleId: 'timed-out-of-order', line: 4}])
    expect(readTimed('1\n00:00:01,000 --> 00:00:02,050\nA.\n\n2\n00:00:02,000 --> 00:00:03,000\nB.', 'a.srt').repairs).toEqual([])
  })
})

describe('real tools’ formats and quirks', () => {
  // Shapes as the tools document and write them, written here by hand.
  it('reads YouTube’s rolling automatic captions (yt-dlp) once each, with their word times, and drops what is not speech', () => {
    const vtt = [
      'WEBVTT\nKind: captions\nLanguage: en',
      '00:00:00.160 --> 00:00:02.350 align:start position:0%\n \nso<00:00:00.480><c> today</c><00:00:00.960><c> we</c><00:00:01.200><c> talk</c>',
      '00:00:02.350 --> 00:00:02.360 align:start position:0%\nso today we talk\n ',
      '00:00:02.360 --> 00:00:04.990 align:start position:0%\nso today we talk\nabout<00:00:02.700><c> solar</c><00:00:03.100><c> [Music]</c>',
      '00:00:04.990 --> 00:00:05.000 align:start position:0%\nabout solar [Music]\n ',
      '00:00:05.000 --> 00:00:07.000 align:start position:0%\nabout solar [Music]\n&gt;&gt; and<00:00:05.400><c> wind</c>'
    ].join('\n\n')
    const {cues} = readTimed(vtt, 'auto.en.vtt')
    expect(cues.map((cue) => cue.text)).toEqual(['so today we talk', 'about solar', 'and wind'])
    expect(cues[2]!.turn).toBe(true)
    expect(cues[0]!.words!.map((w) => [w.text, w.start])).toEqual([
      ['so', 0.16],
      ['today', 0.48],
      ['we', 0.96],
      ['talk', 1.2]
    ])
    expect(cues[2]!.words!.map((w) => [w.text, w.start])).toEqual([
      ['and', 5],
      ['wind', 5.4]
    ])
  })

  it('reads Zoom’s names with an affix, Chinese labels with no space, and SRT style tags as no text', () => {
    const zoom = 'WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nAshlee Kupor (SL): Thanks for joining.\n\n2\n00:00:04.500 --> 00:00:06.000\nBen Guest: Glad to be here.'
    expect(readTimed(zoom, 'zoom.vtt').cues.map((cue) => cue.speaker)).toEqual(['Ashlee Kupor (SL)', 'Ben Guest'])
    const srt = [
      '1\n00:00:01,000 --> 00:00:03,000\n{\\an8}杨宁：各位朋友大家好。',
      '2\n00:00:03,000 --> 00:00:05,000\n[音乐]',
      '3\n00:00:05,000 --> 00:00:06,000\nSee https://example.com: here.',
      '4\n00:00:06,000 --> 00:00:08,000\n她说：“他能拿我怎么样？”',
      '5\n00:00:08,000 --> 00:00:09,000\n杨宁：欢迎回来。'
    ].join('\n\n')
    const {cues} = readTimed(srt, 'zh.srt')
    expect(cues.map((cue) => [cue.speaker, cue.text])).toEqual([
      ['杨宁', '各位朋友大家好。'],
      [undefined, 'See https://example.com: here.'],
      // A name that opens one line only is words, not a label.
      [undefined, '她说：“他能拿我怎么样？”'],
      ['杨宁', '欢迎回来。']
    ])
  })

  it('reads AssemblyAI (utterances, or words alone), whisper.cpp, WhisperX and youtube-transcript-api JSON', () => {
    const assembly = JSON.stringify({
      text: 'Hi there. Hello.',
      utterances: [
        {speaker: 'A', start: 250, end: 1200, text: 'Hi there.', confidence: 0.9, words: [{text: 'Hi', start: 250, end: 500, confidence: 0.9, speaker: 'A'}, {text: 'there.', start: 520, end: 1200, confidence: 0.9, speaker: 'A'}]},
        {speaker: 'B', start: 1500, end: 2000, text: 'Hello.', confidence: 0.9, words: [{text: 'Hello.', start: 1500, end: 2000, confidence: 0.9, speaker: 'B'}]}
      ]
    })
    const a = readTimed(assembly, 'assemblyai.json')
    expect(a.format).toBe('assemblyai')
    expect(a.cues.map((cue) => [cue.speaker, cue.start, cue.text])).toEqual([
      ['Speaker A', 0.25, 'Hi there.'],
      ['Speaker B', 1.5, 'Hello.']
    ])
    expect(a.cues[0]!.words![1]).toMatchObject({text: 'there.', start: 0.52})
    const wordsOnly = readTimed(JSON.stringify({text: 'One. Two', words: [{text: 'One.', start: 0, end: 400, confidence: 1, speaker: null}, {text: 'Two', start: 2500, end: 2900, confidence: 1, speaker: null}]}), 'a.json')
    expect(wordsOnly.cues.map((cue) => [cue.start, cue.text])).toEqual([
      [0, 'One.'],
      [2.5, 'Two']
    ])
    const cpp = readTimed(JSON.stringify({result: {language: 'en'}, transcription: [{timestamps: {from: '00:00:00,000', to: '00:00:02,000'}, offsets: {from: 0, to: 2000}, text: ' And so my fellow Americans'}]}), 'w.json')
    expect(cpp.cues).toMatchObject([{start: 0, end: 2, text: 'And so my fellow Americans'}])
    const whisperx = readTimed(JSON.stringify([{start: 0.5, end: 1.8, text: ' Hello world.', speaker: 'SPEAKER_00', words: [{word: 'Hello', start: 0.5, end: 0.9, score: 0.9, speaker: 'SPEAKER_00'}, {word: 'world.', start: 1, end: 1.8, score: 0.8}]}]), 'x.json')
    expect(whisperx.cues).toMatchObject([{speaker: 'SPEAKER_00', start: 0.5, words: [{text: 'Hello'}, {text: 'world.'}]}])
    const youtube = readTimed(JSON.stringify([{text: 'hey there', start: 0, duration: 1.54}, {text: '[Music]', start: 1.54, duration: 2}, {text: 'welcome back', start: 3.54, duration: 2}]), 'y.json')
    expect(youtube.cues.map((cue) => [cue.start, cue.end, cue.text])).toEqual([
      [0, 1.54, 'hey there'],
      [3.54, 5.54, 'welcome back']
    ])
  })

  it('reads Otter without its footer, and an unknown speaker as a change of speaker, not a person', () => {
    const otter = 'Ana Host  0:00\nWelcome.\n\nUnknown Speaker  0:04\nThanks.\n\nTranscribed by https://otter.ai'
    const {cues} = readTimed(otter, 'otter.txt')
    expect(cues.map((cue) => [cue.speaker, cue.turn, cue.text])).toEqual([
      ['Ana Host', undefined, 'Welcome.'],
      [undefined, true, 'Thanks.']
    ])
  })
})

describe('timedMarkdown', () => {
  it('gives the first >> after unmarked opening text to the other speaker', () => {
    const markdown = timedMarkdown({format: 'vtt', cues: [{start: 0, end: 1, text: 'Opening words.'}, {start: 1, end: 2, turn: true, text: 'A reply.'}], repairs: []})
    expect(markdown).toMatch(/^\*\*Speaker 1:\*\* .*Opening words\.\n\n\*\*Speaker 2:\*\* .*A reply\.\n$/)
  })

  it('cuts a file that names no one into turns where the talk pauses after a sentence, and joins Chinese cues without a space', () => {
    const cues = [
      {start: 0, end: 2, text: 'First thought.'},
      {start: 2, end: 4, text: 'Still the first'},
      {start: 4, end: 6, text: 'paragraph.'},
      {start: 8, end: 10, text: 'After a pause.'}
    ]
    const markdown = timedMarkdown({format: 'srt', cues, repairs: []})
    expect(markdown.split('\n\n')).toHaveLength(2)
    expect(timedMarkdown({format: 'srt', cues: [{start: 0, end: 1, speaker: '杨宁', text: '各位朋友'}, {start: 1, end: 2, text: '大家好。'}], repairs: []})).toContain('各位朋友\\[00:00:01.00]大家好。')
  })

  it('writes one labelled paragraph a speaker, each cue opened by its time, markup escaped', () => {
    const markdown = timedMarkdown({
      format: 'srt',
      cues: [
        {start: 1, end: 2, speaker: 'Ana', text: 'Use *stars* and [brackets].'},
        {start: 2.5, end: 3, text: 'Still Ana.'},
        {start: 4, end: 5, turn: true, text: 'Someone new.'}
      ],
      repairs: []
    })
    expect(markdown).toBe('**Ana:** \\[00:00:01.00] Use \\*stars\\* and \\[brackets]. \\[00:00:02.50] Still Ana.\n\n**Speaker 1:** \\[00:00:04.00] Someone new.\n')
    expect(clock(3723.456)).toBe('01:02:03.46')
  })
})

describe('align', () => {
  it('pairs the same words in the same place, past edits, filler and punctuation', () => {
    const edited = tokens('So, the rocket lands back on the pad. It is reusable, which cuts the cost of orbit by ten times.')
    const said = tokens('so um the rocket lands back on the pad uh it is reusable which which cuts the cost of orbit by ten times')
    const pairs = align(edited, said)
    expect(pairs.length / edited.length).toBeGreaterThan(0.95)
    for (const [i, j] of pairs) expect(edited[i]).toBe(said[j])
    for (let k = 1; k < pairs.length; k++) expect(pairs[k]![0] > pairs[k - 1]![0] && pairs[k]![1] > pairs[k - 1]![1]).toBe(true)
  })

  it('aligns Chinese by characters, and finds nothing in a different text', () => {
    expect(tokens('我们正身处奇点之中。AI 2030')).toEqual(['我', '们', '正', '身', '处', '奇', '点', '之', '中', 'ai', '2030'])
    expect(align(tokens('能源是一切的基础'), tokens('能源是一切的基础啊')).length).toBe(8)
    expect(align(tokens('completely different words here'), tokens('nothing in common at all')).length).toBe(0)
  })
})
