import {createHash} from 'node:crypto'
import {readFile, readdir, rename, rm, stat, writeFile} from 'node:fs/promises'
import {availableParallelism} from 'node:os'
import {join, relative, resolve} from 'node:path'
import {parseArgs} from 'node:util'
import type {EpisodeData, ShowInfo} from '@castline/render'
import {madeByCastline, rssFeed, showSite} from '@castline/render'
import {Piscina} from 'piscina'
import {VFile} from 'vfile'
import {reporter} from 'vfile-reporter'
import type {EpisodeResult} from './episode.js'
import type {EpisodeSource} from './sources.js'

import {findEpisodes, loadShow, shown, slugCollisions} from './sources.js'
import {builtFrom, inputHasher, inputsFile} from './inputs.js'
import {type Lock, LockedError, lockOutput} from './lock.js'
import {type SerializedResult, deserializeResult, messagesOnly, safeFiles} from './messages.js'
import {Progress} from './progress.js'
import {describeFsError, refuseLongPaths, refuseOutput, terminalSafe} from './safe.js'
import type {BuildOptions, Limits} from './episode.js'
import {writeSuggestions} from './suggest.js'
import {ForeignFolderError, foreignFolder, sweepLeftovers, writeAtomically} from './write.js'

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
  /**
   * Called with a function that stops the run early (Ctrl-C), and one to call
   * before exiting at once (a second Ctrl-C): it releases out/'s lock.
   */
  onInterrupt?: ((stop: () => void, abandon: () => void) => void) | undefined
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
  --workers N      worker threads the builds run on (default: one per four
                   jobs, at least one); 0 builds in this thread, without the
                   --timeout and with Ctrl-C answered only between episodes
  --timeout S      seconds one episode may take before it fails (default 300)
  --max-bytes N    largest transcript, in bytes (default 16777216)
  --max-depth N    deepest nesting of quotes and lists (default 32)
  --max-turns N    most speaker turns in a transcript (default 20000)
  --check          build and validate everything, feed included; write nothing
  --suggest        write the automatic chapters, quotes and summary into each
                   episode folder's episode.yaml, to edit (fields already
                   there are kept); publishes nothing
  --strict         with --check, fail on warnings too
  --ads-cut-from-audio
                   the published audio has the ad breaks cut out: with a
                   timed transcript, times after each break move earlier
  --json           one JSON line per episode (the default in CI)
  --debug          print the stack of an unexpected error
  -h, --help       show this help
  -v, --version    show the version

