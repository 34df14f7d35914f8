// A back catalogue generated from the bundled episode, published as a whole,
// again with nothing changed, and again with one transcript changed; against
// bare remark-parse of the same files and single-process runs (one build at a
// time, then the same pinned to one core), in one run.
// `pnpm bench:catalogue [episodes]` (default 200; it takes several minutes).
import {spawn} from 'node:child_process'
import {cp, mkdir, readFile, readdir, rm, writeFile} from 'node:fs/promises'
import {availableParallelism, tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {random} from './lib/random.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const bin = join(root, 'apps/cli/dist/bin.js')
const sizes = [20, Number(process.argv[2] ?? 200)]

/**
 * Episodes cut from the bundled transcript: each a different quarter of it,
 * its turns in a different order and a sentence of its own in every turn, so
 * that no two episodes share outputs and no cache can cheat.
 */
async function generate(count: number): Promise<string> {
  const dir = join(tmpdir(), `castline-catalogue-${count}`)
  await rm(dir, {recursive: true, force: true})
  await mkdir(join(dir, 'episodes'), {recursive: true})
  await cp(join(root, 'content/podcast.yaml'), join(dir, 'podcast.yaml'))
  const source = await readFile(join(root, 'content/episodes/moonshots-elon-musk/transcript.md'), 'utf8')
  const yaml = await readFile(join(root, 'content/episodes/moonshots-elon-musk/episode.yaml'), 'utf8')
  const turns = source.split(/\n\n+/).filter((block) => /^(\*\*)?[^*\n]{1,30}[:：]/.test(block))
  for (let i = 0; i < count; i++) {
    const next = random(i + 1)
    const length = Math.floor(turns.length / 4)
    const start = Math.floor(next() * (turns.length - length))
    const picked = turns.slice(start, start + length).map((turn, k) => `${turn} 第${i + 1}集第${k + 1}段。`)
    for (let k = picked.length - 1; k > 0; k--) {
      if (next() < 0.3) {
        const j = Math.floor(next() * (k + 1))
        ;[picked[k], picked[j]] = [picked[j]!, picked[k]!]
      }
    }
    const folder = join(dir, 'episodes', `episode-${String(i + 1).padStart(3, '0')}`)
    await mkdir(folder)
    await writeFile(join(folder, 'transcript.md'), `**第${i + 1}集**\n\n${picked.join('\n\n')}\n`)
    await writeFile(
      join(folder, 'episode.yaml'),
      yaml
        .replace(/^title: .*$/m, `title: 第${i + 1}集`)
        .replace(/^number: .*$/m, `number: ${i + 1}`)
        .replace(/^guid: .*$/m, `guid: catalogue-${i + 1}`)
        .replace(/^published: .*$/m, `published: 2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`)
    )
  }
  return dir
}

/**
 * How `pnpm publish-episode` starts the CLI, read from the root package.json
 * so that the bench measures what producers run: its environment (the
 * allocator setting) and Node's flags.
 */
async function publishCommand(): Promise<{env: Record<string, string>; flags: string[]}> {
  const {scripts} = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {scripts: Record<string, string>}
  const words = scripts['publish-episode']!.split('&&').at(-1)!.trim().split(/\s+/)
  const node = words.indexOf('node')
  const env = Object.fromEntries(words.slice(0, node).map((word) => word.split('=') as [string, string]))
  return {env, flags: words.slice(node + 1, -1)}
}

const command = await publishCommand()

interface Run {
  seconds: number
  /** CPU time over wall time: the cores the run kept busy. */
  cores: number
  peakMb: number
  code: number | null
  errors: string
}

/** Runs the CLI as `pnpm publish-episode` does; times and memory from its own summary line. */
function run(args: string[], options: {oneCore?: boolean} = {}): Promise<Run> {
  return new Promise((resolve) => {
    const start = performance.now()
    const argv = [...command.flags, bin, '--json', ...args]
    // One core: the same single-process run, pinned by the kernel to one CPU.
    const [program, programArgs] = options.oneCore ? ['taskset', ['-c', '0', process.execPath, ...argv]] : [process.execPath, argv]
    const child = spawn(program, programArgs as string[], {stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, ...command.env}})
    let output = ''
    let errors = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      // The last of what it said is enough to tell why it failed.
      errors = `${errors}${chunk}`.slice(-4000)
    })
    child.on('close', (code) => {
      const seconds = (performance.now() - start) / 1000
      const line = output.split('\n').find((l) => l.startsWith('{"summary"'))
      const summary = line ? (JSON.parse(line) as {summary: {cpuSeconds: number; peakMemoryMb: number}}).summary : undefined
      resolve({seconds, cores: summary ? summary.cpuSeconds / seconds : 0, peakMb: summary?.peakMemoryMb ?? 0, code, errors})
    })
  })
}

