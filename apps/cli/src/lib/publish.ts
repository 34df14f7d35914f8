import {readFile, readdir, rename, stat, writeFile} from 'node:fs/promises'
import {availableParallelism} from 'node:os'
import {join, relative, resolve} from 'node:path'
import {parseArgs} from 'node:util'
import type {EpisodeData, ShowInfo} from '@castline/render'
import {rssFeed} from '@castline/render'
import {Piscina} from 'piscina'
import {VFile} from 'vfile'
import {reporter} from 'vfile-reporter'
import type {EpisodeResult} from './episode.js'
import type {EpisodeSource} from './sources.js'

import {findEpisodes, loadShow} from './sources.js'
import {builtFrom, inputHasher, inputsFile} from './inputs.js'
import {LockedError, lockOutput} from './lock.js'
import {type SerializedResult, deserializeResult, messagesOnly} from './messages.js'
import {Progress} from './progress.js'
import {writeAtomically} from './write.js'

// The build pipeline (jieba's dictionaries, sharp, the fonts) is loaded only
// where it runs: in the pool's workers, or here when building in-process.
const pipeline = () => import('./episode.js')

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
  /** Called with a function that stops the run early (Ctrl-C). */
  onInterrupt?: ((stop: () => void) => void) | undefined
}

export const usage = `Usage: publish-episode [options] [episode-folder | transcript.md ...]

Publishes every episode under content/episodes, or only those given: an
episode folder (transcript.md with episode.yaml) or a bare transcript file.
Episodes whose inputs have not changed since their last publish are skipped.

Options:
  --out DIR        where outputs go (default: out)
  --content DIR    the content folder (default: content)
  --force          rebuild every episode, changed or not
  --jobs N         cards rendered and episodes built at once (default: one
                   per core); --jobs 1 builds one thing at a time
  --workers N      worker threads the builds run on, 0 for this thread
                   (default: one per four jobs)
  --check          parse, redact and validate only; write nothing
  --strict         with --check, fail on warnings too
  --json           one JSON line per episode (the default in CI)
  -h, --help       show this help
  -v, --version    show the version

Exit status: 0 when every episode was published (or checked), 1 when one
failed, 2 on bad usage, 130 when interrupted.
`

/** Runs the command line; resolves to the exit code. */
export async function main(argv: string[], io: Io, version: string): Promise<number> {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv)
    const jobs = parsed.values.jobs
    if (jobs !== undefined && !/^[1-9]\d*$/.test(jobs)) throw new Error(`--jobs takes a whole number of 1 or more, not '${jobs}'`)
    const workers = parsed.values.workers
    if (workers !== undefined && !/^\d+$/.test(workers)) throw new Error(`--workers takes a whole number of 0 or more, not '${workers}'`)
    if (parsed.values.strict && !parsed.values.check) throw new Error('--strict goes with --check')
  } catch (error) {
    io.stderr(`publish-episode: ${(error as Error).message}\n\n${usage}`)
    return 2
  }
  const {values} = parsed
  if (values.help) {
    io.stdout(usage)
    return 0
  }
  if (values.version) {
    io.stdout(`${version}\n`)
    return 0
  }
  const env = io.env ?? {}
  const out = resolve(io.cwd, values.out ?? 'out')
  const content = resolve(io.cwd, values.content ?? 'content')
  let sources: Awaited<ReturnType<typeof findEpisodes>>
  try {
    sources = await findEpisodes(parsed.positionals.map((path) => resolve(io.cwd, path)), content)
  } catch (error) {
    io.stderr(`publish-episode: cannot list episodes in ${content}: ${(error as Error).message}\n`)
    return 1
  }
  if (sources.length === 0) {
    io.stderr(`publish-episode: no episodes found in ${content}/episodes\n`)
    return 1
  }
  const missing = sources.filter((source): source is {missing: string} => 'missing' in source)
  const episodes = sources.filter((source): source is EpisodeSource => !('missing' in source))
  const files: VFile[] = missing.map(({missing: path}) => {
    const file = new VFile({path})
    const message = file.message('No such episode folder or transcript (.md) file', {ruleId: 'not-found', source: 'castline'})
    message.fatal = true
    return file
  })
  const report = () => {
    const text = reporter(files, {color: io.color && !('NO_COLOR' in env), quiet: true})
    if (text) io.stderr(`${text}\n`)
  }

  if (values.check) {
    let failed = missing.length
    for (const source of episodes) {
      const result = await (await pipeline()).buildEpisode(source, {check: true})
      files.push(...result.files)
      const messages = result.files.flatMap((file) => file.messages)
      const bad = messages.some((m) => m.fatal) || (values.strict && messages.some((m) => m.fatal === false))
      if (bad) failed++
      io.stdout(`${bad ? '✖' : '✔'} ${result.slug}: ${bad ? 'has problems' : 'checked'}\n`)
    }
    report()
    return failed > 0 ? 1 : 0
  }

  let lock: Awaited<ReturnType<typeof lockOutput>>
  try {
    lock = await lockOutput(out)
  } catch (error) {
    if (!(error instanceof LockedError)) throw error
    io.stderr(`publish-episode: ${error.message}\n`)
    return 1
  }
  try {
    return await publish(episodes, missing, files, out, io, values, report)
  } finally {
    await lock.release()
  }
}

