import {chmod, mkdir, mkdtemp, readdir, rename, rm, stat, writeFile} from 'node:fs/promises'
import {dirname, join} from 'node:path'
import {inputsFile} from './inputs.js'

/**
 * Writes an episode's outputs into a temporary folder beside the target and
 * swaps it into place only when every file is written, so a failed run never
 * leaves half-written files or damages the last good ones.
 */
export async function writeAtomically(outDir: string, slug: string, files: ReadonlyMap<string, string | Uint8Array>): Promise<string> {
  await mkdir(outDir, {recursive: true})
  const target = join(outDir, slug)
  await recover(outDir, slug)
  const temp = await mkdtemp(join(outDir, `.${slug}.tmp-`))
  const old = `${temp}.old`
  try {
    await refuseForeign(target)
    for (const [name, content] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const path = join(temp, name)
      await mkdir(dirname(path), {recursive: true})
      await writeFile(path, content)
    }
    // mkdtemp makes the folder private; published outputs are not.
    await chmod(temp, 0o755)
    const hadOld = await exists(target)
    if (hadOld) await rename(target, old)
    try {
      await rename(temp, target)
    } catch (error) {
      if (hadOld) await rename(old, target)
      throw error
    }
    if (hadOld) await rm(old, {recursive: true, force: true})
    return target
  } finally {
    await rm(temp, {recursive: true, force: true})
  }
}

/** Why a folder in out/ is not ours to replace. */
export class ForeignFolderError extends Error {}

/**
 * Only folders Castline made are ever replaced: they hold the record of what
 * they were made from. Anything else in their place (sources, a user's own
 * folder, a file) is refused, never deleted.
 */
async function refuseForeign(target: string): Promise<void> {
  const reason = await foreignFolder(target)
  if (reason) throw new ForeignFolderError(reason)
}

/** Why publish would not replace what is at an episode's output folder, or undefined when it may (nothing there, or Castline's). */
export async function foreignFolder(target: string): Promise<string | undefined> {
  let info: Awaited<ReturnType<typeof stat>>
  try {
    info = await stat(target)
  } catch {
    return undefined
  }
  if (!info.isDirectory()) return `${target} is a file, not an episode's output folder; move it away or choose another --out`
  if (!(await exists(join(target, inputsFile)))) {
    return `${target} was not made by publish-episode (it has no ${inputsFile}); it is left as it is. Move it away or choose another --out`
  }
  return undefined
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}

/**
 * Clears what a run killed mid-write left behind: temporary folders, and an
 * episode moved aside but not yet replaced, which goes back into place.
 */
export async function recover(outDir: string, slug: string): Promise<void> {
  const target = join(outDir, slug)
  const leftovers = (await readdir(outDir)).filter((name) => name.startsWith(`.${slug}.tmp-`)).sort()
  for (const name of leftovers) {
    const path = join(outDir, name)
    if (name.endsWith('.old') && !(await exists(target))) await rename(path, target)
    else await rm(path, {recursive: true, force: true})
  }
}

// What Castline writes into out/ for a moment: an episode's `.<slug>.tmp-XXXXXX`
// folder (mkdtemp's six characters), the old outputs moved aside as `….old`,
// and the feed's and site's files as `<name>.tmp-<pid>`.
const episodeTemp = /^\.(.+)\.tmp-[A-Za-z0-9]{6}(?:\.old)?$/s
const feedTemp = /^(?:feed\.xml|index\.html|sitemap\.xml)\.tmp-\d+$/

/**
 * Clears out/ of what a killed run left: each episode's temporary folders
 * (an episode moved aside goes back into place) and the feed's temporary
 * files. Only for the holder of out/'s lock, when no other run can be
 * writing them. Returns the names removed or put back.
 */
export async function sweepLeftovers(outDir: string): Promise<string[]> {
  let names: string[]
  try {
    names = await readdir(outDir)
  } catch {
    return []
  }
  const slugs = new Set<string>()
  const swept: string[] = []
  for (const name of names.sort()) {
    const match = episodeTemp.exec(name)
    if (match) {
      slugs.add(match[1]!)
      swept.push(name)
    } else if (feedTemp.test(name)) {
      await rm(join(outDir, name), {force: true})
      swept.push(name)
    }
  }
  for (const slug of slugs) await recover(outDir, slug)
  return swept
}
