import {spawnSync} from 'node:child_process'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'

// Which of the heavy modules a run loads, in a fresh process: the module cache of a test worker is shared.
function loadedBy(text: string): string[] {
  const script = `
    import {createRequire} from 'node:module'
    import {remarkSpeakers} from '@castline/parse'
    import remarkParse from 'remark-parse'
    import {unified} from 'unified'
    import {VFile} from 'vfile'
    import {remarkSummarize} from ${JSON.stringify(fileURLToPath(new URL('../index.ts', import.meta.url)))}
    const file = new VFile({path: 'transcript.md', value: ${JSON.stringify(text)}})
    const processor = unified().use(remarkParse).use(remarkSpeakers).use(remarkSummarize)
    await processor.run(processor.parse(file), file)
    const require = createRequire(import.meta.url)
    console.log(JSON.stringify(Object.keys(require.cache).filter((path) => /jieba|compromise/.test(path))))
  `
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {cwd: fileURLToPath(new URL('../..', import.meta.url)), encoding: 'utf8'})
  expect(run.status, run.stderr).toBe(0)
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as string[]
}

const english = Array.from({length: 6}, (_, i) => `**Ana:** What does a feature store keep, part ${i}?\n\n**Ben:** A feature store keeps the engineered inputs of every model, and serves them online in milliseconds.`).join('\n\n')
const chinese = Array.from({length: 6}, (_, i) => `**主持人：** 第${i}个问题，Optimus 机器人什么时候量产？\n\n**埃隆：** 人形机器人明年量产，Optimus 会先在工厂里工作。`).join('\n\n')

describe('start-up paid only when needed', () => {
  it('reads no Chinese dictionary for an English episode', () => {
    expect(loadedBy(english).filter((path) => path.includes('jieba'))).toEqual([])
  }, 30_000)

  it('loads no English tagger for the Latin words of a Chinese episode', () => {
    const loaded = loadedBy(chinese)
    expect(loaded.some((path) => path.includes('jieba'))).toBe(true)
    expect(loaded.filter((path) => path.includes('compromise'))).toEqual([])
  }, 30_000)
})
