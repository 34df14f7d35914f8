import {execFileSync} from 'node:child_process'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ListenError, WindowCutter, findTools, languageModel, listen, missingPackages, numberWords, spelledOut, spokenSentences, toldLanguage} from '../index.js'

describe('spoken words', () => {
  it('writes numbers out as they are said', () => {
    expect(numberWords('2024').join(' ')).toBe('twenty twenty four')
    expect(numberWords('1965').join(' ')).toBe('nineteen sixty five')
    expect(numberWords('1900').join(' ')).toBe('nineteen hundred')
    expect(numberWords('2005').join(' ')).toBe('two thousand five')
    expect(numberWords('350').join(' ')).toBe('three hundred fifty')
    expect(numberWords('3000').join(' ')).toBe('three thousand')
    expect(numberWords('007').join(' ')).toBe('zero zero seven')
  })

  it('leaves out what is not said, sentence by sentence', () => {
    // Labels are not said; a colon inside a line is.
    const text = '**Ana Host:** [04:33] We grew 12% in 2023, see [the post](https://example.com/x). It’s “fine”!\n\nBen Guest: Next one: this.'
    expect(spokenSentences(text)).toEqual([
      ['we', 'grew', 'twelve', 'percent', 'in', 'twenty', 'twenty', 'three', 'see', 'the', 'post'],
      ["it's", 'fine'],
      ['next', 'one', 'this']
    ])
  })

  it('reads character references as characters, and says acronyms letter by letter', () => {
    expect(spokenSentences('He said &quot;ship it&quot; &amp; left.')).toEqual([['he', 'said', 'ship', 'it', 'left']])
    expect(spelledOut('css')).toBe('S IY EH S EH S')
    expect(spelledOut('gpus')).toBe('JH IY P IY Y UW Z')
    expect(spelledOut('aws')).toBe('EY D AH B AH L Y UW EH S')
    expect(spelledOut('ollama')).toBeUndefined()
  })

  it('tells English from Chinese by the letters', () => {
    expect(toldLanguage('Welcome back to the show, Elon.')).toBe('en')
    expect(toldLanguage('**Elon Musk：** 我认为最重要的是让生命成为多行星物种。')).toBe('zh')
  })
})

describe('languageModel', () => {
  const sentences = spokenSentences('The water was bad. Everyone knew the water was bad. Nobody owned the pipes. The pipes were old.')
  const {arpa, words} = languageModel(sentences, (word) => word !== 'nobody')

  it('keeps only the words the dictionary knows', () => {
    expect(words).toContain('water')
    expect(words).not.toContain('nobody')
    expect(arpa).not.toMatch(/\bnobody\b/)
  })

  it('is a proper distribution after every context', () => {
    // Read back the ARPA text, and sum P(w | h) over every word for each one-word context.
    const grams = new Map<string, {p: number; bow: number}>()
    for (const line of arpa.split('\n')) {
      const fields = line.split(' ')
      if (fields.length < 2 || !/^-?\d/.test(fields[0]!)) continue
      const order = line.startsWith('-') || /^\d/.test(line) ? fields.length - (fields.length >= 3 && /^-?\d/.test(fields.at(-1)!) ? 2 : 1) : 0
      const gram = fields.slice(1, 1 + order).join(' ')
      grams.set(gram, {p: 10 ** Number(fields[0]), bow: fields.length > order + 1 ? 10 ** Number(fields.at(-1)) : 1})
    }
    const vocabulary = [...words, '</s>']
    for (const history of ['<s>', 'the', 'water', 'pipes']) {
      const sum = vocabulary.reduce((total, w) => total + (grams.get(`${history} ${w}`)?.p ?? grams.get(history)!.bow * grams.get(w)!.p), 0)
      expect(sum, history).toBeCloseTo(1, 3)
    }
    // And after a two-word context.
    const sum = vocabulary.reduce((total, w) => {
      const seen = grams.get(`the water ${w}`)
      if (seen) return total + seen.p
      const bigram = grams.get(`water ${w}`)?.p ?? grams.get('water')!.bow * grams.get(w)!.p
      return total + grams.get('the water')!.bow * bigram
    }, 0)
    expect(sum).toBeCloseTo(1, 3)
  })
})

