import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {VFile} from 'vfile'
import {reporter} from 'vfile-reporter'
import {parse, usage, wholeNumber} from './args.js'
import type {Io, RunContext, Settings} from './context.js'
import {defaultCache, hearAudio} from './heard.js'
import {LockedError, lockOutput} from './lock.js'
import {safeFiles} from './messages.js'
import {publish} from './publish.js'
import {describeFsError, refuseLongPaths, refuseOutput, terminalSafe} from './safe.js'
import {type EpisodeSource, findEpisodes, shown, slugCollisions} from './sources.js'
import {sweepLeftovers} from './write.js'

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

  // Real times from each episode's audio, heard before the builds (cached: a rerun does not listen again).
  // --check writes nothing: what it hears anew is kept for this run only.
  const scratch = values.check ? await mkdtemp(join(tmpdir(), 'castline-heard-')) : undefined
  try {
    await hearAudio(episodes, resolve(io.cwd, values.cache ?? defaultCache), io, {transcriptBytes: settings.limits.bytes, ...(scratch ? {writeTo: scratch} : {})})
    return await runMode({episodes, missing, files, out, io, values, settings, report})
  } finally {
    if (scratch) await rm(scratch, {recursive: true, force: true})
  }
}

/** The run in its mode: --check, --suggest, or publishing under out/'s lock. */
async function runMode(context: RunContext): Promise<number> {
  const {out, io, values} = context
  // Each mode loads what it needs, when it runs: publishing never loads --check's renderer or --suggest's summarizer.
  if (values.check) return (await import('./check.js')).check(context)
  if (values.suggest) return (await import('./suggest.js')).suggest(context)

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
