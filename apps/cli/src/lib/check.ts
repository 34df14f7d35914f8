import {join} from 'node:path'
import {type EpisodeData, rssFeed, type ShowInfo} from '@castline/render'
import {VFile} from 'vfile'
import {builder} from './builder.js'
import type {RunContext} from './context.js'
import {feedEntries, feedEntry} from './feed.js'
import {messagesOnly} from './messages.js'
import {terminalSafe} from './safe.js'
import {shown} from './sources.js'
import {foreignFolder} from './write.js'

/**
 * `--check`: every episode is built as publish would build it, and the feed
 * is built in memory from them and the episodes already in out/ (so a
 * duplicate guid is found), but nothing is written.
 */
export async function check({episodes, missing, files, out, io, values, settings, report}: RunContext): Promise<number> {
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
