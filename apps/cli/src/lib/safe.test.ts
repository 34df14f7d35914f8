import {mkdir, mkdtemp, symlink, writeFile} from 'node:fs/promises'
import {homedir, tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {nestingDepth} from './episode.js'
import {describeFsError, refuseLongPaths, refuseOutput, terminalSafe} from './safe.js'
import {slugCollisions, transcriptSlug} from './sources.js'

describe('terminalSafe', () => {
  it('shows escape sequences, C1 controls and bidi overrides instead of sending them', () => {
    expect(terminalSafe('a\u001b]0;PWNED\u0007\u001b[2Jb')).toBe('a\\u{1b}]0;PWNED\\u{7}\\u{1b}[2Jb')
    expect(terminalSafe('x\u009by\u202ez\u2066')).toBe('x\\u{9b}y\\u{202e}z\\u{2066}')
    expect(terminalSafe('line\n\ttab 中文 “ok”')).toBe('line\n\ttab 中文 “ok”')
  })
})

describe('describeFsError', () => {
  it('says what happened and what to do, in one line', () => {
    for (const [code, advice] of [
      ['ENOSPC', /no space left.*free some space/],
      ['EROFS', /read-only; choose another --out/],
      ['EACCES', /permission denied/],
      ['EEXIST', /a file stands where a folder is needed/]
    ] as const) {
      const text = describeFsError(Object.assign(new Error(`${code}: raw\n    at x`), {code}), '/srv/out/ep')
      expect(text).toMatch(advice)
      expect(text).toMatch(/^cannot write \/srv\/out\/ep: /)
      expect(text).not.toMatch(/\n/)
    }
  })
})

describe('refuseOutput', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'castline-paths-'))
  const content = join(dir, 'content')
  await mkdir(join(content, 'episodes/a'), {recursive: true})
  const transcript = join(content, 'episodes/a/transcript.md')
  await writeFile(transcript, 'x')
  await symlink(content, join(dir, 'link'))

  it('accepts a folder of its own beside the content', () => {
    expect(refuseOutput(join(dir, 'out'), content, [transcript])).toBeUndefined()
  })

  it('refuses the root, a home folder, the content folder, inside it, through a link, and an ancestor of an input', () => {
    expect(refuseOutput('/', content, [transcript])).toMatch(/root/)
    expect(refuseOutput(homedir(), content, [transcript])).toMatch(/home folder/)
    expect(refuseOutput(content, content, [transcript])).toMatch(/content folder/)
    expect(refuseOutput(join(content, 'episodes'), content, [transcript])).toMatch(/content folder/)
    expect(refuseOutput(join(dir, 'link/episodes'), content, [transcript])).toMatch(/content folder/)
    expect(refuseOutput(dir, join(dir, 'elsewhere'), [transcript])).toMatch(/holds an input/)
  })
})

describe('slugs', () => {
  it('names transcript.md and index.md after their folder', () => {
    expect(transcriptSlug('/x/Ep 12/transcript.md')).toBe('ep-12')
    expect(transcriptSlug('/x/b/index.MD')).toBe('b')
    expect(transcriptSlug('/x/b/Interview One.md')).toBe('interview-one')
  })

  it('finds inputs that would share a folder, and takes the same file twice as one', () => {
    const at = (slug: string, transcript: string) => ({slug, transcript})
    const {unique, collisions} = slugCollisions([at('ep-1', '/a/Ep 1.md'), at('ep-1', '/a/ep-1.md'), at('b', '/b.md'), at('b', '/b.md')])
    expect(unique.map((s) => s.transcript)).toEqual(['/a/Ep 1.md', '/b.md'])
    expect(collisions).toEqual([[at('ep-1', '/a/Ep 1.md'), at('ep-1', '/a/ep-1.md')]])
  })
})

describe('nestingDepth', () => {
  it('counts quote and list markers and indentation, and no more', () => {
    expect(nestingDepth('**A:** hello\n\n> quoted\n')).toBe(1)
    expect(nestingDepth('>>>> deep')).toBe(4)
    expect(nestingDepth('- a\n  - b\n    - c')).toBe(3)
    expect(nestingDepth(`${'- '.repeat(1000)}x`)).toBe(1000)
    expect(nestingDepth('**Elon Musk:** 1. 不是列表 - dash')).toBe(0)
  })
})

describe('refuseLongPaths', () => {
  it('refuses an --out no file system can hold, before anything is written', () => {
    expect(refuseLongPaths('out', ['ep-1'])).toBeUndefined()
    expect(refuseLongPaths(`/tmp/${'x'.repeat(256)}`, ['ep-1'])).toMatch(/a name of 256 bytes; file systems take at most 255/)
    const deep = `/tmp/${Array.from({length: 21}, () => 'y'.repeat(200)).join('/')}`
    expect(refuseLongPaths(deep, ['ep-1'])).toMatch(/over Linux's 4095/)
  })
})
