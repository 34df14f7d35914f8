import {execFileSync} from 'node:child_process'
import {chmod, mkdir, readFile, readdir, rm, stat, symlink, truncate, utimes, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {project, publish, tree} from './helpers.js'

// Faults a producer, a full disk or a hostile file brings: each run must end
// with exit 0 or 1, a message naming the file, no raw stack, and nothing lost.

const episodeDir = 'content/episodes/moonshots-elon-musk'
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n|RangeError|TypeError: /)

/** A second episode beside the bundled one, from a real English transcript's opening. */
async function addEpisode(dir: string, slug: string, transcript: string, guid = slug) {
  const folder = join(dir, 'content/episodes', slug)
  await mkdir(folder, {recursive: true})
  await writeFile(join(folder, 'transcript.md'), transcript)
  await writeFile(join(folder, 'episode.yaml'), `title: ${slug}\nguid: ${guid}\npublished: 2026-01-05\npeople:\n  - {id: ana, name: Ana, role: host}\n  - {id: ben, name: Ben, role: guest}\n`)
}

const talk = Array.from({length: 12}, (_, i) =>
  i % 2 ? `**Ben:** The reason we moved the build to a single binary is that deploys got simpler. Number ${i} matters to us.` : `**Ana:** What happened next, part ${i}?`
).join('\n\n')

describe('paths: outputs never replace sources', () => {
  it('refuses --out inside the content folder, and writes nothing', async () => {
    const dir = await project()
    const before = await tree(join(dir, 'content'))
    const run = await publish(dir, ['--out', 'content/episodes'])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/--out .*content\/episodes is the content folder .*content or inside it; outputs would replace your sources/)
    expect(await tree(join(dir, 'content'))).toEqual(before)
  })

  it('refuses the root, a home folder and a folder that holds an input', async () => {
    const dir = await project()
    expect((await publish(dir, ['--out', '/'])).stderr).toMatch(/root of the file system/)
    expect((await publish(dir, ['--out', process.env.HOME ?? '/root'])).stderr).toMatch(/home folder|holds an input|content folder/)
    const bare = await publish(dir, [join(episodeDir, 'transcript.md'), '--out', 'content/..'])
    expect(bare.code).toBe(1)
    expect(bare.stderr).toMatch(/holds an input|content folder/)
  })

  it('never replaces a folder it did not make', async () => {
    const dir = await project()
    await mkdir(join(dir, 'out/moonshots-elon-musk'), {recursive: true})
    await writeFile(join(dir, 'out/moonshots-elon-musk/notes.txt'), 'mine')
    const run = await publish(dir)
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/was not made by publish-episode/)
    expect(await readFile(join(dir, 'out/moonshots-elon-musk/notes.txt'), 'utf8')).toBe('mine')
  })

  it('never replaces a home page, sitemap or robots.txt it did not write, and replaces its own', async () => {
    const dir = await project()
    await mkdir(join(dir, 'out'), {recursive: true})
    await writeFile(join(dir, 'out/index.html'), '<!doctype html><title>My website</title>')
    await writeFile(join(dir, 'out/robots.txt'), 'User-agent: *\nDisallow: /private/\n')
    const run = await publish(dir)
    expect(run.code).toBe(0)
    expect(await readFile(join(dir, 'out/index.html'), 'utf8')).toBe('<!doctype html><title>My website</title>')
    expect(await readFile(join(dir, 'out/robots.txt'), 'utf8')).toBe('User-agent: *\nDisallow: /private/\n')
    expect(run.stderr).toMatch(/out\/index\.html` was not written by Castline: left as it is.*foreign-file/s)
    expect(run.stderr).toMatch(/out\/robots\.txt` was not written by Castline: left as it is, so the show has no robots\.txt/)
    expect(run.stdout).toMatch(/✔ feed\.xml: 1 episode in .*; the show's sitemap\.xml beside it/)
    await rm(join(dir, 'out/robots.txt'))
    // Once it is moved away, the show's page takes its place and is kept up to date.
    await rm(join(dir, 'out/index.html'))
    const again = await publish(dir, ['--force'])
    expect(again.stdout).toMatch(/the show's index\.html, sitemap\.xml, robots\.txt beside it/)
    expect(await readFile(join(dir, 'out/index.html'), 'utf8')).toContain('<meta name="generator" content="Castline">')
    expect((await publish(dir, ['--force'])).stderr).not.toMatch(/foreign-file/)
  })
})

