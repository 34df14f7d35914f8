import {mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {buildEpisode} from '@castline/cli'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {project, publish, root, tree} from './helpers.js'

// Random damage to real input, for a bounded time: every build ends with
// outputs or a fatal message that names the file, never an exception, and
// the command never loses earlier outputs.

const episodeDir = join(root, 'content/episodes/moonshots-elon-musk')
const seed = (await readFile(join(episodeDir, 'transcript.md'), 'utf8')).split('\n').slice(0, 60).join('\n')
const seedYaml = await readFile(join(episodeDir, 'episode.yaml'), 'utf8')

// Characters that mean something to Markdown, YAML, XML, terminals or our label grammar.
const pieces = ['>', '> ', '- ', '* ', '1. ', '**', '*', '_', '`', '```', '[', ']', '(', ')', '\n', '\n\n', '：', ':', '**A:**', '**主持人：**', '[04:33]', '***', '#', '<', '&', ']]>', '|', '\\', '\u0000', '\u001b[2J', '\u202e', '“', '”', '😀', ' ', '\t', '&a', '*a', '{', '}', 'javascript:', '---']
const text = fc.array(fc.constantFrom(...pieces), {maxLength: 40}).map((parts) => parts.join(''))

/** Edits at random places: delete, duplicate, insert, or indent a stretch many times over. */
const mutation = (source: string) =>
  fc
    .array(
      fc.record({
        at: fc.nat({max: source.length}),
        length: fc.nat({max: 400}),
        kind: fc.constantFrom('delete', 'duplicate', 'insert', 'nest'),
        insert: text,
        times: fc.integer({min: 1, max: 200})
      }),
      {minLength: 1, maxLength: 6}
    )
    .map((edits) => {
      let result = source
      for (const {at, length, kind, insert, times} of edits) {
        const from = Math.min(at, result.length)
        const to = Math.min(result.length, from + length)
        if (kind === 'delete') result = result.slice(0, from) + result.slice(to)
        else if (kind === 'duplicate') result = result.slice(0, to) + result.slice(from, to) + result.slice(to)
        else if (kind === 'insert') result = result.slice(0, from) + insert + result.slice(from)
        else result = result.slice(0, from) + insert.slice(0, 3).repeat(times) + result.slice(from)
      }
      return result
    })

async function folder(transcript: string, yaml: string) {
  const dir = await mkdtemp(join(tmpdir(), 'castline-fuzz-'))
  await mkdir(join(dir, 'ep'))
  await writeFile(join(dir, 'ep/transcript.md'), transcript)
  await writeFile(join(dir, 'ep/episode.yaml'), yaml)
  return {slug: 'ep', transcript: join(dir, 'ep/transcript.md'), episode: join(dir, 'ep/episode.yaml')}
}

function expectOutcome(result: Awaited<ReturnType<typeof buildEpisode>>) {
  const fatal = result.files.flatMap((file) => file.messages).filter((m) => m.fatal)
  if (result.outputs) expect(fatal).toEqual([])
  else {
    expect(fatal.length).toBeGreaterThan(0)
    expect(fatal[0]!.file).toMatch(/ep\/(transcript\.md|episode\.yaml)$/)
    expect(fatal[0]!.ruleId).not.toBe('internal-error')
  }
}

describe('fuzz', () => {
  it('builds damaged transcripts into outputs or a clear fatal message', async () => {
    await fc.assert(
      fc.asyncProperty(mutation(seed), async (transcript) => {
        expectOutcome(await buildEpisode(await folder(transcript, seedYaml), {cardConcurrency: 2}))
      }),
      {numRuns: 400, interruptAfterTimeLimit: 25_000, seed: 20261129}
    )
  }, 300_000)

  it('reads damaged episode.yaml into a config or a message with its place', async () => {
    await fc.assert(
      fc.asyncProperty(mutation(seedYaml), async (yaml) => {
        expectOutcome(await buildEpisode(await folder('**Elon Musk:** 我们会到达火星。这是一个很长的句子，足够做成卡片的引语了。\n', yaml), {cardConcurrency: 2}))
      }),
      {numRuns: 400, interruptAfterTimeLimit: 15_000, seed: 20261130}
    )
  }, 300_000)

  it('publish-episode ends with 0 or 1, no stack, and earlier outputs intact', async () => {
    const dir = await project()
    expect((await publish(dir)).code).toBe(0)
    const transcript = join(dir, 'content/episodes/moonshots-elon-musk/transcript.md')
    const original = await readFile(transcript, 'utf8')
    const samples = fc.sample(mutation(original), {numRuns: 4, seed: 7})
    for (const damaged of samples) {
      const before = await tree(join(dir, 'out'))
      await writeFile(transcript, damaged)
      const run = await publish(dir)
      expect([0, 1]).toContain(run.code)
      expect(run.stderr + run.stdout).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/)
      if (run.code === 1) expect(await tree(join(dir, 'out'))).toEqual(before)
    }
  }, 300_000)
})
