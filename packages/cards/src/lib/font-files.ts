import {mkdirSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {isMainThread} from 'node:worker_threads'

// The card faces' files, and fontconfig confined to them. No font is parsed
// here: the command's own thread confines fonts for its workers and renders
// no card, so it need not load fontkit and parse the CJK fonts.

/** Faces of Noto Sans SC (OFL), shipped by `@expo-google-fonts/noto-sans-sc`: CJK and Latin alike. */
export const faceFiles = {
  quote: '500Medium/NotoSansSC_500Medium.ttf',
  speaker: '700Bold/NotoSansSC_700Bold.ttf',
  detail: '400Regular/NotoSansSC_400Regular.ttf'
} as const

/** Where a card face's file is. */
export function fontFile(kind: keyof typeof faceFiles): string {
  return fileURLToPath(import.meta.resolve(`@expo-google-fonts/noto-sans-sc/${faceFiles[kind]}`))
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
  const dirs = [...new Set(Object.keys(faceFiles).map((kind) => dirname(fontFile(kind as keyof typeof faceFiles))))]
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