describe('slugs', () => {
  it('names a transcript.md after its folder, and refuses two inputs with one slug before writing', async () => {
    const dir = await project()
    for (const name of ['a', 'b']) {
      await mkdir(join(dir, name), {recursive: true})
      await writeFile(join(dir, name, 'transcript.md'), talk)
    }
    await writeFile(join(dir, 'Ep 1.md'), talk)
    await writeFile(join(dir, 'ep-1.md'), talk)
    const clash = await publish(dir, ['a/transcript.md', 'Ep 1.md', 'ep-1.md'])
    expect(clash.code).toBe(1)
    expect(clash.stderr).toMatch(/ep-1\.md[\s\S]*Publishes to `ep-1\/`, as `Ep 1\.md` does/)
    expect(await stat(join(dir, 'out')).catch(() => undefined)).toBeUndefined()
    const ok = await publish(dir, ['a/transcript.md', 'b/transcript.md'])
    expect(ok.code).toBe(0)
    expect((await readdir(join(dir, 'out'))).filter((n) => !n.startsWith('.')).sort()).toEqual(['a', 'b'])
  })
})

describe('isolation and limits', () => {
  it('fails a deep, a huge and a long transcript alone; the rest and the feed are published', async () => {
    const dir = await project()
    await addEpisode(dir, 'quotes', `**Ana:** hi\n\n${'>'.repeat(10_000)} x\n`)
    await addEpisode(dir, 'lists', `**Ana:** hi\n\n${'- '.repeat(1000)}x\n`)
    await addEpisode(dir, 'huge', `${talk}\n\n`.repeat(400))
    await addEpisode(dir, 'good', talk)
    const run = await publish(dir, ['--max-bytes', '200000', '--timeout', '60'])
    noStack(run.stdout + run.stderr)
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/✖ quotes: .*transcript\.md:3:1: Block quotes or lists nest 10000 deep/)
    expect(run.stdout).toMatch(/✖ lists: .*nest 1000 deep/)
    expect(run.stdout).toMatch(/✖ huge: .*transcript\.md:1:1: The transcript is 3\d\d KB, over the limit of 195 KB/)
    expect(run.stdout).toMatch(/✔ good:/)
    expect(run.stdout).toMatch(/✔ moonshots-elon-musk:/)
    expect(run.stdout).toMatch(/✔ feed\.xml: 2 episodes/)
  })

  it('answers a hostile marker pattern in linear time, and rejects lookaround with its line', async () => {
    const dir = await project()
    const podcast = join(dir, 'content/podcast.yaml')
    const yaml = await readFile(podcast, 'utf8')
    await writeFile(podcast, yaml.replace('urls: [blitzy.com]', "urls: [blitzy.com]\n    markers: ['(a+)+$']"))
    const transcript = join(dir, episodeDir, 'transcript.md')
    await writeFile(transcript, (await readFile(transcript, 'utf8')).replace('**[广告时间：Blitzi]**', `**[${'a'.repeat(40_000)}!]**`))
    const started = Date.now()
    const run = await publish(dir, ['--timeout', '60'])
    expect(Date.now() - started).toBeLessThan(50_000)
    noStack(run.stderr)
    expect([0, 1]).toContain(run.code)

    await writeFile(podcast, yaml.replace('urls: [blitzy.com]', "urls: [blitzy.com]\n    markers: ['(?=x)y']"))
    const bad = await publish(dir)
    expect(bad.code).toBe(1)
    expect(bad.stdout).toMatch(/podcast\.yaml:\d+:\d+: `sponsors\[1\]\.markers\[0\]`: expected a regular expression in RE2 syntax/)
  }, 300_000)
})