async function publish(
  episodes: EpisodeSource[],
  missing: Array<{missing: string}>,
  files: VFile[],
  out: string,
  io: Io,
  values: ReturnType<typeof parse>['values'],
  report: () => void
): Promise<number> {
  const env = io.env ?? {}
  const json = Boolean(values.json) || Boolean(env.CI)
  const progress = new Progress(io, {json, tty: Boolean(io.tty) && !json})
  for (const {missing: path} of missing) progress.episode({slug: path, status: 'failed', reason: 'No such episode folder or transcript (.md) file'})

  // What changed since the last publish.
  const todo: Array<{source: EpisodeSource; hash: string}> = []
  const inputHash = inputHasher()
  for (const source of episodes) {
    const hash = await inputHash(source)
    if (!values.force && (await builtFrom(out, source.slug)) === hash) progress.episode({slug: source.slug, status: 'unchanged'})
    else todo.push({source, hash})
  }
  progress.start(todo.length, episodes.length - todo.length)

  let stopped = false
  io.onInterrupt?.(() => {
    stopped = true
  })
  const plan = buildPlan(Number(values.jobs ?? availableParallelism()), values.workers === undefined ? undefined : Number(values.workers), todo.length)
  // fontconfig reads the process's environment, which only this thread can set.
  if (plan.workers > 0) (await import('@castline/cards')).confineFonts()
  const pool =
    plan.workers > 0
      ? new Piscina({
          filename: new URL('./worker.js', import.meta.url).href,
          maxThreads: plan.workers,
          minThreads: plan.workers,
          concurrentTasksPerWorker: Math.ceil(plan.builds / plan.workers),
          idleTimeout: 1000
        })
      : undefined
  const build = async (source: EpisodeSource): Promise<EpisodeResult> =>
    pool
      ? deserializeResult((await pool.run({source, cardConcurrency: plan.cardConcurrency})) as SerializedResult)
      : (await pipeline()).buildEpisode(source, {cardConcurrency: plan.cardConcurrency})

  let failures = missing.length
  let written = 0
  // out/ holds one show's feed, described by the first episode built: keep that, not one per episode.
  let builtShow: ShowInfo | undefined
  let next = 0
  const worker = async () => {
    while (next < todo.length && !stopped) {
      const {source, hash} = todo[next++]!
      progress.building(source.slug)
      const started = performance.now()
      const result = await build(source)
      files.push(...messagesOnly(result.files))
      const warnings = result.files.flatMap((file) => file.messages).filter((m) => m.fatal === false)
      if (!result.outputs) {
        const fatal = result.files.flatMap((file) => file.messages).find((message) => message.fatal)
        failures++
        progress.episode({slug: result.slug, status: 'failed', reason: fatal ? `${fatal.file}:${fatal.line ?? 1}:${fatal.column ?? 1}: ${fatal.reason}` : 'failed', timings: result.timings, warnings})
        continue
      }
      // Written whole or not at all, even when interrupted: the swap is one rename.
      result.outputs.set(inputsFile, `${hash}\n`)
      try {
        const target = await writeAtomically(out, result.slug, result.outputs)
        written++
        builtShow ??= result.show
        result.outputs.delete(inputsFile)
        progress.episode({slug: result.slug, status: 'published', target, outputs: [...result.outputs.keys()], timings: {...result.timings, total: Math.round(performance.now() - started)}, warnings})
      } catch (error) {
        failures++
        progress.episode({slug: result.slug, status: 'failed', reason: `cannot write outputs: ${(error as Error).message}`})
      }
    }
  }
  try {
    await Promise.all(Array.from({length: plan.builds}, worker))
  } finally {
    await pool?.destroy()
  }
  if (stopped) {
    progress.finish()
    report()
    io.stderr(`publish-episode: interrupted; ${written} episode(s) written, ${todo.length - next} not started. Every episode is either as before or fully new.\n`)
    return 130
  }

  // The feed changes when an episode did, or when it is missing.
  const feedPath = join(out, 'feed.xml')
  const feedMissing = await stat(feedPath).then(
    () => false,
    () => true
  )
  if (written > 0 || feedMissing || values.force) {
    let show = builtShow
    if (!show) {
      const withShow = episodes.find((source) => source.podcast)
      if (withShow?.podcast) {
        const loaded = await loadShow(withShow.podcast)
        show = loaded.show
        if (!show) files.push(loaded.file)
      }
    }
    if (show) {
      const feed = await publishFeed(out, show)
      files.push(feed.file)
      progress.feed(feed)
      if (!feed.ok) failures++
    }
  } else {
    progress.feed({line: '✔ feed.xml: unchanged', ok: true, status: 'unchanged'})
  }
  progress.finish()
  if (written === 0 && failures === 0 && todo.length === 0) progress.note(`Nothing changed: ${episodes.length} episode(s) up to date.`)
  progress.summary({published: written, unchanged: episodes.length - todo.length, failed: failures})
  report()
  return failures > 0 ? 1 : 0
}

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
    workers: Math.min(workers ?? Math.floor(jobs / 4), builds)
  }
}

