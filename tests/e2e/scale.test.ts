import {spawn} from 'node:child_process'
import {cp, mkdir, readFile, readdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {binPath, producerEnv, project, publish, tree} from './helpers.js'

const bundled = 'content/episodes/moonshots-elon-musk'

/** A project with `count` episodes, each a copy of the bundled one with its own guid. */
async function catalogue(count: number): Promise<string> {
  const dir = await project()
  for (let i = 2; i <= count; i++) {
    const folder = join(dir, `content/episodes/episode-${i}`)
    await cp(join(dir, bundled), folder, {recursive: true})
    const yaml = await readFile(join(folder, 'episode.yaml'), 'utf8')
    await writeFile(join(folder, 'episode.yaml'), yaml.replace(/^guid: .*$/m, `guid: episode-${i}`).replace(/^number: 1$/m, `number: ${i}`))
  }
  return dir
}

describe('incremental runs', () => {
  it('does nothing when nothing changed, and rebuilds only what did', async () => {
    const dir = await catalogue(2)
    expect((await publish(dir)).code).toBe(0)
    const first = await tree(join(dir, 'out'))

    const again = await publish(dir)
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('Nothing changed: 2 episode(s) up to date.')
    expect(await tree(join(dir, 'out'))).toEqual(first)

    const transcript = join(dir, 'content/episodes/episode-2/transcript.md')
    await writeFile(transcript, `${await readFile(transcript, 'utf8')}\n**Elon Musk:** 最后一句话。\n`)
    const changed = await publish(dir)
    expect(changed.code).toBe(0)
    expect(changed.stdout).toMatch(/1 episode\(s\) unchanged; building 1/)
    const after = await tree(join(dir, 'out'))
    const differs = [...after.keys()].filter((name) => after.get(name) !== first.get(name)).map((name) => name.split('/')[0])
    // Only that episode, and the feed, rebuilt (the feed's bytes change only if what it shows did).
    expect(differs).toContain('episode-2')
    expect(differs.every((name) => name === 'episode-2' || name === 'feed.xml' || name === '.feed.sha256')).toBe(true)
    expect(changed.stdout).toContain('✔ feed.xml: 2 episodes')
    expect(changed.stdout.match(/^✔ /gm)).toHaveLength(2)

    const forced = await publish(dir, ['--force'])
    expect(forced.stdout.match(/^✔ /gm)).toHaveLength(3)
  })

  it('writes one JSON line per episode in CI, with timings per stage and warnings', async () => {
    const dir = await project()
    const run = await publish(dir, [], {CI: 'true'})
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line))
    expect(lines[0]).toMatchObject({slug: 'moonshots-elon-musk', status: 'published'})
    expect(Object.keys(lines[0].timings)).toEqual(expect.arrayContaining(['read', 'parse', 'redact', 'summarize', 'render', 'cards', 'total']))
    expect(lines[0].warnings.join('\n')).toMatch(/no-audio/)
    expect(lines[1]).toEqual({feed: 'feed.xml', status: 'written', episodes: 1})
    expect(lines[2].summary).toMatchObject({published: 1, unchanged: 0, failed: 0, seconds: expect.any(Number), cpuSeconds: expect.any(Number)})
    expect(lines[2].summary.peakMemoryMb).toBeGreaterThan(0)
  })
})

describe('building several episodes at once', () => {
  it('builds the same bytes interleaved in this thread, in worker threads, and one at a time', async () => {
    const dir = await catalogue(3)
    const interleaved = await publish(dir, ['--jobs', '2', '--out', 'interleaved'])
    const pooled = await publish(dir, ['--jobs', '2', '--workers', '2', '--out', 'pooled'])
    const serial = await publish(dir, ['--jobs', '1', '--out', 'serial'])
    expect([interleaved.code, pooled.code, serial.code]).toEqual([0, 0, 0])
    expect(pooled.stdout.match(/^✔ /gm)).toHaveLength(4)
    expect(serial.stdout).toMatch(/^3 published, 0 unchanged, 0 failed in \d+:\d\d · [\d.]+ cores busy · peak memory \d+ MB$/m)
    const expected = await tree(join(dir, 'serial'))
    expect(await tree(join(dir, 'interleaved'))).toEqual(expected)
    expect(await tree(join(dir, 'pooled'))).toEqual(expected)
  })
})

describe('the lock', () => {
  it('refuses a second run on the same out/, and takes over a lock left by a dead process', async () => {
    const dir = await project()
    await mkdir(join(dir, 'out'), {recursive: true})
    await writeFile(join(dir, 'out/.castline.lock'), JSON.stringify({pid: process.pid, started: '2026-01-01T00:00:00Z'}))
    const refused = await publish(dir)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/held by another publish-episode \(process \d+, since 2026-01-01T00:00:00Z\)/)
    expect(await readdir(join(dir, 'out'))).toEqual(['.castline.lock'])

    // No process has this id for long: the lock is stale.
    await writeFile(join(dir, 'out/.castline.lock'), JSON.stringify({pid: 2 ** 22 + 12345}))
    const taken = await publish(dir)
    expect(taken.code).toBe(0)
    expect((await readdir(join(dir, 'out'))).sort()).toEqual(['.feed.sha256', 'feed.xml', 'index.html', 'moonshots-elon-musk', 'robots.txt', 'sitemap.xml'])
  })
})

