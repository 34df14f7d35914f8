import {mkdirSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {isMainThread} from 'node:worker_threads'
import * as fontkit from 'fontkit'

/** A face of Noto Sans SC (OFL), shipped by `@expo-google-fonts/noto-sans-sc`: CJK and Latin alike. */
export interface Face {
  /** The name Pango knows it by. */
  name: string
  file: string
  metrics: fontkit.Font
}

const faces = {
  quote: '500Medium/NotoSansSC_500Medium.ttf',
  speaker: '700Bold/NotoSansSC_700Bold.ttf',
  detail: '400Regular/NotoSansSC_400Regular.ttf'
} as const

const loaded = new Map<string, Face>()

export function face(kind: keyof typeof faces): Face {
  let found = loaded.get(kind)
  if (!found) {
    const file = fileURLToPath(import.meta.resolve(`@expo-google-fonts/noto-sans-sc/${faces[kind]}`))
    const metrics = fontkit.openSync(file)
    // Pango's description: family, then the style when the family does not name it.
    const style = metrics.subfamilyName === 'Regular' ? '' : ` ${metrics.subfamilyName}`
    found = {name: `${metrics.familyName}${style}`, file, metrics}
    loaded.set(kind, found)
  }
  return found
}

/** The Pango name and file of one of the card faces: `quote` (Medium), `speaker` (Bold), `detail` (Regular). */
export function cardFont(kind: keyof typeof faces): {name: string; file: string} {
  const {name, file} = face(kind)
  return {name, file}
}

let confined = false

/**
 * Points fontconfig at our fonts and nothing else, before libvips first sets
 * text: cards look the same on every machine, whatever fonts it has, and a
 * character our fonts lack can never come from a system font.
 */
export function confineFonts(): void {
  if (confined) return
  if (process.env.FONTCONFIG_FILE) {
    confined = true
    return
  }
  // A worker's process.env is its own copy: setting it there never reaches
  // fontconfig, which would then use the machine's fonts.
  if (!isMainThread) {
    throw new Error('@castline/cards: call confineFonts() in the main thread before starting worker threads that render cards')
  }
  confined = true
  const folder = join(tmpdir(), `castline-fonts-${process.getuid?.() ?? 'user'}`)
  mkdirSync(join(folder, 'cache'), {recursive: true})
  const dirs = [...new Set(Object.keys(faces).map((kind) => dirname(face(kind as keyof typeof faces).file)))]
  const config = `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
${dirs.map((dir) => `  <dir>${escapeXml(dir)}</dir>`).join('\n')}
  <cachedir>${escapeXml(join(folder, 'cache'))}</cachedir>
</fontconfig>
`
  const file = join(folder, 'fonts.conf')
  writeFileSync(file, config)
  process.env.FONTCONFIG_FILE = file
}

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
}
