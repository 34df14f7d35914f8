import {spawn} from 'node:child_process'
import {readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {ListenError} from './errors.js'
import type {Tools} from './tools.js'
import {type SpeechWindow, frameRate} from './windows.js'

/** A word heard, in seconds from the start of the audio. */
export interface HeardWord {
  word: string
  start: number
  end: number
  /** pocketsphinx's posterior, 0 to 1. */
  confidence: number
}

export interface RecognizeOptions {
  /** The folder holding `audio.raw`, `model.lm` and `model.dict`; the outputs go there too. */
  folder: string
  tools: Required<Pick<Tools, 'pocketsphinx' | 'model'>>
  windows: SpeechWindow[]
  /** pocketsphinx processes run at once, each over its own stretch of windows. */
  processes: number
  /** Seconds of the audio heard so far, now and then. */
  onSeconds?: ((seconds: number) => void) | undefined
}

/**
 * Runs pocketsphinx_batch over the windows, `processes` at a time, each
 * process over a run of consecutive windows read from the one raw file by
 * frame (the control file's start and end frames). Its CTM output gives each
 * word's time within its window.
 */
export async function recognize({folder, tools, windows, processes, onSeconds}: RecognizeOptions): Promise<HeardWord[][]> {
  const ctl = windows.map((w, k) => `audio ${w.start} ${w.end} w${k}`).join('\n')
  await writeFile(join(folder, 'windows.ctl'), `${ctl}\n`)
  const share = Math.ceil(windows.length / processes)
  const runs = Array.from({length: processes}, (_, p) => ({offset: p * share, count: Math.min(share, windows.length - p * share)})).filter((r) => r.count > 0)
  const heard = new Map<number, number>()
  const timer = onSeconds
    ? setInterval(async () => {
        for (const [p] of runs.entries()) {
          const text = await readFile(join(folder, `heard-${p}.ctm`), 'utf8').catch(() => '')
          for (const match of text.matchAll(/^w(\d+) /gm)) heard.set(Number(match[1]), windows[Number(match[1])]!.end - windows[Number(match[1])]!.start)
        }
        onSeconds([...heard.values()].reduce((a, b) => a + b, 0) / frameRate)
      }, 2000)
    : undefined
  try {
    await Promise.all(runs.map((run, p) => batch(folder, tools, run, p)))
  } finally {
    if (timer) clearInterval(timer)
  }
  const words: HeardWord[][] = windows.map(() => [])
  for (const [p] of runs.entries()) {
    const text = await readFile(join(folder, `heard-${p}.ctm`), 'utf8')
    for (const line of text.split('\n')) {
      const [utterance, , start, length, token, confidence] = line.trim().split(/\s+/)
      if (!utterance || !token || !/^w\d+$/.test(utterance)) continue
      const word = token.replace(/\(\d+\)$/, '')
      // Silences, noises and sentence marks are not words.
      if (/^(?:<.*>|\[.*\]|\+\+.*\+\+)$/.test(word)) continue
      const k = Number(utterance.slice(1))
      const at = windows[k]!.start / frameRate + Number(start)
      words[k]!.push({word, start: round(at), end: round(at + Number(length)), confidence: Number(confidence) || 0})
    }
  }
  return words
}

const round = (seconds: number) => Math.round(seconds * 100) / 100

function batch(folder: string, tools: RecognizeOptions['tools'], run: {offset: number; count: number}, p: number): Promise<void> {
  const args = [
    ['-adcin', 'yes'],
    ['-cepdir', folder],
    ['-cepext', '.raw'],
    ['-ctl', join(folder, 'windows.ctl')],
    ['-ctloffset', String(run.offset)],
    ['-ctlcount', String(run.count)],
    ['-hmm', tools.model.hmm],
    ['-dict', join(folder, 'model.dict')],
    ['-lm', join(folder, 'model.lm')],
    ['-ctm', join(folder, `heard-${p}.ctm`)],
    // Its own silence removal drops frames and shifts every later time in the window: the windows are cut at pauses already.
    ['-remove_silence', 'no'],
    // Digital silence (exact zeros) has no log energy: a little noise keeps the features sane.
    ['-dither', 'yes'],
    // A fixed seed for the dither: the same audio is heard the same way every run.
    ['-seed', '1'],
    ['-logfn', join(folder, `log-${p}.txt`)]
  ].flat()
  return new Promise((resolve, reject) => {
    const child = spawn(tools.pocketsphinx, args, {stdio: 'ignore'})
    child.on('error', (error) => reject(new ListenError('no-engine', `pocketsphinx could not start: ${error.message}`)))
    child.on('close', async (code) => {
      if (code === 0) return resolve()
      const log = await readFile(join(folder, `log-${p}.txt`), 'utf8').catch(() => '')
      const reason = log.split('\n').find((line) => /^(?:ERROR|FATAL)/.test(line)) ?? `exit ${code}`
      reject(new ListenError('unreadable', `pocketsphinx failed: ${reason}`))
    })
  })
}