Exit status: 0 when every episode was published (or checked), 1 when one
failed, 2 on bad usage, 130 when interrupted.
`

const wholeNumber = (flag: string, value: string | undefined, least: number): number | undefined => {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value) || Number(value) < least || !Number.isSafeInteger(Number(value))) {
    throw new Error(`${flag} takes a whole number of ${least} or more, not '${value}'`)
  }
  return Number(value)
}

/** What one run of the command works with. */
interface RunContext {
  episodes: EpisodeSource[]
  missing: Array<{missing: string}>
  /** Every file read, for the report at the end. */
  files: VFile[]
  out: string
  io: Io
  values: ReturnType<typeof parse>['values']
  settings: Settings
  report: () => void
  /** out/'s lock, once taken. */
  lock?: Lock | undefined
}

interface Settings {
  adsCutFromAudio: boolean
  jobs: number | undefined
  workers: number | undefined
  timeout: number
  limits: Partial<Limits>
}

/** Runs the command line; resolves to the exit code. Never throws: an unexpected error is one line (its stack with --debug). */
export async function main(argv: string[], io: Io, version: string): Promise<number> {
  try {
    return await run(argv, io, version)
  } catch (error) {
    const debug = argv.includes('--debug')
    const text = debug && error instanceof Error && error.stack ? error.stack : `${(error as Error)?.message ?? String(error)}`.split('\n')[0]
    io.stderr(`publish-episode: unexpected error: ${terminalSafe(text ?? '')}${debug ? '' : ' (run with --debug for details, and please report it)'}\n`)
    return 1
  }
}

async function run(argv: string[], io: Io, version: string): Promise<number> {
  let parsed: ReturnType<typeof parse>
  let settings: Settings
  try {
    parsed = parse(argv)
    const {values: v} = parsed
    settings = {
      adsCutFromAudio: Boolean(v['ads-cut-from-audio']),
      jobs: wholeNumber('--jobs', v.jobs, 1),
      workers: wholeNumber('--workers', v.workers, 0),
      timeout: wholeNumber('--timeout', v.timeout, 1) ?? 300,
      limits: {
        ...(v['max-bytes'] === undefined ? {} : {bytes: wholeNumber('--max-bytes', v['max-bytes'], 1)!}),
        ...(v['max-depth'] === undefined ? {} : {depth: wholeNumber('--max-depth', v['max-depth'], 1)!}),
        ...(v['max-turns'] === undefined ? {} : {turns: wholeNumber('--max-turns', v['max-turns'], 1)!})
      }
    }
    if (v.strict && !v.check) throw new Error('--strict goes with --check')
    if (v.suggest && parsed.positionals.length === 0) throw new Error('--suggest takes the episode folders to suggest for')
    if (v.suggest && v.check) throw new Error('--suggest and --check do not go together')
  } catch (error) {
    io.stderr(`publish-episode: ${terminalSafe((error as Error).message)}\n\n${usage}`)
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
    io.stderr(`publish-episode: cannot list episodes in ${terminalSafe(content)}: ${terminalSafe((error as Error).message.split('\n')[0]!)}\n`)
    return 1
  }
  if (sources.length === 0) {
    io.stderr(`publish-episode: no episodes found in ${terminalSafe(content)}/episodes\n`)
    return 1
  }
  const missing = sources.filter((source): source is {missing: string} => 'missing' in source)
  const {unique: episodes, collisions} = slugCollisions(sources.filter((source): source is EpisodeSource => !('missing' in source)))
  const files: VFile[] = missing.map(({missing: path}) => {
    const file = new VFile({path})
    const message = file.message('No such episode folder or transcript (.md, .srt, .vtt, .json or .txt) file', {ruleId: 'not-found', source: 'castline'})
    message.fatal = true
    return file
  })
  const report = () => {
    const text = reporter(safeFiles(files), {color: io.color && !('NO_COLOR' in env), quiet: true})
    if (text) io.stderr(`${text}\n`)
  }

  // Refused before anything is read or written: two inputs into one folder,
  // or outputs that would replace sources.
  if (collisions.length > 0) {
    for (const [first, second] of collisions) {
      const file = new VFile({path: shown(second.transcript)})
      const message = file.message(
        `Publishes to \`${second.slug}/\`, as \`${shown(first.transcript)}\` does: one would replace the other. Rename one file or folder`,
        {ruleId: 'slug-collision', source: 'castline'}
      )
      message.fatal = true
      files.push(file)
    }
    report()
    io.stderr(`publish-episode: ${collisions.length} slug collision(s); nothing was written\n`)
    return 1
  }
  const inputs = episodes.flatMap((source) => [source.transcript, source.episode, source.podcast].filter((path): path is string => Boolean(path)))
  // --check runs the same: what it passes, publish can write.
  const refused = refuseOutput(out, content, inputs) ?? refuseLongPaths(out, episodes.map((source) => source.slug))
  if (refused) {
    io.stderr(`publish-episode: ${terminalSafe(refused)}\n`)
    return 1
  }

  const context: RunContext = {episodes, missing, files, out, io, values, settings, report}
  if (values.check) return check(context)
  if (values.suggest) return suggest(context)

  let lock: Awaited<ReturnType<typeof lockOutput>>
  try {
    lock = await lockOutput(out)
  } catch (error) {
    io.stderr(`publish-episode: ${terminalSafe(error instanceof LockedError ? error.message : describeFsError(error, out))}\n`)
    return 1
  }
  if (lock.note) io.stderr(`publish-episode: ${terminalSafe(lock.note)}\n`)
  context.lock = lock
  try {
    // Under the lock no other run writes out/: what temporary folders are there, a stopped run left.
    const swept = await sweepLeftovers(out)
    if (swept.length) io.stderr(`publish-episode: ${terminalSafe(`removed what a stopped run left in ${out}: ${swept.join(', ')}`)}\n`)
    return await publish(context)
  } finally {
    await lock.release().catch(() => undefined)
  }
}

