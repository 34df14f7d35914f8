// A back catalogue generated from the bundled episode, published as a whole,
// again with nothing changed, and again with one transcript changed; against
// bare remark-parse of the same files and a single-process run, in one run.
// `pnpm bench:catalogue [episodes]` (default 200; it takes several minutes).
import {spawn} from 'node:child_process'
import {cp, mkdir, readFile, readdir, rm, writeFile} from 'node:fs/promises'
import {availableParallelism, tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {random} from './lib/synthetic.js'

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

/** Runs the command; returns wall time and the process's peak resident memory (threads included). */
function run(args: string[]): Promise<{seconds: number; peakMb: number; code: number | null}> {
  return new Promise((resolve) => {
    const start = performance.now()
    const child = spawn(process.execPath, [bin, '--json', ...args], {stdio: ['ignore', 'ignore', 'ignore']})
    let peak = 0
    const sample = async () => {
      try {
        const status = await readFile(`/proc/${child.pid}/status`, 'utf8')
        peak = Math.max(peak, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0))
      } catch {
        // the process has ended
      }
    }
    const timer = setInterval(sample, 100)
    child.on('close', (code) => {
      clearInterval(timer)
      resolve({seconds: (performance.now() - start) / 1000, peakMb: peak / 1024, code})
    })
  })
}

async function bareParse(dir: string): Promise<number> {
  const parser = unified().use(remarkParse)
  const start = performance.now()
  for (const name of await readdir(join(dir, 'episodes'))) parser.parse(await readFile(join(dir, 'episodes', name, 'transcript.md'), 'utf8'))
  return (performance.now() - start) / 1000
}

const f = (n: number) => n.toFixed(1).padStart(7)
console.log(`Back catalogue on ${availableParallelism()} cores\n`)
console.log('episodes  full s  per ep  1-proc s  speedup  pool s  (peak MB)  no-change s  (share)  one-changed s  bare parse s  peak MB')
const perEpisode: number[] = []
for (const count of sizes) {
  const dir = await generate(count)
  const out = join(dir, 'out')
  const full = await run(['--content', dir, '--out', out])
  const unchanged = await run(['--content', dir, '--out', out])
  const changed = join(dir, 'episodes', 'episode-001', 'transcript.md')
  await writeFile(changed, `${await readFile(changed, 'utf8')}\n**Elon Musk:** 改过的一句。\n`)
  const one = await run(['--content', dir, '--out', out])
  const single = await run(['--content', dir, '--out', join(dir, 'out-single'), '--jobs', '1'])
  // A pool of one build per core, whatever the default chose.
  const pool = await run(['--content', dir, '--out', join(dir, 'out-pool'), '--jobs', String(availableParallelism())])
  const bare = await bareParse(dir)
  if ([full, unchanged, one, single, pool].some((r) => r.code !== 0)) console.log('(a run failed: see its output by running it by hand)')
  perEpisode.push(full.seconds / count)
  console.log(
    `${String(count).padStart(8)} ${f(full.seconds)} ${f(full.seconds / count)} ${f(single.seconds).padStart(9)} ${(single.seconds / full.seconds).toFixed(2).padStart(8)}× ${f(pool.seconds)} ${f(pool.peakMb).padStart(9)} ${f(unchanged.seconds).padStart(12)} ${((unchanged.seconds / full.seconds) * 100).toFixed(1).padStart(7)}% ${f(one.seconds).padStart(14)} ${f(bare).padStart(13)} ${f(Math.max(full.peakMb, single.peakMb)).padStart(8)}`
  )
}
console.log(`\nper-episode time from ${sizes[0]} to ${sizes[1]} episodes: ${(perEpisode[1]! / perEpisode[0]!).toFixed(2)}× (1.00 = linear)`)