describe('check mode', () => {
  it('validates without writing, failing on errors, and on warnings with --strict', async () => {
    const dir = await catalogue(2)
    const clean = await publish(dir, ['--check'])
    expect(clean.code).toBe(0)
    expect(clean.stdout).toContain('✔ moonshots-elon-musk: checked')
    await expect(readdir(join(dir, 'out'))).rejects.toThrow()

    // A label nobody in episode.yaml has: a warning.
    const transcript = join(dir, 'content/episodes/episode-2/transcript.md')
    await writeFile(transcript, `${await readFile(transcript, 'utf8')}\n**Jane Roe:** hello.\n`)
    expect((await publish(dir, ['--check'])).code).toBe(0)
    const strict = await publish(dir, ['--check', '--strict'])
    expect(strict.code).toBe(1)
    expect(strict.stdout).toContain('✖ episode-2: has problems')
    expect(strict.stderr).toMatch(/Unknown speaker `Jane Roe`/)

    await writeFile(transcript, 'no speakers here\n')
    const broken = await publish(dir, ['--check'])
    expect(broken.code).toBe(1)
    expect(broken.stderr).toMatch(/No speaker label found/)
    await expect(readdir(join(dir, 'out'))).rejects.toThrow()
  })

  it('refuses --strict without --check, and a bad --jobs', async () => {
    const dir = await project()
    expect((await publish(dir, ['--strict'])).code).toBe(2)
    expect((await publish(dir, ['--jobs', '0'])).code).toBe(2)
    expect((await publish(dir, ['--workers', 'two'])).code).toBe(2)
  })
})

describe('an interrupted run', () => {
  it('leaves every episode either fully old or fully new', async () => {
    const dir = await catalogue(4)
    expect((await publish(dir)).code).toBe(0)
    const slugs = ['episode-2', 'episode-3', 'episode-4', 'moonshots-elon-musk']
    const old = new Map<string, Map<string, string>>()
    for (const slug of slugs) old.set(slug, await tree(join(dir, 'out', slug)))
    for (const slug of slugs) {
      const path = join(dir, slug === 'moonshots-elon-musk' ? bundled : `content/episodes/${slug}`, 'transcript.md')
      await writeFile(path, `${await readFile(path, 'utf8')}\n**Elon Musk:** 新的一句。\n`)
    }
    const child = spawn(process.execPath, [binPath, '--jobs', '1'], {cwd: dir, env: producerEnv(dir)})
    let stdout = ''
    // Interrupt as soon as the first episode is in place: a fixed delay raced the build on slow machines.
    const first = new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk) => {
        stdout += chunk
        if (/✔ /.test(stdout)) resolve()
      })
    })
    await first
    child.kill('SIGINT')
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(code).toBe(130)

    let fresh = 0
    for (const slug of slugs) {
      const now = await tree(join(dir, 'out', slug))
      if (JSON.stringify([...now]) === JSON.stringify([...old.get(slug)!])) continue
      // Not the old folder: then the whole new one, with the new line in it.
      fresh++
      expect([...now.keys()].sort()).toEqual([...old.get(slug)!.keys()].sort())
      expect(await readFile(join(dir, 'out', slug, 'transcript.md'), 'utf8')).toContain('新的一句')
    }
    expect(fresh).toBeGreaterThanOrEqual(1)
    expect(fresh).toBeLessThan(slugs.length)
    // No temporary folder is left; the feed's record is gone or stale, so the next run rebuilds the feed.
    expect((await readdir(join(dir, 'out'))).filter((name) => name.startsWith('.') && name !== '.feed.sha256')).toEqual([])
    expect(stdout).toMatch(/✔ /)
  })

  it('releases the lock on a second Ctrl-C, and the next run clears what a killed run left, saying so', async () => {
    const dir = await catalogue(2)
    const child = spawn(process.execPath, [binPath, '--jobs', '1'], {cwd: dir, env: producerEnv(dir)})
    let stdout = ''
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk) => {
        stdout += chunk
        if (/✔ /.test(stdout)) resolve()
      })
    })
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve))
    child.kill('SIGINT')
    await new Promise((resolve) => setTimeout(resolve, 300))
    child.kill('SIGINT')
    expect(await closed).toBe(130)
    expect(await readdir(join(dir, 'out'))).not.toContain('.castline.lock')

    // What a SIGKILL mid-write leaves: an episode's temporary folder, the feed's temporary file.
    await mkdir(join(dir, 'out/.episode-2.tmp-Ab12Cd'))
    await writeFile(join(dir, 'out/.episode-2.tmp-Ab12Cd/transcript.md'), 'half')
    await writeFile(join(dir, 'out/feed.xml.tmp-4242'), '<rss')
    await writeFile(join(dir, 'out/notes.tmp-1'), 'a file of the user’s')
    const run = await publish(dir)
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/removed what a stopped run left in .*out: \.episode-2\.tmp-Ab12Cd, feed\.xml\.tmp-4242/)
    const left = await readdir(join(dir, 'out'))
    expect(left.filter((name) => name.includes('.tmp-'))).toEqual(['notes.tmp-1'])
  }, 300_000)
})