/**
 * Builds episodes on a pool of worker threads (or in this thread with
 * `--workers 0`). On the pool, this thread stays free to answer Ctrl-C, and
 * an episode that takes longer than the timeout fails alone: its worker is
 * ended, and the other builds it interrupted are started again.
 */
async function builder(count: number, settings: Settings) {
  const plan = buildPlan(settings.jobs ?? availableParallelism(), settings.workers, count)
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
      return deserializeResult((await pool.run({source, ...options, ...extra}, {signal: controller.signal})) as SerializedResult)
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

/**
 * `--check`: every episode is built as publish would build it, and the feed
 * is built in memory from them and the episodes already in out/ (so a
 * duplicate guid is found), but nothing is written.
 */
async function check({episodes, missing, files, out, io, values, settings, report}: RunContext): Promise<number> {
  let failed = missing.length
  const pipelineBuilder = await builder(episodes.length, settings)
  const built = new Map<string, EpisodeData>()
  let show: ShowInfo | undefined
  let next = 0
  const results: Array<{slug: string; bad: boolean}> = []
  const worker = async () => {
    while (next < episodes.length) {
      const source = episodes[next++]!
      const result = await pipelineBuilder.build(source)
      // What publish would refuse to replace, --check says too.
      const foreign = await foreignFolder(join(out, source.slug))
      if (foreign) {
        const file = new VFile({path: shown(join(out, source.slug))})
        file.message(foreign, {ruleId: 'foreign-folder', source: 'castline'}).fatal = true
        result.files.push(file)
      }
      files.push(...messagesOnly(result.files))
      const messages = result.files.flatMap((file) => file.messages)
      const bad = messages.some((m) => m.fatal) || (Boolean(values.strict) && messages.some((m) => m.fatal === false))
      results.push({slug: result.slug, bad})
      if (result.outputs) {
        show ??= result.show
        const entry = feedEntry(String(result.outputs.get('episode.json')))
        built.set(entry.slug, entry)
      }
    }
  }
  try {
    await Promise.all(Array.from({length: pipelineBuilder.plan.builds}, worker))
  } finally {
    await pipelineBuilder.destroy()
  }
  for (const result of results.sort((a, b) => (a.slug < b.slug ? -1 : 1))) {
    if (result.bad) failed++
    io.stdout(`${result.bad ? '✖' : '✔'} ${result.slug}: ${result.bad ? 'has problems' : 'checked'}\n`)
  }
  if (show) {
    const entries = new Map([...(await feedEntries(out)).entries, ...built])
    const file = new VFile({path: shown(join(out, 'feed.xml'))})
    try {
      rssFeed([...entries.values()], show, file)
      io.stdout(`✔ feed.xml: would hold ${entries.size} episode(s)\n`)
    } catch {
      failed++
      io.stdout(`✖ feed.xml: ${terminalSafe(file.messages.find((m) => m.fatal)?.reason ?? 'cannot be built')}\n`)
    }
    files.push(file)
  }
  report()
  return failed > 0 ? 1 : 0
}

/** `--suggest`: builds each episode (without cards) and writes its automatic picks into its episode.yaml. */
async function suggest({episodes, missing, files, io, settings, report}: RunContext): Promise<number> {
  let failed = missing.length
  const pipelineBuilder = await builder(1, settings)
  try {
    for (const source of episodes) {
      const result = await pipelineBuilder.build(source, {cards: false})
      files.push(...messagesOnly(result.files))
      try {
        const said = await writeSuggestions(source, result)
        if (!said.ok) failed++
        io.stdout(`${said.line}\n`)
      } catch (error) {
        failed++
        io.stdout(`✖ ${source.slug}: ${terminalSafe(describeFsError(error, source.episode ?? source.transcript))}\n`)
      }
    }
  } finally {
    await pipelineBuilder.destroy()
  }
  report()
  return failed > 0 ? 1 : 0
}

async function publish({episodes, missing, files, out, io, values, settings, report, lock}: RunContext): Promise<number> {
  const env = io.env ?? {}
  const json = Boolean(values.json) || Boolean(env.CI)
  const progress = new Progress(io, {json, tty: Boolean(io.tty) && !json})
  for (const {missing: path} of missing) progress.episode({slug: path, status: 'failed', reason: 'No such episode folder or transcript (.md, .srt, .vtt, .json or .txt) file'})

  // What changed since the last publish.
  const todo: Array<{source: EpisodeSource; hash: string}> = []
  const inputHash = inputHasher(undefined, {adsCutFromAudio: settings.adsCutFromAudio})
  for (const source of episodes) {
    const hash = await inputHash(source)
    if (!values.force && (await builtFrom(out, source.slug)) === hash) progress.episode({slug: source.slug, status: 'unchanged'})
    else todo.push({source, hash})
  }
  progress.start(todo.length, episodes.length - todo.length)

  let stopped = false
  io.onInterrupt?.(
    () => {
      stopped = true
    },
    () => lock?.releaseSync()
  )
  const pipelineBuilder = await builder(todo.length, settings)

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
      const result = await pipelineBuilder.build(source)
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
        const reason = error instanceof ForeignFolderError ? error.message : describeFsError(error, join(out, result.slug))
        progress.episode({slug: result.slug, status: 'failed', reason})
      }
    }
  }
  try {
    await Promise.all(Array.from({length: pipelineBuilder.plan.builds}, worker))
  } finally {
    await pipelineBuilder.destroy()
  }
  if (stopped) {
    progress.finish()
    report()
    io.stderr(`publish-episode: interrupted; ${written} episode(s) written, ${todo.length - next} not started. Every episode is either as before or fully new; the next run rebuilds the feed.\n`)
    return 130
  }

  // The feed is rebuilt whenever what it is made of changed since it was
  // last written: an episode, the set of episodes, the show, or a failed or
  // interrupted run that left it behind.
  let show = builtShow
  if (!show) {
    const withShow = episodes.find((source) => source.podcast)
    if (withShow?.podcast) {
      const loaded = await loadShow(withShow.podcast)
      show = loaded.show
      if (!show) {
        files.push(loaded.file)
        failures++
      }
    }
  }
  if (show) {
    const current = await feedEntries(out)
    const fingerprint = feedFingerprint(show, current.made)
    const recorded = await readFile(join(out, feedRecord), 'utf8').catch(() => undefined)
    const feedMissing = await stat(join(out, 'feed.xml')).then(
      () => false,
      () => true
    ) || (await stat(join(out, 'index.html')).then(
      () => false,
      () => true
    ))
    if (values.force || feedMissing || recorded?.trim() !== fingerprint) {
      const feed = await publishFeed(out, show, current)
      files.push(feed.file)
      progress.feed(feed)
      if (feed.ok) await writeFile(join(out, feedRecord), `${fingerprint}\n`).catch(() => undefined)
      else {
        failures++
        await rm(join(out, feedRecord), {force: true})
      }
    } else {
      progress.feed({line: '✔ feed.xml: unchanged', ok: true, status: 'unchanged'})
    }
  }
  progress.finish()
  if (written === 0 && failures === 0 && todo.length === 0) progress.note(`Nothing changed: ${episodes.length} episode(s) up to date.`)
  progress.summary({published: written, unchanged: episodes.length - todo.length, failed: failures})
  report()
  return failures > 0 ? 1 : 0
}

