// The whole command against its floor, as whole processes in the same run:
// `publish-episode --force` on the bundled episode by default (builds on a
// worker thread) and with --workers 0 (in the command's own thread), beside
// bench/floor.ts (bare remark-parse plus 30 bare sharp cards). Each is timed
// by GNU time, rounds interleaved so the machine's noise falls on all alike:
// CPU seconds (user + system, every thread), peak memory, and cores busy; and
// from --json, each stage's share of the build.
//
//   pnpm --filter @castline/bench episode [rounds]
import {execFileSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {median} from './lib/measure.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const rounds = Number(process.argv[2] ?? 5)
const bin = join(root, 'apps/cli/dist/bin.js')
// As `pnpm publish-episode` runs it.
const node = ['--max-semi-space-size=4']
const env = {...process.env, MALLOC_ARENA_MAX: '2', CI: '', FORCE_COLOR: '0'}

interface Run {
  cpu: number
  wall: number
  peakMb: number
  stages?: Record<string, number>
}

function timed(args: string[]): Run {
  const report = join(mkdtempSync(join(tmpdir(), 'castline-time-')), 'time')
  const stdout = execFileSync('/usr/bin/time', ['-o', report, '-f', '%U %S %e %M', process.execPath, ...args], {cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'ignore']})
  const [user, system, wall, kb] = readFileSync(report, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number) as [number, number, number, number]
  rmSync(join(report, '..'), {recursive: true, force: true})
  const line = stdout.split('\n').find((l) => l.includes('"timings"'))
  return {cpu: user + system, wall, peakMb: kb / 1024, ...(line ? {stages: (JSON.parse(line) as {timings: Record<string, number>}).timings} : {})}
}

const out = mkdtempSync(join(tmpdir(), 'castline-episode-bench-'))
const tasks = [
  {name: 'floor (bare remark-parse + 30 bare sharp cards, 2 at a time)', args: [...node, '--import', 'tsx', join(root, 'bench/floor.ts')]},
  {name: 'publish-episode --force (default: a worker thread)', args: [...node, bin, '--force', '--json', '--content', join(root, 'content'), '--out', out]},
  {name: 'publish-episode --force --workers 0', args: [...node, bin, '--force', '--json', '--workers', '0', '--content', join(root, 'content'), '--out', out]}
]
const runs = tasks.map(() => [] as Run[])
for (const task of tasks) timed(task.args) // warm the disk cache and out/
for (let round = 0; round < rounds; round++) for (const [index, task] of tasks.entries()) runs[index]!.push(timed(task.args))
rmSync(out, {recursive: true, force: true})

const floor = median(runs[0]!.map((r) => r.cpu))
const floorMb = median(runs[0]!.map((r) => r.peakMb))
console.log(`The bundled episode, whole processes, median of ${rounds}\n`)
console.log(`${'run'.padEnd(58)} CPU s  × floor  cores  peak MB  × floor`)
for (const [index, task] of tasks.entries()) {
  const cpu = median(runs[index]!.map((r) => r.cpu))
  const wall = median(runs[index]!.map((r) => r.wall))
  const mb = median(runs[index]!.map((r) => r.peakMb))
  console.log(
    `${task.name.padEnd(58)} ${cpu.toFixed(2).padStart(5)} ${(cpu / floor).toFixed(2).padStart(7)} ${(cpu / wall).toFixed(2).padStart(6)} ${mb.toFixed(0).padStart(8)} ${(mb / floorMb).toFixed(2).padStart(8)}`
  )
}
const stages = runs[2]!.map((r) => r.stages).filter((s): s is Record<string, number> => s !== undefined)
if (stages.length) {
  const names = Object.keys(stages[0]!).filter((name) => name !== 'total')
  const each = names.map((name) => [name, median(stages.map((s) => s[name] ?? 0))] as const)
  const sum = each.reduce((total, [, ms]) => total + ms, 0)
  console.log(`\nstages of one build (--workers 0, --json timings): ${each.map(([name, ms]) => `${name} ${((100 * ms) / sum).toFixed(0)}% (${ms.toFixed(0)} ms)`).join(', ')}`)
}
