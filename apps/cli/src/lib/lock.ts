import {mkdir, open, readFile, rm} from 'node:fs/promises'
import {join} from 'node:path'

export interface Lock {
  release(): Promise<void>
}

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
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx')
      await handle.writeFile(`${JSON.stringify({pid: process.pid, started: new Date().toISOString()})}\n`)
      await handle.close()
      let released = false
      return {
        async release() {
          if (released) return
          released = true
          await rm(path, {force: true})
        }
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      let holder: {pid?: number; started?: string} = {}
      try {
        holder = JSON.parse(await readFile(path, 'utf8'))
      } catch {
        // a lock being written this instant: treat as held
      }
      if (holder.pid && !alive(holder.pid)) {
        await rm(path, {force: true})
        continue
      }
      throw new LockedError(
        `${path} is held by another publish-episode (process ${holder.pid ?? 'unknown'}${holder.started ? `, since ${holder.started}` : ''}); wait for it to finish`
      )
    }
  }
  throw new LockedError(`Cannot take ${path}`)
}