describe('the feed and the lock tell the truth', () => {
  it('keeps failing on a duplicate guid until it is fixed, and rebuilds a feed an interrupted run left behind', async () => {
    const dir = await project()
    await addEpisode(dir, 'twin', talk, 'moonshots-elon-musk-2025-12')
    const first = await publish(dir)
    expect(first.code).toBe(1)
    expect(first.stdout).toMatch(/✖ feed\.xml/)
    const second = await publish(dir)
    expect(second.code).toBe(1)
    expect(second.stdout).not.toMatch(/Nothing changed/)
    await addEpisode(dir, 'twin', talk, 'twin-guid')
    expect((await publish(dir)).code).toBe(0)
    // What an interrupted run leaves: episodes newer than the feed built from them.
    await writeFile(join(dir, 'out/.feed.sha256'), 'stale\n')
    const again = await publish(dir)
    expect(again.stdout).toMatch(/✔ feed\.xml: 2 episodes/)
  }, 300_000)

  it('takes over a lock left empty by a run that died, and says so', async () => {
    const dir = await project()
    await mkdir(join(dir, 'out'), {recursive: true})
    const lock = join(dir, 'out/.castline.lock')
    await writeFile(lock, '')
    const old = new Date(Date.now() - 60_000)
    await utimes(lock, old, old)
    const run = await publish(dir)
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/Took over .*\.castline\.lock: it was empty or unreadable/)
  })
})

describe('injection', () => {
  it('prints no control character from the input to the terminal', async () => {
    const dir = await project()
    const transcript = join(dir, episodeDir, 'transcript.md')
    await writeFile(transcript, (await readFile(transcript, 'utf8')).replace('**[广告时间：Blitzi]**', '**[广告时间：Blitzi \u001b]0;PWNED\u0007\u001b[2J \u202e]**'))
    for (const extra of [[], ['--json']]) {
      const run = await publish(dir, ['--force', ...extra])
      expect(run.code).toBe(0)
      // eslint-disable-next-line no-control-regex
      expect(run.stdout + run.stderr).not.toMatch(/[\u0007\u001b\u202e]/)
      expect(run.stderr + run.stdout).toMatch(/\\u\{1b\}\]0;PWNED/)
    }
  })

  it('refuses a javascript: URL in YAML with its line, and drops one from the transcript with a warning', async () => {
    const dir = await project()
    const episode = join(dir, episodeDir, 'episode.yaml')
    const yaml = await readFile(episode, 'utf8')
    await writeFile(episode, yaml.replace('href: https://www.diamandis.com', 'href: "javascript:alert(1)"'))
    const bad = await publish(dir)
    expect(bad.code).toBe(1)
    expect(bad.stdout).toMatch(/episode\.yaml:\d+:\d+: `people\[0\]\.href`: expected an http:\/\/ or https:\/\/ URL/)
    await writeFile(episode, yaml)
    const transcript = join(dir, episodeDir, 'transcript.md')
    await writeFile(transcript, `${await readFile(transcript, 'utf8')}\n**Elon Musk:** See [this](javascript:alert(1)) and [that](https://x.ai).\n`)
    const run = await publish(dir)
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/is not an http\(s\) or mailto link/)
    const notes = await readFile(join(dir, 'out/moonshots-elon-musk/show-notes.md'), 'utf8')
    expect(notes).not.toMatch(/javascript:/)
    expect(notes).toMatch(/https:\/\/x\.ai/)
  })
})

describe('--check finds what publish would refuse', () => {
  const cases: Array<[string, (dir: string) => Promise<void>, RegExp]> = [
    [
      'a YAML alias bomb',
      async (dir) => {
        const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefghij'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghij'[i]}`).join(', ')}]`)]
        await writeFile(join(dir, episodeDir, 'episode.yaml'), `${bomb.join('\n')}\ntitle: x\n`)
      },
      /episode\.yaml\n1:1 +error +YAML cannot be read: Excessive alias count/
    ],
    [
      'a baseUrl with markup in it',
      async (dir) => {
        const path = join(dir, 'content/podcast.yaml')
        await writeFile(path, (await readFile(path, 'utf8')).replace('baseUrl: https://www.example.com/moonshots/episodes', 'baseUrl: "https://example.com/<x>"'))
      },
      /podcast\.yaml\n\d+:\d+ +error +`baseUrl`: expected a URL without spaces/
    ],
    ['a duplicate guid', (dir) => addEpisode(dir, 'twin', talk, 'moonshots-elon-musk-2025-12'), /✖ feed\.xml: .*guid/i]
  ]
  for (const [name, change, error] of cases) {
    it(`on ${name}`, async () => {
      const dir = await project()
      await change(dir)
      const run = await publish(dir, ['--check'])
      expect(run.code).toBe(1)
      expect(run.stdout + run.stderr).toMatch(error)
      noStack(run.stderr)
      expect(await stat(join(dir, 'out')).catch(() => undefined)).toBeUndefined()
    })
  }
})

