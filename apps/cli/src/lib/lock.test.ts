import {mkdtemp, readFile, utimes, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {LockedError, emptyLockSeconds, lockOutput} from './lock.js'

describe('lockOutput', () => {
  it('refuses a second holder while the first runs, naming its process', async () => {
    const out = await mkdtemp(join(tmpdir(), 'castline-lock-'))
    const lock = await lockOutput(out)
    await expect(lockOutput(out)).rejects.toThrow(new RegExp(`process ${process.pid}`))
    await lock.release()
    await (await lockOutput(out)).release()
  })

  it('takes over a lock left empty or garbled by a run that died, and says so', async () => {
    for (const left of ['', '{"pid":', 'garbage']) {
      const out = await mkdtemp(join(tmpdir(), 'castline-lock-'))
      const path = join(out, '.castline.lock')
      await writeFile(path, left)
      // Fresh: it may be being written this instant.
      await expect(lockOutput(out)).rejects.toBeInstanceOf(LockedError)
      const old = new Date(Date.now() - (emptyLockSeconds + 5) * 1000)
      await utimes(path, old, old)
      const lock = await lockOutput(out)
      expect(lock.note).toMatch(/empty or unreadable/)
      expect(JSON.parse(await readFile(path, 'utf8')).pid).toBe(process.pid)
      await lock.release()
    }
  })

  it('takes over a lock whose process no longer runs', async () => {
    const out = await mkdtemp(join(tmpdir(), 'castline-lock-'))
    await writeFile(join(out, '.castline.lock'), JSON.stringify({pid: 2 ** 22 + 12345}))
    const lock = await lockOutput(out)
    expect(lock.note).toMatch(/no longer runs/)
    await lock.release()
  })
})
