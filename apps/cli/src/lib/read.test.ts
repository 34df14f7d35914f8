import {mkdtemp, mkdir, readFile, readdir, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {firstInvalidUtf8, readText} from './read.js'
import {inputsFile} from './inputs.js'
import {recover, writeAtomically} from './write.js'

describe('readText', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'castline-read-'))

  it('reads BOM and CRLF as if they were not there', async () => {
    await writeFile(join(dir, 'a.md'), '\ufeff**A:** one\r\n\r\n**B:** two')
    expect(String((await readText(join(dir, 'a.md'), 'a.md')).value)).toBe('**A:** one\n\n**B:** two')
  })

  it('says where a file stops being UTF-8', async () => {
    await writeFile(join(dir, 'b.md'), Buffer.concat([Buffer.from('第一行\nab'), Buffer.from([0xff, 0x41])]))
    const file = await readText(join(dir, 'b.md'), 'b.md')
    expect(file.messages.map((m) => [m.fatal, m.line, m.column, m.reason])).toEqual([
      [true, 2, 3, 'Not UTF-8: invalid byte 0xff at byte 12']
    ])
  })

  it('says when a path is missing or a directory', async () => {
    await mkdir(join(dir, 'c.md'))
    expect((await readText(join(dir, 'c.md'), 'c.md')).messages[0]?.reason).toBe('Expected a regular file, found a directory: give the path of a file')
    expect((await readText(join(dir, 'nope.md'), 'nope.md')).messages[0]?.reason).toBe('No such file')
  })

  it('finds the first invalid byte of UTF-8', () => {
    expect(firstInvalidUtf8(Buffer.from('中文 ok'))).toBe(-1)
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0x80]))).toBe(1) // overlong
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0) // surrogate
    expect(firstInvalidUtf8(Buffer.from([0xe4, 0xb8]))).toBe(0) // cut short
  })
})

describe('writeAtomically', async () => {
  const out = await mkdtemp(join(tmpdir(), 'castline-out-'))

  it('replaces an episode folder whole and leaves no temporary folder', async () => {
    await writeAtomically(out, 'ep', new Map([['a.txt', 'old'], ['b.txt', 'old'], [inputsFile, 'x']]))
    await writeAtomically(out, 'ep', new Map([['a.txt', 'new'], ['sub/c.txt', 'new'], [inputsFile, 'y']]))
    expect((await readdir(join(out, 'ep'))).sort()).toEqual([inputsFile, 'a.txt', 'sub'])
    expect(await readFile(join(out, 'ep', 'a.txt'), 'utf8')).toBe('new')
    expect(await readdir(out)).toEqual(['ep'])
  })

  it('refuses to replace a folder it did not make, or a file', async () => {
    await mkdir(join(out, 'mine'))
    await writeFile(join(out, 'mine', 'notes.txt'), 'keep me')
    await expect(writeAtomically(out, 'mine', new Map([['a.txt', 'x']]))).rejects.toThrow(/was not made by publish-episode/)
    expect(await readFile(join(out, 'mine', 'notes.txt'), 'utf8')).toBe('keep me')
    await writeFile(join(out, 'afile'), 'keep me too')
    await expect(writeAtomically(out, 'afile', new Map([['a.txt', 'x']]))).rejects.toThrow(/is a file/)
    await rm(join(out, 'mine'), {recursive: true})
    await rm(join(out, 'afile'))
  })

  it('keeps the last good outputs when writing fails', async () => {
    await writeAtomically(out, 'keep', new Map([['a.txt', 'good'], [inputsFile, 'x']]))
    // A file name that cannot be created: a path through an existing file.
    await expect(writeAtomically(out, 'keep', new Map([['a.txt', 'bad'], ['a.txt/x', 'bad']]))).rejects.toThrow(/ENOTDIR|EEXIST/)
    expect(await readFile(join(out, 'keep', 'a.txt'), 'utf8')).toBe('good')
    expect((await readdir(out)).filter((name) => name.startsWith('.'))).toEqual([])
  })
})

describe('recover', async () => {
  const out = await mkdtemp(join(tmpdir(), 'castline-recover-'))

  it('puts back an episode moved aside by a run killed between its two renames', async () => {
    await mkdir(join(out, '.ep.tmp-abc.old'), {recursive: true})
    await writeFile(join(out, '.ep.tmp-abc.old', 'a.txt'), 'old')
    await mkdir(join(out, '.ep.tmp-abc'), {recursive: true})
    await writeAtomically(out, 'other', new Map([['x', 'y']]))
    expect((await readdir(out)).sort()).toEqual(['.ep.tmp-abc', '.ep.tmp-abc.old', 'other'])
    await recover(out, 'ep')
    expect((await readdir(out)).sort()).toEqual(['ep', 'other'])
    expect(await readFile(join(out, 'ep', 'a.txt'), 'utf8')).toBe('old')
  })
})