describe('file-system faults are one line', () => {
  it('names an --out that is a file, with what to do', async () => {
    const dir = await project()
    await writeFile(join(dir, 'out'), 'not a folder')
    const run = await publish(dir)
    expect(run.code).toBe(1)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(/cannot write .*out.*: a file stands where a folder is needed; move it away or choose another --out/)
  })

  it('names an output folder that cannot be written', async () => {
    if (process.getuid?.() === 0) {
      // root writes anywhere: a read-only bind is not to be had here, so a file in the way stands in.
      const dir = await project()
      await mkdir(join(dir, 'out'), {recursive: true})
      await writeFile(join(dir, 'out/.moonshots-elon-musk.tmp-x'), '')
      await chmod(join(dir, 'out'), 0o555)
      expect((await publish(dir)).code).toBe(0)
      return
    }
    const dir = await project()
    await mkdir(join(dir, 'out'), {recursive: true})
    await chmod(join(dir, 'out'), 0o555)
    const run = await publish(dir)
    expect(run.code).toBe(1)
    expect(run.stderr + run.stdout).toMatch(/permission denied/)
    await rm(join(dir, 'out'), {recursive: true, force: true})
  })
})

describe('inputs that are not regular files are refused before reading', () => {
  // Each would block or read without end: the run must finish in seconds, naming the file.
  const bounded = 60_000

  it('a FIFO, a directory or a device as the transcript', async () => {
    const dir = await project()
    const folder = join(dir, 'content/episodes')
    await mkdir(join(folder, 'fifo'), {recursive: true})
    execFileSync('mkfifo', [join(folder, 'fifo/transcript.md')])
    await mkdir(join(folder, 'folder/transcript.md'), {recursive: true})
    await mkdir(join(folder, 'device'), {recursive: true})
    await symlink('/dev/zero', join(folder, 'device/transcript.md'))
    const started = Date.now()
    const run = await publish(dir, ['content/episodes/fifo', 'content/episodes/folder', 'content/episodes/device'])
    expect(Date.now() - started).toBeLessThan(bounded)
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/fifo\/transcript\.md:1:1: Expected a regular file, found a FIFO/)
    expect(run.stdout).toMatch(/folder\/transcript\.md:1:1: Expected a regular file, found a directory/)
    expect(run.stdout).toMatch(/device\/transcript\.md:1:1: Expected a regular file, found a device/)
    noStack(run.stdout + run.stderr)
  }, 300_000)

  it('a FIFO as episode.yaml, a huge timed file, and a device as the logo', async () => {
    const dir = await project()
    const folder = join(dir, 'content/episodes')
    await addEpisode(dir, 'pipe', talk)
    await rm(join(folder, 'pipe/episode.yaml'))
    execFileSync('mkfifo', [join(folder, 'pipe/episode.yaml')])
    await addEpisode(dir, 'huge', talk)
    await writeFile(join(folder, 'huge/transcript.json'), '')
    await truncate(join(folder, 'huge/transcript.json'), 80 * 1024 * 1024)
    const podcast = await readFile(join(dir, 'content/podcast.yaml'), 'utf8')
    await writeFile(join(dir, 'content/podcast.yaml'), podcast.replace(/^cards:.*$/m, 'cards:\n  logo: /dev/zero'))
    const started = Date.now()
    const run = await publish(dir, ['content/episodes/pipe', 'content/episodes/huge', episodeDir])
    expect(Date.now() - started).toBeLessThan(bounded)
    expect(run.stdout).toMatch(/pipe\/episode\.yaml:1:1: Expected a regular file, found a FIFO/)
    expect(run.stdout).toMatch(/huge\/transcript\.json:1:1: The file is 80\.0 MB, over the limit of 64\.0 MB/)
    expect(run.stdout + run.stderr).toMatch(/Logo `[^`]*dev\/zero` cannot be used \(Expected a regular file, found a device/)
    expect(run.stdout).toMatch(/✔ moonshots-elon-musk/)
    noStack(run.stdout + run.stderr)
  }, 300_000)
})

describe('what a folder or a line holds', () => {
  it('publishes a folder with only a transcript, as the bare transcript does', async () => {
    const dir = await project()
    await addEpisode(dir, 'bare', talk)
    await rm(join(dir, 'content/episodes/bare/episode.yaml'))
    const run = await publish(dir, ['content/episodes/bare'])
    expect(run.code).toBe(0)
    expect(run.stdout).not.toMatch(/No such file/)
    expect(JSON.parse(await readFile(join(dir, 'out/bare/episode.json'), 'utf8')).turns.length).toBe(12)
  }, 300_000)

  it('links only what the transcript writes as a link, not a word that looks like a domain', async () => {
    const dir = await project()
    await addEpisode(dir, 'links', `${talk}\n\n**Ben:** I was founder and CEO at Stealth.ai startup. The code is at https://example.com/code and [the docs](https://example.com/docs).`)
    expect((await publish(dir, ['content/episodes/links'])).code).toBe(0)
    const links = JSON.parse(await readFile(join(dir, 'out/links/episode.json'), 'utf8')).links as string[]
    expect(links).toEqual(['https://example.com/code', 'https://example.com/docs'])
    expect(await readFile(join(dir, 'out/links/show-notes.md'), 'utf8')).not.toMatch(/stealth\.ai\]|\(https:\/\/Stealth/i)
  }, 300_000)

  it('follows a linked episode folder in content/episodes', async () => {
    const dir = await project()
    const elsewhere = await project()
    await addEpisode(elsewhere, 'linked', talk)
    await symlink(join(elsewhere, 'content/episodes/linked'), join(dir, 'content/episodes/linked'))
    const run = await publish(dir)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/✔ linked/)
  }, 300_000)
})

