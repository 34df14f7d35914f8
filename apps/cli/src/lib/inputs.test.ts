import {mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {inputHasher} from './inputs.js'
import type {EpisodeSource} from './sources.js'

// Tests run before the build, so our code's fingerprint is a stand-in.
const hasher = () => inputHasher(async () => 'code')

async function show() {
  const dir = await mkdtemp(join(tmpdir(), 'castline-inputs-'))
  await writeFile(join(dir, 'podcast.yaml'), 'title: Show\ncards:\n  logo: logo.png\n')
  await writeFile(join(dir, 'logo.png'), 'logo one')
  await writeFile(join(dir, 'a.md'), '**A:** one')
  await writeFile(join(dir, 'b.md'), '**B:** two')
  const source = (name: string): EpisodeSource => ({slug: name, transcript: join(dir, `${name}.md`), podcast: join(dir, 'podcast.yaml')})
  return {dir, a: source('a'), b: source('b')}
}

describe('inputHasher', () => {
  it('gives each episode its own hash, the same on every run', async () => {
    const {a, b} = await show()
    const first = hasher()
    const [ha, hb] = [await first(a), await first(b)]
    expect(ha).not.toBe(hb)
    expect(await hasher()(a)).toBe(ha)
  })

  it('changes with the transcript, podcast.yaml and the logo it names, on the next run', async () => {
    const {dir, a} = await show()
    const before = await hasher()(a)
    await writeFile(join(dir, 'logo.png'), 'logo two')
    const newLogo = await hasher()(a)
    expect(newLogo).not.toBe(before)
    await writeFile(join(dir, 'podcast.yaml'), 'title: Show renamed\ncards:\n  logo: logo.png\n')
    const newShow = await hasher()(a)
    expect(newShow).not.toBe(newLogo)
    await writeFile(join(dir, 'a.md'), '**A:** changed')
    expect(await hasher()(a)).not.toBe(newShow)
  })
})
