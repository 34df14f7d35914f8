import {readFileSync} from 'node:fs'
import {mkdir, readFile, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {project, publish, tree} from './helpers.js'

const episodeDir = 'content/episodes/moonshots-elon-musk'
// The bundled podcast.yaml's `explicit:` line, wherever comments and fields put it.
const explicitLine = readFileSync(new URL('../../content/podcast.yaml', import.meta.url), 'utf8').split('\n').findIndex((line) => line.startsWith('explicit:')) + 1

let published: Promise<string> | undefined

/** A project whose episode was published once, copied so each case starts from the same good outputs. */
async function publishedProject(): Promise<string> {
  published ??= project().then(async (dir) => {
    expect((await publish(dir)).code).toBe(0)
    return dir
  })
  return project(await published)
}

/** Breaks the input of a published project and publishes again: the run must fail and leave the first outputs. */
async function breakAndPublish(change: (dir: string) => Promise<void>) {
  const dir = await publishedProject()
  const before = await tree(join(dir, 'out'))
  await change(dir)
  const run = await publish(dir)
  const after = await tree(join(dir, 'out'))
  return {run, before, after}
}

const transcript = (dir: string) => join(dir, episodeDir, 'transcript.md')

describe('bad input fails clearly and loses nothing', () => {
  const cases: Array<[string, (dir: string) => Promise<void>, RegExp]> = [
    ['a missing transcript', (dir) => rm(transcript(dir)), /transcript\.md:1:1: No such file/],
    [
      'a directory instead of a transcript',
      async (dir) => {
        await rm(transcript(dir))
        await mkdir(transcript(dir))
      },
      /transcript\.md:1:1: Expected a regular file, found a directory/
    ],
    ['an empty transcript', (dir) => writeFile(transcript(dir), ''), /transcript\.md:1:1: The transcript is empty/],
    ['a whitespace-only transcript', (dir) => writeFile(transcript(dir), ' \n\n\t\n'), /transcript\.md:1:1: The transcript is empty/],
    [
      'a transcript that is not UTF-8',
      (dir) => writeFile(transcript(dir), Buffer.concat([Buffer.from('**A:** ok\n\n**B:** '), Buffer.from([0xc3, 0x28])])),
      /transcript\.md:3:8: Not UTF-8: invalid byte 0xc3/
    ],
    ['a transcript with no speaker', (dir) => writeFile(transcript(dir), 'Just prose.\n\nNo labels here.\n'), /transcript\.md:1:1: No speaker label found/],
    [
      'a broken episode.yaml',
      (dir) => writeFile(join(dir, episodeDir, 'episode.yaml'), 'title: [oops\npeople: {\n'),
      /episode\.yaml:\d+:\d+: Broken YAML/
    ],
    [
      'a wrong field in podcast.yaml',
      async (dir) => {
        const path = join(dir, 'content/podcast.yaml')
        await writeFile(path, (await readFile(path, 'utf8')).replace('explicit: false', 'explicit: maybe'))
      },
      new RegExp(`podcast\\.yaml:${explicitLine}:11: \`explicit\`: expected a boolean, found "maybe"`)
    ]
  ]

  for (const [name, change, error] of cases) {
    it(`on ${name}`, async () => {
      const {run, before, after} = await breakAndPublish(change)
      expect(run.code).toBe(1)
      const line = run.stdout.split('\n').find((l) => l.startsWith('✖'))
      expect(line).toMatch(error)
      expect(run.stderr).toMatch(/error/)
      expect(after).toEqual(before)
    })
  }

  it('reads a BOM, CRLF line endings and a missing final newline as if they were not there', async () => {
    const dir = await publishedProject()
    const clean = await tree(join(dir, 'out'))
    const text = await readFile(transcript(dir), 'utf8')
    await writeFile(transcript(dir), `\ufeff${text.replace(/\n/g, '\r\n').replace(/(\r\n)+$/, '')}`)
    expect((await publish(dir)).code).toBe(0)
    // The input's bytes differ, so it was rebuilt (its recorded input hash changed); every output is the same.
    const outputs = (files: Map<string, string>) => new Map([...files].filter(([name]) => !name.endsWith('.inputs.sha256') && name !== '.feed.sha256'))
    const rebuilt = await tree(join(dir, 'out'))
    expect(rebuilt.get('moonshots-elon-musk/.inputs.sha256')).not.toBe(clean.get('moonshots-elon-musk/.inputs.sha256'))
    expect(outputs(rebuilt)).toEqual(outputs(clean))
  })

  it('fails a path that is neither an episode folder nor a transcript', async () => {
    const dir = await project()
    const run = await publish(dir, ['content/podcast.yaml'])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/No such episode folder or transcript/)
  })
})
