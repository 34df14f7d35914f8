import type {VFileMessage} from 'vfile-message'
import type {Io} from './context.js'
import {terminalSafe} from './safe.js'

export interface EpisodeEvent {
  slug: string
  status: 'published' | 'unchanged' | 'failed'
  target?: string
  outputs?: string[]
  reason?: string
  timings?: Record<string, number>
  warnings?: VFileMessage[]
}

/**
 * Tells the producer how the run goes: on a terminal, one line redrawn with
 * the episode being built, counts and time left, then a line per episode;
 * in CI or with --json, one JSON line per episode.
 */
export class Progress {
  readonly #io: Io
  readonly #json: boolean
  readonly #tty: boolean
  #total = 0
  #done = 0
  #started = performance.now()
  #current = new Set<string>()
  #drawn = false
  readonly #created = performance.now()
  readonly #cpu = process.cpuUsage()

  constructor(io: Io, options: {json: boolean; tty: boolean}) {
    this.#io = io
    this.#json = options.json
    this.#tty = options.tty
  }

  start(toBuild: number, unchanged: number): void {
    this.#total = toBuild
    this.#started = performance.now()
    if (!this.#json && unchanged > 0 && toBuild > 0) this.#io.stdout(`${unchanged} episode(s) unchanged; building ${toBuild}\n`)
  }

  building(slug: string): void {
    this.#current.add(terminalSafe(slug))
    this.#draw()
  }

  episode(event: EpisodeEvent): void {
    this.#current.delete(terminalSafe(event.slug))
    if (event.status !== 'unchanged') this.#done++
    this.#clear()
    const warnings = (event.warnings ?? []).map((m) => terminalSafe(`${m.file}:${m.line ?? 1}:${m.column ?? 1}: ${m.reason}${m.ruleId ? ` (${m.ruleId})` : ''}`))
    event = {...event, slug: terminalSafe(event.slug), ...(event.reason === undefined ? {} : {reason: terminalSafe(event.reason)}), ...(event.target === undefined ? {} : {target: terminalSafe(event.target)})}
    if (this.#json) {
      const {warnings: _w, ...rest} = event
      this.#io.stdout(`${JSON.stringify({...rest, warnings})}\n`)
    } else if (event.status === 'published') {
      this.#io.stdout(`✔ ${event.slug}: ${describeOutputs(event.outputs ?? [])} in ${event.target}\n`)
    } else if (event.status === 'failed') {
      this.#io.stdout(`✖ ${event.slug}: not published; ${event.reason}\n`)
    } else if (!this.#tty) {
      this.#io.stdout(`· ${event.slug}: unchanged\n`)
    }
    this.#draw()
  }

  feed(result: {line: string; status: string; ok?: boolean; episodes?: number | undefined}): void {
    this.#clear()
    if (this.#json) this.#io.stdout(`${JSON.stringify({feed: 'feed.xml', status: result.status, ...(result.episodes === undefined ? {} : {episodes: result.episodes})})}\n`)
    else this.#io.stdout(`${result.line}\n`)
  }

  note(raw: string): void {
    const text = terminalSafe(raw)
    if (this.#json) this.#io.stdout(`${JSON.stringify({note: text})}\n`)
    else this.#io.stdout(`${text}\n`)
  }

  finish(): void {
    this.#clear()
  }

  /**
   * The run in one line: counts, time, how many cores were kept busy (CPU
   * time over wall time, every thread of the process) and peak memory.
   */
  summary(counts: {published: number; unchanged: number; failed: number}): void {
    const seconds = (performance.now() - this.#created) / 1000
    const cpu = process.cpuUsage(this.#cpu)
    const cpuSeconds = (cpu.user + cpu.system) / 1e6
    const peakMemoryMb = Math.round(process.resourceUsage().maxRSS / 1024)
    if (this.#json) {
      const summary = {...counts, seconds: round(seconds), cpuSeconds: round(cpuSeconds), peakMemoryMb}
      this.#io.stdout(`${JSON.stringify({summary})}\n`)
    } else {
      const cores = seconds > 0 ? cpuSeconds / seconds : 0
      this.#io.stdout(
        `${counts.published} published, ${counts.unchanged} unchanged, ${counts.failed} failed in ${clock(seconds)} · ${cores.toFixed(1)} cores busy · peak memory ${peakMemoryMb} MB\n`
      )
    }
  }

  #draw(): void {
    if (!this.#tty || this.#total === 0 || this.#done >= this.#total) return
    const elapsed = (performance.now() - this.#started) / 1000
    const left = this.#done > 0 ? (elapsed / this.#done) * (this.#total - this.#done) : undefined
    const doing = [...this.#current].join(', ')
    const line = `[${this.#done}/${this.#total}] ${doing} · ${clock(elapsed)} elapsed${left === undefined ? '' : ` · about ${clock(left)} left`}`
    this.#io.stderr(`\r\u001B[2K${line.slice(0, 200)}`)
    this.#drawn = true
  }

  #clear(): void {
    if (!this.#drawn) return
    this.#io.stderr('\r\u001B[2K')
    this.#drawn = false
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}

function clock(seconds: number): string {
  const s = Math.round(seconds)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

/** `cards.json, …, cards/ (30 files)`: files by name, folders by count. */
export function describeOutputs(names: string[]): string {
  const files = names.filter((name) => !name.includes('/')).sort()
  const folders = new Map<string, number>()
  for (const name of names) if (name.includes('/')) folders.set(name.split('/')[0]!, (folders.get(name.split('/')[0]!) ?? 0) + 1)
  return [...files, ...[...folders].sort().map(([folder, count]) => `${folder}/ (${count} files)`)].join(', ')
}