/** What the feed was last built from: written beside it once it is. */
const feedRecord = '.feed.sha256'

/**
 * One episode's feed data from its episode.json, without the AST, which the
 * feed and the show's pages do not need, and with only the turns that hold a
 * quote and the turn after each: where a soundbite starts and ends.
 */
function feedEntry(episodeJson: string): EpisodeData {
  const {tree: _tree, turns, speakers: _speakers, sections: _sections, ...data} = JSON.parse(episodeJson) as EpisodeData & {
    tree?: unknown
    speakers?: unknown
    sections?: unknown
  }
  const quoted = new Set(data.quotes.map((quote) => quote.turn))
  return {...data, turns: turns.filter((turn, index) => quoted.has(turn.id) || (index > 0 && quoted.has(turns[index - 1]!.id)))}
}

/**
 * The published episodes in out/: each folder publish-episode made (it
 * holds the record of its inputs), read for the feed; and what each was made
 * from, for the feed's fingerprint.
 */
async function feedEntries(out: string): Promise<{entries: Map<string, EpisodeData>; made: Array<[string, string]>; unreadable: string[]}> {
  const entries = new Map<string, EpisodeData>()
  const made: Array<[string, string]> = []
  const unreadable: string[] = []
  const folders = await readdir(out, {withFileTypes: true}).catch(() => [])
  for (const entry of folders.filter((e) => e.isDirectory() && !e.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const inputs = await builtFrom(out, entry.name)
    if (inputs === undefined) continue
    made.push([entry.name, inputs])
    try {
      const json = await readFile(join(out, entry.name, 'episode.json'), 'utf8')
      const found = feedEntry(json)
      entries.set(found.slug, found)
    } catch {
      unreadable.push(entry.name)
    }
  }
  return {entries, made, unreadable}
}

function feedFingerprint(show: ShowInfo, made: Array<[string, string]>): string {
  const hash = createHash('sha256').update(JSON.stringify(show))
  for (const [name, inputs] of made) hash.update(`\n${name}:${inputs}`)
  return hash.digest('hex')
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
    workers: Math.min(workers ?? Math.max(1, Math.floor(jobs / 4)), builds)
  }
}

