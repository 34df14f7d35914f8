import {execFileSync} from 'node:child_process'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

// Test audio made here, with Debian's espeak-ng and sox: each speaker a
// voice, turns with pauses between, and, as asked, tempo and pitch changes,
// noise, a music intro and an ad that the transcript does not have.

export interface Voice {
  /** espeak-ng's voice, with a variant: `en-us+m3`, `en-gb+f2`. */
  voice: string
  /** Words a minute. */
  speed?: number
  /** sox `tempo` factor (1 is as spoken) and `pitch` shift in cents. */
  tempo?: number
  pitch?: number
}

export interface SpeechOptions {
  turns: Array<{speaker: string; text: string}>
  voices: Record<string, Voice>
  /** Seconds of silence after each turn, cycled. */
  pauses?: number[]
  /** Seconds of music before the first word. */
  intro?: number
  /** A read that the transcript does not have, after turn `after`. */
  ad?: {after: number; text: string; voice: Voice}
  /** Pink noise under everything, this many dB below the speech's level. */
  noiseDb?: number
  /** Where the audio goes: its ending says the format (`.mp3`, `.wav`). */
  out: string
}

const rate = 22050
const sox = (args: string[]) => execFileSync('sox', ['-R', ...args], {stdio: ['ignore', 'ignore', 'pipe']})
const seconds = (file: string) => Number(execFileSync('soxi', ['-D', file], {encoding: 'utf8'}).trim())

/** Makes the audio; resolves to each turn's true start, in seconds. */
export function speak(options: SpeechOptions): number[] {
  const work = mkdtempSync(join(tmpdir(), 'castline-speech-'))
  try {
    const parts: string[] = []
    let at = 0
    const add = (file: string) => {
      parts.push(file)
      at += seconds(file)
    }
    const silence = (length: number) => {
      const file = join(work, `part-${parts.length}.wav`)
      sox(['-n', '-r', String(rate), '-c', '1', '-b', '16', file, 'trim', '0', length.toFixed(3)])
      return file
    }
    const voiced = (text: string, voice: Voice) => {
      const raw = join(work, `raw-${parts.length}.wav`)
      execFileSync('espeak-ng', ['-v', voice.voice, '-s', String(voice.speed ?? 165), '-w', raw, text])
      const file = join(work, `part-${parts.length}.wav`)
      // The same rate and one channel for every part; silence espeak leaves at the ends trimmed, so the start is the first sound.
      const effects = ['silence', '1', '0.02', '0.5%', 'reverse', 'silence', '1', '0.02', '0.5%', 'reverse']
      if (voice.tempo && voice.tempo !== 1) effects.push('tempo', '-s', String(voice.tempo))
      if (voice.pitch) effects.push('pitch', String(voice.pitch))
      sox([raw, '-r', String(rate), '-c', '1', '-b', '16', file, ...effects])
      return file
    }
    if (options.intro) {
      // A chord that swells and fades: music, not speech.
      const file = join(work, 'intro.wav')
      sox(['-n', '-r', String(rate), '-c', '1', '-b', '16', file, 'synth', String(options.intro), 'sine', '220', 'sine', '277', 'sine', '330', 'tremolo', '3', '40', 'fade', 'q', '1', String(options.intro), '1.5', 'vol', '0.3'])
      add(file)
      add(silence(0.5))
    }
    const pauses = options.pauses ?? [0.6]
    const starts: number[] = []
    options.turns.forEach((turn, k) => {
      const voice = options.voices[turn.speaker]
      if (!voice) throw new Error(`No voice for ${turn.speaker}`)
      starts.push(Math.round(at * 100) / 100)
      add(voiced(turn.text, voice))
      add(silence(pauses[k % pauses.length]!))
      if (options.ad && options.ad.after === k) {
        add(voiced(options.ad.text, options.ad.voice))
        add(silence(0.8))
      }
    })
    const speech = join(work, 'speech.wav')
    sox([...parts, speech])
    let mixed = speech
    if (options.noiseDb !== undefined) {
      const rms = (file: string) => Number(execFileSync('sh', ['-c', `sox "${file}" -n stats 2>&1`], {encoding: 'utf8'}).match(/RMS lev dB\s+(-?[\d.]+)/)?.[1] ?? -20)
      const noise = join(work, 'noise.wav')
      sox(['-n', '-r', String(rate), '-c', '1', '-b', '16', noise, 'synth', String(seconds(speech)), 'pinknoise', 'gain', '-n', '-6'])
      const volume = 10 ** ((rms(speech) - options.noiseDb - rms(noise)) / 20)
      mixed = join(work, 'mixed.wav')
      sox(['-m', '-v', '1', speech, '-v', volume.toFixed(4), noise, mixed, 'gain', '-n', '-1'])
    }
    sox([mixed, options.out])
    return starts
  } finally {
    rmSync(work, {recursive: true, force: true})
  }
}

/** The turns of a transcript written as `**Name:** text` paragraphs. */
export function turnsOf(markdown: string): Array<{speaker: string; text: string}> {
  return [...markdown.matchAll(/^\*\*([^*:]+):\*\* (.+)$/gm)].map((m) => ({speaker: m[1]!, text: m[2]!}))
}
