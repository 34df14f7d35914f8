// Cutting the audio into windows the recognizer hears one at a time: at most
// 30 s, cut in the longest pause. A recognizer left to find its own
// utterances in a long stretch of talk can drift by tens of seconds; short
// windows keep every error local.

/** Frames of 10 ms, the recognizer's own frame rate. */
export const frameRate = 100
export const samplesPerFrame = 160

export interface WindowOptions {
  /** The longest window, in seconds. */
  longest?: number
  /** Where a cut may come, at the earliest, in seconds from the window's start. */
  shortest?: number
}

/** A window of the audio, in frames from its start; `quiet` when nothing in it is louder than a hush. */
export interface SpeechWindow {
  start: number
  end: number
  quiet: boolean
}

/** Louder than this (dB below full scale) is sound; a window with nothing louder is not listened to. */
const hush = -50

/**
 * Takes the loudness of each 10 ms frame, in order, and gives the windows:
 * each cut in the middle of the longest quiet run between `shortest` and
 * `longest` (quiet: in the lowest third of the window's range of loudness),
 * or at its quietest frame when it has no pause at all.
 */
export class WindowCutter {
  readonly windows: SpeechWindow[] = []
  #levels: number[] = []
  #start = 0
  readonly #longest: number
  readonly #shortest: number

  constructor({longest = 30, shortest = 8}: WindowOptions = {}) {
    if (!(longest > shortest && shortest > 0)) throw new Error('A window is longer than its shortest cut, and both are positive')
    this.#longest = Math.round(longest * frameRate)
    this.#shortest = Math.round(shortest * frameRate)
  }

  /** One frame's loudness, in dB below full scale. */
  push(level: number): void {
    this.#levels.push(level)
    if (this.#levels.length >= this.#longest) this.#cut()
  }

  /** The last window, after the last frame. */
  finish(): SpeechWindow[] {
    if (this.#levels.length > 0) this.#emit(this.#levels.length)
    return this.windows
  }

  #cut(): void {
    const levels = this.#levels
    const sorted = [...levels].sort((a, b) => a - b)
    const low = sorted[Math.floor(sorted.length * 0.1)]!
    const high = sorted[Math.floor(sorted.length * 0.9)]!
    const quiet = low + (high - low) / 3
    let best: {at: number; length: number} | undefined
    let run = 0
    for (let i = this.#shortest; i <= levels.length; i++) {
      if (i < levels.length && levels[i]! <= quiet) {
        run++
        continue
      }
      // Ties go to the later pause: windows stay long, and few.
      if (run > 0 && (!best || run >= best.length)) best = {at: i - Math.ceil(run / 2), length: run}
      run = 0
    }
    let at = best && best.length >= 5 ? best.at : -1
    if (at < 0) {
      // No pause: the quietest frame of the window's last third.
      at = levels.length - 1
      for (let i = Math.floor((levels.length * 2) / 3); i < levels.length; i++) if (levels[i]! < levels[at]!) at = i
    }
    this.#emit(Math.max(1, at))
  }

  #emit(frames: number): void {
    const levels = this.#levels.slice(0, frames)
    this.windows.push({start: this.#start, end: this.#start + frames, quiet: levels.every((level) => level < hush)})
    this.#start += frames
    this.#levels = this.#levels.slice(frames)
  }
}

/** A frame's loudness: the mean square of its 16-bit samples, in dB below full scale. */
export function frameLevel(samples: Int16Array, from: number, to: number): number {
  let sum = 0
  for (let i = from; i < to; i++) sum += samples[i]! * samples[i]!
  return 10 * Math.log10(sum / Math.max(1, to - from) / (32768 * 32768) + 1e-10)
}