describe('--check passes only paths publish can write', () => {
  it('publishes a 245-byte folder name and one NFKC makes long, under a slug capped in bytes', async () => {
    const dir = await project()
    // Legal on ext4; `.<slug>.tmp-XXXXXX` beside it was not.
    const names = ['a'.repeat(245), '\uFDFA'.repeat(80)]
    for (const name of names) await addEpisode(dir, name, talk, `guid-${names.indexOf(name)}`)
    const paths = names.map((name) => `content/episodes/${name}`)
    const check = await publish(dir, ['--check', ...paths])
    expect(check.code, check.stdout + check.stderr).toBe(0)
    const run = await publish(dir, paths)
    expect(run.code, run.stdout + run.stderr).toBe(0)
    const slugs = (await readdir(join(dir, 'out'), {withFileTypes: true})).filter((entry) => entry.isDirectory()).map((entry) => entry.name)
    expect(slugs).toHaveLength(2)
    for (const slug of slugs) expect(Buffer.byteLength(slug)).toBeLessThanOrEqual(100)
  }, 300_000)

  it('fails on an output folder it did not make, and on --out inside the content folder, as publish does', async () => {
    const dir = await project()
    await addEpisode(dir, 'small', talk)
    await mkdir(join(dir, 'out/small'), {recursive: true})
    await writeFile(join(dir, 'out/small/notes.txt'), 'mine')
    const check = await publish(dir, ['--check', 'content/episodes/small'])
    expect(check.code).toBe(1)
    expect(check.stdout + check.stderr).toMatch(/out\/small was not made by publish-episode/)
    const run = await publish(dir, ['content/episodes/small'])
    expect(run.code).toBe(1)
    expect(await readFile(join(dir, 'out/small/notes.txt'), 'utf8')).toBe('mine')
    const inside = await publish(dir, ['--check', '--out', 'content/site', 'content/episodes/small'])
    expect(inside.code).toBe(1)
    expect(inside.stderr).toMatch(/is the content folder .* or inside it/)
  }, 300_000)
})