describe('WindowCutter', () => {
  it('cuts in pauses, never past 30 s, and covers every frame once', () => {
    const cutter = new WindowCutter()
    // Speech with a half-second pause every 7 s, for 5 minutes, and a second of silence at 100 s.
    const levels: number[] = []
    for (let frame = 0; frame < 30_000; frame++) {
      const pause = frame % 700 >= 650 || (frame >= 10_000 && frame < 10_100)
      levels.push(pause ? -70 : -20 + 6 * Math.sin(frame / 7))
    }
    for (const level of levels) cutter.push(level)
    const windows = cutter.finish()
    expect(windows[0]!.start).toBe(0)
    expect(windows.at(-1)!.end).toBe(30_000)
    for (const [k, window] of windows.entries()) {
      expect(window.end - window.start).toBeLessThanOrEqual(3000)
      if (k > 0) expect(window.start).toBe(windows[k - 1]!.end)
      // Each cut lies in a pause, not in speech.
      if (k < windows.length - 1) expect(levels[window.end], `cut at ${window.end}`).toBe(-70)
    }
  })

  it('marks a window with no sound as quiet', () => {
    const cutter = new WindowCutter()
    for (let frame = 0; frame < 1000; frame++) cutter.push(-90)
    expect(cutter.finish()).toEqual([{start: 0, end: 1000, quiet: true}])
  })
})

describe('listen', () => {
  it('says which packages to install when the engine is missing', async () => {
    const error = await listen('audio.mp3', {transcript: 'Hello there.', tools: {}}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ListenError)
    expect((error as ListenError).problem).toBe('no-engine')
    expect((error as Error).message).toContain('apt-get install pocketsphinx pocketsphinx-en-us sox libsox-fmt-mp3')
  })

  it('refuses Chinese clearly', async () => {
    const error = (await listen('audio.mp3', {transcript: '我认为最重要的是让生命成为多行星物种。', tools: findTools()}).catch((e: unknown) => e)) as ListenError
    expect(error.problem).toBe(missingPackages(findTools()).length ? 'no-engine' : 'language')
  })

  const ready = missingPackages(findTools()).length === 0 && spawnable('espeak-ng')
  it.runIf(ready)('hears the words of spoken English at their times', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'castline-listen-'))
    const text = 'Welcome back to the show. Today we are talking about rockets and the future of energy.'
    const audio = join(dir, 'speech.wav')
    execFileSync('espeak-ng', ['-v', 'en-us', '-w', join(dir, 'raw.wav'), text])
    // Two seconds of silence first: every time must come after them.
    execFileSync('sox', [join(dir, 'raw.wav'), audio, 'pad', '2'])
    writeFileSync(join(dir, 'transcript.md'), text)
    const heard = await listen(audio, {transcript: text})
    const words = heard.segments.flatMap((segment) => segment.words)
    // espeak's "welcome back to" is hard to hear; the rest is heard word for word.
    expect(words.map((w) => w.word.trim()).join(' ')).toMatch(/the show today we are talking about rockets and the future of energy$/)
    expect(words[0]!.start).toBeGreaterThan(1.9)
    // "show" is said about 1.1 s into the speech.
    const show = words.find((w) => w.word.trim() === 'show')!
    expect(show.start).toBeGreaterThan(2.6)
    expect(show.start).toBeLessThan(3.6)
    for (const [k, word] of words.entries()) if (k > 0) expect(word.start).toBeGreaterThanOrEqual(words[k - 1]!.start)
    // Heard the same way every time (sox dithers at random, and pocketsphinx's dither is seeded, unless told).
    expect(await listen(audio, {transcript: text})).toEqual(heard)
  }, 60_000)

  it.runIf(ready)('says so when the audio cannot be decoded, or is silent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'castline-listen-'))
    writeFileSync(join(dir, 'broken.mp3'), Buffer.from('ID3 this is not audio at all'.repeat(50)))
    const broken = (await listen(join(dir, 'broken.mp3'), {transcript: 'Hello there.'}).catch((e: unknown) => e)) as ListenError
    expect(broken.problem).toBe('unreadable')
    execFileSync('sox', ['-n', '-r', '16000', '-c', '1', join(dir, 'silent.wav'), 'trim', '0', '5'])
    const silent = (await listen(join(dir, 'silent.wav'), {transcript: 'Hello there.'}).catch((e: unknown) => e)) as ListenError
    expect(silent.problem).toBe('silent')
    expect(silent.message).toMatch(/silent/)
  }, 60_000)
})

function spawnable(command: string): boolean {
  try {
    execFileSync(command, ['--version'], {stdio: 'ignore'})
    return true
  } catch {
    return false
  }
}
