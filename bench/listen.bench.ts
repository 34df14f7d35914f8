// Listening, measured: the real-time factor, CPU and peak memory (the whole
// process tree: node and its pocketsphinx processes) of `publish-episode` on
// an episode with only a transcript and its audio, at 10 and 60 minutes of
// speech, against bare pocketsphinx_batch over the same audio in the same
// run: one process, fixed 30 s windows, the same language model. And how
// many turns start within a second of when they are said.
//
// The speech is espeak-ng reading real episodes' turns from the evaluation
// set (or, without it, the test conversation again and again) in three
// voices, at several speeds and pitches.
//
//   pnpm --filter @castline/bench listen [minutes ...]
import {execFileSync, spawn} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {findTools, missingPackages, transcriptModel} from '@castline/listen'
import {findEvalSet} from './lib/eval-set.js'
import {type Voice, speak} from './lib/speech.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const minutesList = process.argv.slice(2).map(Number).filter((n) => n > 0)
const sizes = minutesList.length ? minutesList : [10, 60]
const tools = findTools()
if (missingPackages(tools).length > 0) {
  console.log(`Listening needs ${missingPackages(tools).join(' ')} (apt-get install): nothing to measure.`)
  process.exit(0)
}

const voices: Voice[] = [
  {voice: 'en-us+m3', speed: 165},
  {voice: 'en-gb+f2', speed: 175, pitch: 120},
  {voice: 'en-us+f3', speed: 150, tempo: 1.08},
  {voice: 'en-gb-scotland+m1', speed: 170, pitch: -150}
]

/** Real turns to speak: `**Name:**` paragraphs of the evaluation set's episodes, in order; or the test conversation. */
function turnSource(): Array<{speaker: string; text: string}> {
  const dir = findEvalSet()
  const files = dir ? readdirSync(join(dir, 'episodes')).filter((name) => name.endsWith('.md')).sort().map((name) => join(dir, 'episodes', name)) : [join(root, 'tests/fixtures/audio/conversation.md')]
  const turns: Array<{speaker: string; text: string}> = []
  for (const file of files) {
    let speaker = ''
    for (const block of readFileSync(file, 'utf8').split(/\n{2,}/)) {
      const label = block.match(/^\*\*([^*:]{1,40}):\*\*\s*([\s\S]*)$/)
      if (label) {
        speaker = label[1]!
        if (label[2]!.trim()) turns.push({speaker, text: label[2]!.trim()})
      } else if (speaker && !block.startsWith('#') && /[a-z]/i.test(block)) turns.push({speaker, text: block.replace(/\s+/g, ' ').trim()})
    }
  }
  // Plain text a voice can say: no Markdown, no times.
  return turns.map((t) => ({speaker: t.speaker, text: t.text.replace(/\\?\b\d{1,2}(?::\d{2}){1,2}\b\\?/g, '').replace(/[*_`#>[\]\\]/g, '').replace(/\(https?:[^)]*\)/g, '')})).filter((t) => t.text.split(' ').length >= 3)
}

/** Peak resident memory of a process and all it starts, polled every 100 ms from /proc. */
function treePeak(pid: number): () => number {
  let peak = 0
  const rss = (p: number): number => {
    try {
      const kb = Number(readFileSync(`/proc/${p}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1] ?? 0)
      const children = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)
      return kb + children.reduce((sum, c) => sum + rss(c), 0)
    } catch {
      return 0
    }
  }
  const timer = setInterval(() => {
    peak = Math.max(peak, rss(pid))
  }, 100)
  return () => {
    clearInterval(timer)
    return peak / 1024
  }
}

/** Runs a command under GNU time: wall and CPU seconds (children included), and the tree's peak memory. */
async function measure(command: string, args: string[], cwd: string): Promise<{wall: number; cpu: number; peakMb: number; stderr: string}> {
  const report = join(mkdtempSync(join(tmpdir(), 'castline-time-')), 'time')
  const child = spawn('/usr/bin/time', ['-o', report, '-f', '%U %S %e', command, ...args], {cwd, env: {...process.env, CI: '', NO_COLOR: '1'}, stdio: ['ignore', 'ignore', 'pipe']})
  const stop = treePeak(child.pid!)
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
  })
  await new Promise((resolve) => child.on('close', resolve))
  const peakMb = stop()
  const [user, system, wall] = readFileSync(report, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number) as [number, number, number]
  rmSync(join(report, '..'), {recursive: true, force: true})
  return {wall, cpu: user + system, peakMb, stderr}
}

