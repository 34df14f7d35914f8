import {readFile, rm, stat, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import type {ShowInfo} from '@castline/render'
import {builder} from './builder.js'
import type {RunContext} from './context.js'
import {feedFingerprint, feedRecord, publishedFolders, publishFeed} from './feed.js'
import {builtFrom, inputHasher, inputsFile} from './inputs.js'
import {messagesOnly} from './messages.js'
import {Progress} from './progress.js'
import {describeFsError} from './safe.js'
import {type EpisodeSource, loadShow} from './sources.js'
import {ForeignFolderError, writeAtomically} from './write.js'

/**
 * Publishing: the episodes whose inputs changed are built on the pool and
 * each written whole into out/<slug>/, then the feed and the show's pages
 * are rebuilt from every episode in out/, when any of them changed.
 */
export async function publish({episodes, missing, files, out, io, values, settings, report, lock}: RunContext): Promise<number> {
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
  async function publishShow() {
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
      const fingerprint = feedFingerprint(show, await publishedFolders(out))
      const recorded = await readFile(join(out, feedRecord), 'utf8').catch(() => undefined)
      const feedMissing = await stat(join(out, 'feed.xml')).then(
        () => false,
        () => true
      ) || (await stat(join(out, 'index.html')).then(
        () => false,
        () => true
      ))
      if (values.force || feedMissing || recorded?.trim() !== fingerprint) {
        const feed = await publishFeed(out, await pipelineBuilder.feed(out, show))
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
  }

  try {
    await Promise.all(Array.from({length: pipelineBuilder.plan.builds}, worker))
    if (!stopped) await publishShow()
  } finally {
    await pipelineBuilder.destroy()
  }
  if (stopped) {
    progress.finish()
    report()
    io.stderr(`publish-episode: interrupted; ${written} episode(s) written, ${todo.length - next} not started. Every episode is either as before or fully new; the next run rebuilds the feed.\n`)
    return 130
  }

  progress.finish()
  if (written === 0 && failures === 0 && todo.length === 0) progress.note(`Nothing changed: ${episodes.length} episode(s) up to date.`)
  progress.summary({published: written, unchanged: episodes.length - todo.length, failed: failures})
  report()
  return failures > 0 ? 1 : 0
}
