import {spawn} from 'node:child_process'
import {createWriteStream} from 'node:fs'
import {once} from 'node:events'
import {ListenError} from './errors.js'
import type {Tools} from './tools.js'
import {soxReads} from './tools.js'
import {type SpeechWindow, WindowCutter, frameLevel, frameRate, samplesPerFrame} from './windows.js'

export interface Decoded {
  /** The audio's length, in seconds. */
  seconds: number
  windows: SpeechWindow[]
}

/**
 * Decodes the audio to 16 kHz mono 16-bit samples in `raw` (on disk, never
 * whole in memory), and cuts it into windows as it streams past. sox decodes
 * wav, mp3, ogg and flac; ffmpeg, when the machine has it, the rest.
 */
export async function decode(audio: string, raw: string, tools: Tools, onSeconds?: (seconds: number) => void): Promise<Decoded> {
  const withSox = tools.sox && soxReads(tools.sox, audio)
  // sox dithers when it resamples, from a random seed unless -R; -D: no dither at all, so the same audio decodes to the same samples.
  const [command, args] = withSox
    ? [tools.sox!, ['--no-show-progress', '-R', '-D', audio, '-t', 'raw', '-r', '16000', '-e', 'signed-integer', '-b', '16', '-c', '1', '-L', '-']]
    : tools.ffmpeg
      ? [tools.ffmpeg, ['-nostdin', '-loglevel', 'error', '-i', audio, '-f', 's16le', '-ac', '1', '-ar', '16000', '-']]
      : [undefined, []]
  if (!command) throw new ListenError('unreadable', `sox cannot read ${audio.slice(audio.lastIndexOf('.'))} files: install ffmpeg, or give the audio as mp3, wav, ogg or flac`)
  const child = spawn(command, args, {stdio: ['ignore', 'pipe', 'pipe']})
  let errors = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    if (errors.length < 4000) errors += chunk
  })
  const out = createWriteStream(raw)
  const cutter = new WindowCutter()
  let carry = Buffer.alloc(0)
  let frames = 0
  let reported = 0
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', resolve)
  })
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    if (!out.write(chunk)) await once(out, 'drain')
    const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk
    const whole = Math.floor(bytes.length / (2 * samplesPerFrame))
    // Copied out: the chunk's offset need not be 2-aligned for an Int16Array view.
    const samples = new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + whole * 2 * samplesPerFrame))
    for (let f = 0; f < whole; f++) cutter.push(frameLevel(samples, f * samplesPerFrame, (f + 1) * samplesPerFrame))
    frames += whole
    carry = Buffer.from(bytes.subarray(whole * 2 * samplesPerFrame))
    if (onSeconds && frames - reported >= 60 * frameRate) {
      reported = frames
      onSeconds(frames / frameRate)
    }
  }
  out.end()
  const [code] = await Promise.all([exited, once(out, 'finish')])
  if (code !== 0) {
    // sox's failure, else its first warning, without its own name and the part of it that spoke.
    const lines = errors.split('\n').filter((line) => line.trim())
    const said = lines.find((line) => / FAIL /.test(line)) ?? lines[0]
    const reason = said ? said.replace(/^\S*(?:sox|ffmpeg)\S* (?:FAIL|WARN) [\w-]+: /, '').trim() : `${command} stopped with exit code ${code}`
    throw new ListenError('unreadable', `The audio cannot be decoded (${reason}): is it a whole audio file?`)
  }
  if (frames < frameRate / 2) throw new ListenError('unreadable', 'The audio cannot be decoded: it holds less than half a second of sound')
  return {seconds: frames / frameRate, windows: cutter.finish()}
}
