import {readFile, readdir, rename, writeFile} from 'node:fs/promises'
import {join, relative, resolve} from 'node:path'
import {parseArgs} from 'node:util'
import {reporter} from 'vfile-reporter'
import {VFile} from 'vfile'
import type {EpisodeData, ShowInfo} from '@castline/render'
import {rssFeed} from '@castline/render'
import {buildEpisode, findEpisodes} from './episode.js'
import {writeAtomically} from './write.js'

export interface Io {
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Where relative paths given on the command line start from. */
  cwd: string
  color: boolean
}

export const usage = `Usage: publish-episode [options] [episode-folder | transcript.md ...]

Publishes every episode under content/episodes, or only those given: an
episode folder (transcript.md with episode.yaml) or a bare transcript file.

Options:
  --out DIR        where outputs go (default: out)
  --content DIR    the content folder (default: content)
  -h, --help       show this help
  -v, --version    show the version

Exit status: 0 when every episode was published, 1 when one failed, 2 on bad usage.
`

/** Runs the command line; resolves to the exit code. */
export async function main(argv: string[], io: Io, version: string): Promise<number> {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv)
  } catch (error) {
    io.stderr(`publish-episode: ${(error as Error).message}\n\n${usage}`)
    return 2
  }
  if (parsed.values.help) {
    io.stdout(usage)
    return 0
  }
  if (parsed.values.version) {
    io.stdout(`${version}\n`)
    return 0
  }
  const out = resolve(io.cwd, parsed.values.out ?? 'out')
  const content = resolve(io.cwd, parsed.values.content ?? 'content')
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

  let failures = 0
  const published: Array<{show?: ShowInfo}> = []
  const files: VFile[] = []
  const lines: string[] = []
  for (const source of sources) {
    if ('missing' in source) {
      const file = new VFile({path: source.missing})
      const message = file.message('No such episode folder or transcript (.md) file', {ruleId: 'not-found', source: 'castline'})
      message.fatal = true
      files.push(file)
      lines.push(`✖ ${source.missing}: not published`)
      failures++
      continue
    }
    const result = await buildEpisode(source)
    files.push(...result.files)
    if (!result.outputs) {
      const fatal = result.files.flatMap((file) => file.messages).find((message) => message.fatal)
      lines.push(`✖ ${result.slug}: not published; ${fatal ? `${fatal.file}:${fatal.line ?? 1}:${fatal.column ?? 1}: ${fatal.reason}` : 'failed'}`)
      failures++
      continue
    }
    try {
      const target = await writeAtomically(out, result.slug, result.outputs)
      published.push(result)
      lines.push(`✔ ${result.slug}: ${describeOutputs([...result.outputs.keys()])} in ${target}`)
    } catch (error) {
      lines.push(`✖ ${result.slug}: cannot write outputs: ${(error as Error).message}`)
      failures++
    }
  }
  const show = published.find((result) => result.show)?.show
  if (show) {
    const feed = await publishFeed(out, show)
    files.push(feed.file)
    lines.push(feed.line)
    if (!feed.ok) failures++
  }
  const report = reporter(files, {color: io.color, quiet: true})
  if (report) io.stderr(`${report}\n`)
  io.stdout(`${lines.join('\n')}\n`)
  return failures > 0 ? 1 : 0
}

/**
 * Rebuilds out/feed.xml from every published episode in out/, this run's and
 * earlier ones, and swaps it in only when it was built without error.
 */
async function publishFeed(out: string, show: ShowInfo): Promise<{file: VFile; line: string; ok: boolean}> {
  const path = join(out, 'feed.xml')
  const file = new VFile({path: relative(process.cwd(), path) || path})
  const episodes: EpisodeData[] = []
  for (const entry of (await readdir(out, {withFileTypes: true})).filter((e) => e.isDirectory() && !e.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    try {
      episodes.push(JSON.parse(await readFile(join(out, entry.name, 'episode.json'), 'utf8')) as EpisodeData)
    } catch {
      file.message(`\`${entry.name}\` has no readable episode.json: left out of the feed`, {ruleId: 'unreadable-episode', source: 'castline'})
    }
  }
  let xml: string
  try {
    xml = rssFeed(episodes, show, file)
  } catch {
    return {file, line: `✖ feed.xml: not written; ${file.messages.find((m) => m.fatal)?.reason ?? 'failed'}`, ok: false}
  }
  const temp = `${path}.tmp-${process.pid}`
  await writeFile(temp, xml)
  await rename(temp, path)
  const count = (xml.match(/<item>/g) ?? []).length
  return {file, line: `✔ feed.xml: ${count} episode${count === 1 ? '' : 's'} in ${path}`, ok: true}
}

/** `cards.json, …, cards/ (30 files)`: files by name, folders by count. */
function describeOutputs(names: string[]): string {
  const files = names.filter((name) => !name.includes('/')).sort()
  const folders = new Map<string, number>()
  for (const name of names) if (name.includes('/')) folders.set(name.split('/')[0]!, (folders.get(name.split('/')[0]!) ?? 0) + 1)
  return [...files, ...[...folders].sort().map(([folder, count]) => `${folder}/ (${count} files)`)].join(', ')
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      out: {type: 'string'},
      content: {type: 'string'},
      help: {type: 'boolean', short: 'h'},
      version: {type: 'boolean', short: 'v'}
    }
  })
}
