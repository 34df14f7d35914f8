import {availableParallelism} from 'node:os'
import {Piscina} from 'piscina'
import {VFile} from 'vfile'
import type {Settings} from './context.js'
import type {ShowInfo} from '@castline/render'
import type {BuildOptions, EpisodeResult} from './episode.js'
import type {RenderedFeed} from './feed.js'
import {deserializeResult, type SerializedResult} from './messages.js'
import {type EpisodeSource, shown} from './sources.js'
import type {WorkerTask} from '../worker.js'

// The build pipeline (jieba's dictionaries, sharp, the fonts) is loaded only
// where it runs: in the pool's workers, or here when building in-process.
const pipeline = () => import('./episode.js')

/**
 * Builds episodes on a pool of worker threads (or in this thread with
 * `--workers 0`). On the pool, this thread stays free to answer Ctrl-C, and
 * an episode that takes longer than the timeout fails alone: its worker is
 * ended, and the other builds it interrupted are started again.
 */
export async function builder(count: number, settings: Settings) {
  // Nothing to build: no worker is started (it would load the pipeline for nothing).
  const plan = buildPlan(settings.jobs ?? availableParallelism(), count === 0 ? 0 : settings.workers, count)
  // fontconfig reads the process's environment, which only this thread can set.
  if (plan.workers > 0) (await import('@castline/cards/fonts')).confineFonts()
  const pool =
    plan.workers > 0
      ? new Piscina({
          // By the package's own name: bundled, this code and the worker are in different files of dist/.
          filename: import.meta.resolve('@castline/cli/worker'),
          maxThreads: plan.workers,
          minThreads: plan.workers,
          concurrentTasksPerWorker: Math.ceil(plan.builds / plan.workers),
          idleTimeout: 1000
        })
      : undefined
  const running = new Map<AbortController, {timedOut: boolean}>()
  const options: BuildOptions = {cardConcurrency: plan.cardConcurrency, limits: settings.limits, adsCutFromAudio: settings.adsCutFromAudio}
  const attempt = async (source: EpisodeSource, extra: BuildOptions): Promise<EpisodeResult | 'retry'> => {
    if (!pool) return (await pipeline()).buildEpisode(source, {...options, ...extra})
    const controller = new AbortController()
    const state = {timedOut: false}
    running.set(controller, state)
    const timer = setTimeout(() => {
      state.timedOut = true
      // Ending the worker ends every build on it: start the others again.
      for (const other of running.keys()) other.abort()
    }, settings.timeout * 1000)
    try {
      return deserializeResult((await pool.run({source, ...options, ...extra} satisfies WorkerTask, {signal: controller.signal})) as SerializedResult)
    } catch (error) {
      if (state.timedOut) return timedOut(source, settings.timeout)
      if (controller.signal.aborted) return 'retry'
      return crashed(source, error)
    } finally {
      clearTimeout(timer)
      running.delete(controller)
    }
  }
  return {
    plan,
    async build(source: EpisodeSource, extra: BuildOptions = {}): Promise<EpisodeResult> {
      for (let tries = 0; ; tries++) {
        const result = await attempt(source, extra)
        if (result !== 'retry') return result
        if (tries >= 2) return timedOut(source, settings.timeout)
      }
    },
    /** feed.xml and the show's pages, rendered on a worker when there is one. */
    async feed(out: string, show: ShowInfo): Promise<RenderedFeed> {
      if (!pool) return (await import('./feed-render.js')).renderFeed(out, show)
      try {
        return (await pool.run({feed: {out, show}} satisfies WorkerTask)) as RenderedFeed
      } catch (error) {
        return {file: {path: shown(`${out}/feed.xml`), messages: []}, failed: `the feed's worker stopped unexpectedly (${(error as Error)?.message?.split('\n')[0] ?? String(error)})`}
      }
    },
    destroy: async () => {
      await pool?.destroy()
    }
  }
}

function failedResult(source: EpisodeSource, reason: string, ruleId: string): EpisodeResult {
  const file = new VFile({path: shown(source.transcript)})
  const message = file.message(reason, {ruleId, source: 'castline'})
  message.fatal = true
  return {slug: source.slug, files: [file], timings: {}}
}

const timedOut = (source: EpisodeSource, seconds: number) =>
  failedResult(source, `Building this episode took longer than ${seconds} s and was stopped; raise --timeout if it is merely long, or report it with the file`, 'timeout')

const crashed = (source: EpisodeSource, error: unknown) =>
  failedResult(source, `The build stopped unexpectedly (${(error as Error)?.message?.split('\n')[0] ?? String(error)}); please report it with the file`, 'internal-error')

export interface BuildPlan {
  /** Episodes built at once. */
  builds: number
  /** Cards each build renders at once. */
  cardConcurrency: number
  /** Worker threads the builds run on; 0: this thread. */
  workers: number
}

/**
 * How `jobs` (renders at once, one per core by default) are spent. A build
 * is a fifth JavaScript and four fifths card rendering on libuv's threads, so
 * builds interleave well on one thread: while one waits for its cards,
 * another parses. Up to about four cores one thread keeps up, with one copy of
 * the pipeline's memory (jieba's tables, fonts, glyph caches); beyond that the
 * builds are spread over worker threads, a few per worker. With fewer
 * episodes than jobs, each build renders more cards at once, so publishing
 * one episode still uses every core.
 */
export function buildPlan(jobs: number, workers: number | undefined, episodes: number): BuildPlan {
  const builds = Math.max(1, Math.min(jobs, episodes))
  return {
    builds,
    cardConcurrency: Math.max(1, Math.floor(jobs / builds)),
    workers: Math.min(workers ?? Math.max(1, Math.floor(jobs / 4)), builds)
  }
}