const all = turnSource()
console.log('Listening to audio: publish-episode on an episode of a transcript and its audio, against bare pocketsphinx_batch (one process, fixed 30 s windows, the same language model)\n')
console.log(`${'audio'.padEnd(8)} ${'run'.padEnd(34)} ${'wall s'.padStart(7)} ${'× real time'.padStart(12)} ${'CPU s'.padStart(7)} ${'× bare'.padStart(7)} ${'peak MB'.padStart(8)}  turns within 1 s`)
for (const minutes of sizes) {
  const work = mkdtempSync(join(tmpdir(), 'castline-listen-bench-'))
  try {
    // Turns until the speech is about as long as asked (165 words a minute), cycling through the set.
    const turns: Array<{speaker: string; text: string}> = []
    let words = 0
    for (let k = 0; words < minutes * 160; k++) {
      const turn = all[k % all.length]!
      turns.push(turn)
      words += turn.text.split(' ').length
    }
    const speakers = [...new Set(turns.map((t) => t.speaker))]
    const folder = join(work, 'content/episodes/bench')
    mkdirSync(folder, {recursive: true})
    writeFileSync(join(work, 'content/podcast.yaml'), readFileSync(join(root, 'content/podcast.yaml')))
    writeFileSync(join(folder, 'transcript.md'), `${turns.map((t) => `**${t.speaker}:** ${t.text}`).join('\n\n')}\n`)
    writeFileSync(join(folder, 'episode.yaml'), `title: Bench\nguid: bench\npublished: 2026-01-02\npeople:\n${speakers.map((s, k) => `  - {id: p${k}, name: "${s}", role: ${k === 0 ? 'host' : 'guest'}}`).join('\n')}\n`)
    const truth = speak({turns, voices: Object.fromEntries(speakers.map((s, k) => [s, voices[k % voices.length]!])), out: join(folder, 'audio.mp3'), pauses: [0.4, 0.9, 0.6, 1.5]})
    const seconds = Number(execFileSync('soxi', ['-D', join(folder, 'audio.mp3')], {encoding: 'utf8'}))
    const label = `${Math.round(seconds / 60)} min`

    // The baseline: the same audio decoded, then one pocketsphinx_batch over fixed 30 s windows with the same model.
    const bare = join(work, 'bare')
    mkdirSync(bare)
    const model = await transcriptModel(readFileSync(join(folder, 'transcript.md'), 'utf8'), tools.model!.dict)
    writeFileSync(join(bare, 'model.lm'), model.arpa)
    writeFileSync(join(bare, 'model.dict'), model.dictionary)
    execFileSync('sox', [join(folder, 'audio.mp3'), '-t', 'raw', '-r', '16000', '-e', 'signed-integer', '-b', '16', '-c', '1', join(bare, 'audio.raw')])
    const frames = Math.floor(seconds * 100)
    writeFileSync(join(bare, 'ctl'), `${Array.from({length: Math.ceil(frames / 3000)}, (_, k) => `audio ${k * 3000} ${Math.min(frames, (k + 1) * 3000)} w${k}`).join('\n')}\n`)
    const baseline = process.env.SKIP_BARE ? {wall: Number.NaN, cpu: Number.NaN, peakMb: Number.NaN, stderr: ''} : await measure(tools.pocketsphinx!, ['-adcin', 'yes', '-cepdir', bare, '-cepext', '.raw', '-ctl', join(bare, 'ctl'), '-hmm', tools.model!.hmm, '-dict', join(bare, 'model.dict'), '-lm', join(bare, 'model.lm'), '-remove_silence', 'no', '-ctm', join(bare, 'out.ctm'), '-logfn', '/dev/null'], work)
    const run = await measure(process.execPath, [join(root, 'apps/cli/dist/bin.js'), '--force', '--content', join(work, 'content'), '--out', join(work, 'out'), '--cache', join(work, 'cache')], work)
    if (!run.stderr.includes('listened to')) throw new Error(`publish-episode did not listen:\n${run.stderr}`)
    const json = JSON.parse(readFileSync(join(work, 'out/bench/episode.json'), 'utf8')) as {turns: Array<{start: {seconds: number}}>; timing: {estimated: boolean}}
    const misses = json.turns.map((t, k) => Math.abs(t.start.seconds - (truth[k] ?? Number.NaN)))
    const within = misses.filter((m) => m <= 1).length
    if (process.env.KEEP) writeFileSync(join(work, 'truth.json'), JSON.stringify(truth))
    const row = (name: string, r: {wall: number; cpu: number; peakMb: number}, extra = '') =>
      console.log(`${label.padEnd(8)} ${name.padEnd(34)} ${r.wall.toFixed(1).padStart(7)} ${(r.wall / seconds).toFixed(3).padStart(12)} ${r.cpu.toFixed(1).padStart(7)} ${(r.cpu / baseline.cpu).toFixed(2).padStart(7)} ${r.peakMb.toFixed(0).padStart(8)}  ${extra}`)
    row('bare pocketsphinx_batch', baseline)
    row('publish-episode (listen + build)', run, `${within} of ${misses.length} (worst ${Math.max(...misses).toFixed(1)} s)${json.timing.estimated ? ', times estimated!' : ''}`)
  } finally {
    if (process.env.KEEP) console.log(`kept ${work}`)
    else rmSync(work, {recursive: true, force: true})
  }
}