/**
 * Rebuilds out/feed.xml from every published episode in out/, this run's and
 * earlier ones, and swaps it in only when it was built without error.
 */
async function publishFeed(out: string, show: ShowInfo, current: Awaited<ReturnType<typeof feedEntries>>): Promise<{file: VFile; line: string; ok: boolean; status: string; episodes?: number}> {
  const path = join(out, 'feed.xml')
  const file = new VFile({path: relative(process.cwd(), path) || path})
  for (const name of current.unreadable) {
    file.message(`\`${name}\` has no readable episode.json: left out of the feed`, {ruleId: 'unreadable-episode', source: 'castline'})
  }
  let xml: string
  try {
    xml = rssFeed([...current.entries.values()], show, file)
  } catch {
    return {file, line: `✖ feed.xml: not written; ${terminalSafe(file.messages.find((m) => m.fatal)?.reason ?? 'failed')}`, ok: false, status: 'failed'}
  }
  // The show's public pages go with the feed: they list the same episodes.
  // An index.html or sitemap.xml that Castline did not write (out/ may be a
  // website's folder) is never replaced.
  const site = showSite([...current.entries.values()], show, file)
  for (const name of [...site.keys()]) {
    const existing = await readFile(join(out, name), 'utf8').catch(() => undefined)
    if (existing !== undefined && !madeByCastline(existing)) {
      site.delete(name)
      file.message(`\`${join(out, name)}\` was not written by Castline: left as it is, so the show has no ${name === 'index.html' ? 'home page' : 'sitemap'} from this run. Move it away to have one`, {ruleId: 'foreign-file', source: 'castline'})
    }
  }
  const files = new Map([['feed.xml', xml], ...site])
  const temps = [...files.keys()].map((name) => join(out, `${name}.tmp-${process.pid}`))
  try {
    for (const [index, text] of [...files.values()].entries()) await writeFile(temps[index]!, text)
    for (const [index, name] of [...files.keys()].entries()) await rename(temps[index]!, join(out, name))
  } catch (error) {
    for (const temp of temps) await rm(temp, {force: true}).catch(() => undefined)
    return {file, line: `✖ feed.xml: not written; ${terminalSafe(describeFsError(error, path))}`, ok: false, status: 'failed'}
  }
  const count = (xml.match(/<item>/g) ?? []).length
  const beside = [...site.keys()].join(', ')
  return {file, line: `✔ feed.xml: ${count} episode${count === 1 ? '' : 's'} in ${terminalSafe(path)}${beside ? `; the show's ${beside} beside it` : ''}`, ok: true, status: 'written', episodes: count}
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
      timeout: {type: 'string'},
      'max-bytes': {type: 'string'},
      'max-depth': {type: 'string'},
      'max-turns': {type: 'string'},
      debug: {type: 'boolean'},
      check: {type: 'boolean'},
      suggest: {type: 'boolean'},
      'ads-cut-from-audio': {type: 'boolean'},
      strict: {type: 'boolean'},
      json: {type: 'boolean'},
      help: {type: 'boolean', short: 'h'},
      version: {type: 'boolean', short: 'v'}
    }
  })
}
