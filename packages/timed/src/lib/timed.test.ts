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

describe('timedMarkdown', () => {
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