async function bareParse(dir: string): Promise<number> {
  const parser = unified().use(remarkParse)
  const start = performance.now()
  for (const name of await readdir(join(dir, 'episodes'))) parser.parse(await readFile(join(dir, 'episodes', name, 'transcript.md'), 'utf8'))
  return (performance.now() - start) / 1000
}

const f = (n: number, width = 7) => n.toFixed(1).padStart(width)
console.log(`Back catalogue on ${availableParallelism()} cores; the CLI run as \`pnpm publish-episode\` runs it (${[...Object.entries(command.env).map(([k, v]) => `${k}=${v}`), ...command.flags].join(' ')})\n`)
const rows: string[][] = []
const perEpisode: number[] = []
for (const count of sizes) {
  const dir = await generate(count)
  // Outputs beside the content folder: publish-episode refuses an --out inside it.
  const outside = `${dir}-out`
  await rm(outside, {recursive: true, force: true})
  const out = join(outside, 'out')
  const full = await run(['--content', dir, '--out', out])
  const unchanged = await run(['--content', dir, '--out', out])
  const changed = join(dir, 'episodes', 'episode-001', 'transcript.md')
  await writeFile(changed, `${await readFile(changed, 'utf8')}\n**Elon Musk:** 改过的一句。\n`)
  const one = await run(['--content', dir, '--out', out])
  // The speed-up is a ratio of runs minutes apart on a noisy machine: each is
  // run twice, in the order A B C C B A, and averaged, so drift cancels out.
  const singleArgs = ['--content', dir, '--out', join(outside, 'out-single'), '--jobs', '1', '--force']
  const oneCoreArgs = ['--content', dir, '--out', join(outside, 'out-one-core'), '--jobs', '1', '--force']
  const single1 = await run(singleArgs)
  const oneCore1 = await run(oneCoreArgs, {oneCore: true})
  const oneCore2 = await run(oneCoreArgs, {oneCore: true})
  const single2 = await run(singleArgs)
  const full2 = await run(['--content', dir, '--out', join(outside, 'out-again'), '--force'])
  const pool = await run(['--content', dir, '--out', join(outside, 'out-pool'), '--workers', String(availableParallelism())])
  const bare = await bareParse(dir)
  const runs = [full, unchanged, one, single1, oneCore1, oneCore2, single2, full2, pool]
  const failed = runs.find((r) => r.code !== 0)
  if (failed) {
    // A failed run's figures mean nothing: say why it failed, and measure no further.
    console.error(`A run of ${count} episodes failed (exit ${failed.code}):\n${failed.errors}`)
    process.exit(1)
  }
  await rm(outside, {recursive: true, force: true})
  const mean = (a: Run, b: Run): Run => ({seconds: (a.seconds + b.seconds) / 2, cores: (a.cores + b.cores) / 2, peakMb: Math.max(a.peakMb, b.peakMb), code: a.code ?? b.code, errors: a.errors + b.errors})
  const fullMean = mean(full, full2)
  const single = mean(single1, single2)
  const oneCore = mean(oneCore1, oneCore2)
  perEpisode.push(fullMean.seconds / count)
  const line = (name: string, r: Run, note = '') => [String(count), name, f(r.seconds), f(r.cores, 5), f(r.peakMb, 7), note]
  const each = (a: Run, b: Run) => `(${a.seconds.toFixed(1)}, ${b.seconds.toFixed(1)})`
  rows.push(
    line('full publish ×2', fullMean, `${f(fullMean.seconds / count, 4)} s per episode ${each(full, full2)}`),
    line('no change', unchanged, `${((unchanged.seconds / fullMean.seconds) * 100).toFixed(1)}% of full`),
    line('one changed', one),
    line('--jobs 1 ×2', single, `full is ${(single.seconds / fullMean.seconds).toFixed(2)}× faster ${each(single1, single2)}`),
    line('--jobs 1, one core ×2', oneCore, `full is ${(oneCore.seconds / fullMean.seconds).toFixed(2)}× faster ${each(oneCore1, oneCore2)}`),
    line(`--workers ${availableParallelism()}`, pool, `${(pool.seconds / fullMean.seconds).toFixed(2)}× full's time`),
    [String(count), 'bare remark-parse', f(bare), '', '', `${((bare / fullMean.seconds) * 100).toFixed(1)}% of full`]
  )
}
const header = ['episodes', 'run', 'seconds', 'cores', 'peak MB', '']
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
for (const r of [header, ...rows]) console.log(r.map((cell, i) => (i === 1 || i === 5 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '))
console.log(`\nper-episode time from ${sizes[0]} to ${sizes[1]} episodes: ${(perEpisode[1]! / perEpisode[0]!).toFixed(2)}× (1.00 = linear)`)
