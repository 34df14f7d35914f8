import {rmSync} from 'node:fs'
import {mkdir, open, readFile, rm, stat} from 'node:fs/promises'
import {join} from 'node:path'

export interface Lock {
  release(): Promise<void>
  /** For a process about to exit at once (a second Ctrl-C): no later tick to await. */
  releaseSync(): void
  /** Said when a stale lock was taken over. */
  note?: string
}

/** How long a lock may stay empty before it counts as left by a dead run. */
export const emptyLockSeconds = 5

/** Why the lock could not be taken. */
export class LockedError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Takes `out/.castline.lock`, so that two runs never write the same output
 * folder at once. The file is created exclusively; a lock left by a process
 * that no longer runs is taken over.
 */
export async function lockOutput(out: string): Promise<Lock> {
  await mkdir(out, {recursive: true})
  const path = join(out, '.castline.lock')
  let stale: string | undefined
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx')
      await handle.writeFile(`${JSON.stringify({pid: process.pid, started: new Date().toISOString()})}\n`)
      await handle.close()
      let released = false
      return {
        ...(stale ? {note: stale} : {}),
        async release() {
          if (released) return
          released = true
          await rm(path, {force: true})
        },
        releaseSync() {
          if (released) return
          released = true
          rmSync(path, {force: true})
        }
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      let holder: {pid?: number; started?: string} | undefined
      try {
        const parsed = JSON.parse(await readFile(path, 'utf8')) as unknown
        if (parsed && typeof parsed === 'object' && Number.isInteger((parsed as {pid?: unknown}).pid)) holder = parsed as typeof holder
      } catch {
        // empty, cut short or unreadable: below
      }
      if (holder?.pid && !alive(holder.pid)) {
        await rm(path, {force: true})
        stale = `Took over ${path}, left by process ${holder.pid}, which no longer runs`
        continue
      }
      if (!holder) {
        // A lock is written in one small write right after it is made, so one
        // that still says nothing after a few seconds was left by a run that
        // died while taking it (a full disk leaves exactly that).
        const age = await stat(path).then((info) => Date.now() - info.mtimeMs, () => 0)
        if (age > emptyLockSeconds * 1000) {
          await rm(path, {force: true})
          stale = `Took over ${path}: it was empty or unreadable for ${Math.round(age / 1000)} s, so the run that made it cannot be alive`
          continue
        }
        throw new LockedError(`${path} is being taken by another publish-episode; wait for it to finish`)
      }
      throw new LockedError(
        `${path} is held by another publish-episode (process ${holder.pid}${holder.started ? `, since ${holder.started}` : ''}); wait for it to finish`
      )
    }
  }
  throw new LockedError(`Cannot take ${path}`)
}
