import type {VFile} from 'vfile'
import type {Values} from './args.js'
import type {Limits} from './episode.js'
import type {Lock} from './lock.js'
import type {EpisodeSource} from './sources.js'

export interface Io {
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Where relative paths given on the command line start from. */
  cwd: string
  color: boolean
  /** Whether stderr is a terminal a progress line can be redrawn on. */
  tty?: boolean | undefined
  /** The environment: CI and NO_COLOR are read from it. */
  env?: Record<string, string | undefined>
  /**
   * Called with a function that stops the run early (Ctrl-C), and one to call
   * before exiting at once (a second Ctrl-C): it releases out/'s lock.
   */
  onInterrupt?: ((stop: () => void, abandon: () => void) => void) | undefined
}

/** What one run of the command works with. */
export interface RunContext {
  episodes: EpisodeSource[]
  missing: Array<{missing: string}>
  /** Every file read, for the report at the end. */
  files: VFile[]
  out: string
  io: Io
  values: Values
  settings: Settings
  report: () => void
  /** out/'s lock, once taken. */
  lock?: Lock | undefined
}

export interface Settings {
  adsCutFromAudio: boolean
  jobs: number | undefined
  workers: number | undefined
  timeout: number
  limits: Partial<Limits>
}
