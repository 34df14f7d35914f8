import {spawnSync} from 'node:child_process'
import {existsSync, statSync} from 'node:fs'
import {delimiter, join} from 'node:path'

/** The programs and model Castline listens with, found on this machine. */
export interface Tools {
  /** Decodes audio to 16 kHz mono samples (wav, mp3, ogg, flac). */
  sox?: string | undefined
  /** Decodes what sox cannot (m4a, aac). */
  ffmpeg?: string | undefined
  pocketsphinx?: string | undefined
  /** pocketsphinx's US English acoustic model and dictionary. */
  model?: {hmm: string; dict: string} | undefined
}

const modelRoots = ['/usr/share/pocketsphinx/model/en-us', '/usr/local/share/pocketsphinx/model/en-us']

/** Looks on PATH (or the given `path`) for sox, ffmpeg and pocketsphinx_batch, and for the English model. */
export function findTools(path = process.env.PATH ?? ''): Tools {
  const which = (name: string) => path.split(delimiter).filter(Boolean).map((dir) => join(dir, name)).find((file) => existsSync(file))
  const root = [process.env.CASTLINE_POCKETSPHINX_MODEL, ...modelRoots].find((dir): dir is string => Boolean(dir) && existsSync(join(dir!, 'en-us', 'mdef')))
  return {
    sox: which('sox'),
    ffmpeg: which('ffmpeg'),
    pocketsphinx: which('pocketsphinx_batch'),
    model: root ? {hmm: join(root, 'en-us'), dict: join(root, 'cmudict-en-us.dict')} : undefined
  }
}

/** What is missing to listen to English audio, as the Debian packages that bring it; empty when nothing is. */
export function missingPackages(tools: Tools): string[] {
  const missing: string[] = []
  if (!tools.pocketsphinx) missing.push('pocketsphinx')
  if (!tools.model) missing.push('pocketsphinx-en-us')
  if (!tools.sox) missing.push('sox', 'libsox-fmt-mp3')
  return missing
}

/**
 * Names the engine exactly, for caches: the listening code's own version and
 * each program's and model file's size and time. A new pocketsphinx or model
 * hears differently, so what it heard before is not reused.
 */
export function engineId(tools: Tools): string {
  const stamp = (file: string | undefined) => {
    if (!file) return '-'
    try {
      const info = statSync(file)
      return `${file}:${info.size}:${Math.round(info.mtimeMs)}`
    } catch {
      return `${file}:?`
    }
  }
  return ['castline-listen/5', stamp(tools.pocketsphinx), stamp(tools.model && join(tools.model.hmm, 'means')), stamp(tools.model?.dict)].join('|')
}

/** Whether sox can read this file's kind (its ending): it cannot read AAC (m4a). */
export function soxReads(sox: string, file: string): boolean {
  const ending = file.toLowerCase().slice(file.lastIndexOf('.') + 1)
  if (ending === 'm4a' || ending === 'aac' || ending === 'mp4') return false
  const help = spawnSync(sox, ['--help'], {encoding: 'utf8'}).stdout ?? ''
  const types = help.match(/AUDIO FILE FORMATS: (.*)/)?.[1]?.split(/\s+/) ?? []
  return types.length === 0 || types.includes(ending)
}
