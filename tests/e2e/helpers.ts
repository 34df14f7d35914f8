import {execFile} from 'node:child_process'
import {createHash} from 'node:crypto'
import {appendFile, cp, mkdtemp, readFile, readdir, writeFile} from 'node:fs/promises'
import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import {extname, join, normalize} from 'node:path'
import {fileURLToPath} from 'node:url'
import {type Browser, chromium} from 'playwright-core'
import sharp from 'sharp'
import {gzipSync} from 'node:zlib'

export const root = fileURLToPath(new URL('../..', import.meta.url))
const bin = join(root, 'apps/cli/dist/bin.js')

/** A fresh copy of the bundled content/ (or of another project folder) in a temporary folder. */
export async function project(from?: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'castline-e2e-'))
  if (from) await cp(from, dir, {recursive: true})
  else await cp(join(root, 'content'), join(dir, 'content'), {recursive: true})
  return dir
}

export interface Run {
  code: number
  stdout: string
  stderr: string
}

/** The environment of a producer at a terminal: not CI, whatever runs the tests. */
export function producerEnv(cwd: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const {CI: _ci, ...env} = process.env
  return {...env, INIT_CWD: cwd, NO_COLOR: '1', ...extra}
}

export const binPath = bin

/** Runs the built publish-episode command as a producer would, from `cwd`. */
export function publish(cwd: string, args: string[] = [], extra: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      {cwd, env: producerEnv(cwd, extra), maxBuffer: 64 * 1024 * 1024},
      (error, stdout, stderr) => {
        resolve({code: error ? Number((error as {code?: number}).code ?? 1) : 0, stdout, stderr})
      }
    )
  })
}

/** Every file under a folder, name to the SHA-256 of its bytes (cheap to compare, exact). */
export async function tree(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  for (const entry of await readdir(dir, {recursive: true, withFileTypes: true})) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    files.set(path.slice(dir.length + 1), createHash('sha256').update(await readFile(path)).digest('hex'))
  }
  return files
}

/** The bundled episode as it goes out: with audio and its length, times published, a support link. */
export async function readyProject(): Promise<string> {
  const dir = await project()
  await appendFile(
    join(dir, 'content/episodes/moonshots-elon-musk/episode.yaml'),
    'audio:\n  url: https://media.example.com/moonshots/ep1.mp3\n  length: 98765432\n  type: audio/mpeg\nduration: 1:45:12\n'
  )
  // The show's own artwork file, as a producer has it: 3000 px square.
  await writeFile(join(dir, 'content/artwork.jpg'), await artworkPicture(3000))
  await appendFile(
    join(dir, 'content/podcast.yaml'),
    'artwork: artwork.jpg\nestimatedTimes: publish\nlocked: true\nfunding:\n  - url: https://www.example.com/support\n    text: 支持本节目\nsubscribe:\n  - name: Apple Podcasts\n    url: https://podcasts.apple.com/podcast/id000000\n'
  )
  return dir
}

/** Serves a folder over HTTP on localhost, as a web host serves out/: a folder's address serves its index.html. */
export async function serve(folder: string): Promise<{base: string; close: () => void}> {
  const types: Record<string, string> = {'.html': 'text/html; charset=utf-8', '.txt': 'text/plain; charset=utf-8', '.mp3': 'audio/mpeg', '.png': 'image/png', '.webp': 'image/webp', '.xml': 'application/xml', '.json': 'application/json', '.vtt': 'text/vtt'}
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname))
    const file = join(folder, path.endsWith('/') ? `${path}index.html` : path)
    try {
      const body = await readFile(file)
      const type = types[extname(file)] ?? 'application/octet-stream'
      // A name with a content hash in it never changes its bytes: a host may cache it for a year.
      const cache = /-[0-9a-f]{10}(?:-\d+)?\.\w+$/.test(file) ? {'cache-control': 'public, max-age=31536000, immutable'} : {}
      // Byte ranges, as hosts serve audio: a browser seeks in a file it can ask for from any byte.
      const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? '')
      if (range && (range[1] || range[2])) {
        const start = range[1] ? Number(range[1]) : Math.max(0, body.length - Number(range[2]))
        const end = range[1] && range[2] ? Math.min(Number(range[2]), body.length - 1) : body.length - 1
        if (start > end) return void response.writeHead(416, {'content-range': `bytes */${body.length}`}).end()
        response.writeHead(206, {...cache, 'content-type': type, 'accept-ranges': 'bytes', 'content-range': `bytes ${start}-${end}/${body.length}`}).end(body.subarray(start, end + 1))
        return
      }
      // Text compressed, as a host serves it.
      if (/^(?:text\/|application\/(?:xml|json))/.test(type) && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
        response.writeHead(200, {...cache, 'content-type': type, 'content-encoding': 'gzip', vary: 'accept-encoding'}).end(gzipSync(body))
        return
      }
      response.writeHead(200, {...cache, 'content-type': type, 'accept-ranges': 'bytes'}).end(body)
    } catch {
      response.writeHead(404).end()
    }
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  return {base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close()}
}

/** A square picture, a show's artwork as a designer hands it over: a ring on the brand colour, as a JPEG. */
export function artworkPicture(side: number, ring = '#e63946'): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${side}" height="${side}"><circle cx="${side / 2}" cy="${side / 2}" r="${side / 3}" fill="none" stroke="${ring}" stroke-width="${side / 12}"/></svg>`
  return sharp({create: {width: side, height: side, channels: 3, background: '#1d3557'}})
    .composite([{input: Buffer.from(svg)}])
    .jpeg({quality: 90})
    .toBuffer()
}

/**
 * Silence as an MP3 of the given length: MPEG-2 Layer III frames of 8 kbit/s
 * at 16 kHz, mono, whose side information and main data are all zero (a
 * decoder plays them as silence). Demo audio for the player, with no encoder.
 */
export function silentMp3(seconds: number): Buffer {
  const frame = Buffer.alloc(36)
  frame.set([0xff, 0xf3, 0x18, 0xc0])
  // 576 samples a frame at 16 kHz: 36 ms.
  return Buffer.concat(Array.from({length: Math.ceil(seconds / 0.036)}, () => frame))
}

/** Debian's chromium (or CHROMIUM), never a test tool's own download; flags that keep it off this closed network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
  })
}