/**
 * Rebuilds out/feed.xml from every published episode in out/, this run's and
 * earlier ones, and swaps it in only when it was built without error.
 */
async function publishFeed(out: string, show: ShowInfo): Promise<{file: VFile; line: string; ok: boolean; status: string; episodes?: number}> {
  const path = join(out, 'feed.xml')
  const file = new VFile({path: relative(process.cwd(), path) || path})
  const episodes: EpisodeData[] = []
  // Each episode's show notes as its build wrote them: the feed carries the
  // same HTML, without rebuilding it for the whole catalogue on every run.
  const notes = new Map<string, string>()
  const folders = (await readdir(out, {withFileTypes: true})).filter((e) => e.isDirectory() && !e.name.startsWith('.'))
  for (const entry of folders.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    try {
      // The feed needs neither the speaker AST nor the turns: keeping them for
      // every episode would make memory grow with the catalogue.
      const {tree: _tree, turns: _turns, speakers: _speakers, sections: _sections, ...entry_} = JSON.parse(
        await readFile(join(out, entry.name, 'episode.json'), 'utf8')
      ) as EpisodeData & {tree?: unknown; speakers?: unknown; sections?: unknown}
      episodes.push({...entry_, turns: []})
      const html = await readFile(join(out, entry.name, 'show-notes.html'), 'utf8').catch(() => undefined)
      if (html !== undefined) notes.set(entry_.slug, html.replace(/\n$/, ''))
    } catch {
      file.message(`\`${entry.name}\` has no readable episode.json: left out of the feed`, {ruleId: 'unreadable-episode', source: 'castline'})
    }
  }
  let xml: string
  try {
    xml = rssFeed(episodes, show, file, (episode) => notes.get(episode.slug))
  } catch {
    return {file, line: `✖ feed.xml: not written; ${file.messages.find((m) => m.fatal)?.reason ?? 'failed'}`, ok: false, status: 'failed'}
  }
  const temp = `${path}.tmp-${process.pid}`
  await writeFile(temp, xml)
  await rename(temp, path)
  const count = (xml.match(/<item>/g) ?? []).length
  return {file, line: `✔ feed.xml: ${count} episode${count === 1 ? '' : 's'} in ${path}`, ok: true, status: 'written', episodes: count}
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      out: {type: 'string'},
      content: {type: 'string'},
      force: {type: 'boolean'},
      jobs: {type: 'string'},
      workers: {type: 'string'},
      check: {type: 'boolean'},
      strict: {type: 'boolean'},
      json: {type: 'boolean'},
      help: {type: 'boolean', short: 'h'},
      version: {type: 'boolean', short: 'v'}
    }
  })
}
