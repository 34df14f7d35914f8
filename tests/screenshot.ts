// Takes screenshots of the show's page, an episode's public page and its
// private review page, at a phone's width (390 px) and a desktop's (1280 px),
// so anyone can look at what listeners and the producer see:
// `pnpm screenshot [out folder] [slug]`. The pages are served over HTTP from
// localhost, as a host would serve them, so their Content-Security-Policy
// applies as it will in production.
import {readFile} from 'node:fs/promises'
import {mkdir} from 'node:fs/promises'
import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import {extname, join, normalize, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {chromium} from 'playwright-core'

const root = fileURLToPath(new URL('..', import.meta.url))
const out = resolve(root, process.argv[2] ?? 'out')
const slug = process.argv[3] ?? 'moonshots-elon-musk'
const target = join(root, 'bench', 'out')
await mkdir(target, {recursive: true})

const types: Record<string, string> = {'.html': 'text/html; charset=utf-8', '.png': 'image/png', '.xml': 'application/xml', '.json': 'application/json'}
const server = createServer(async (request, response) => {
  const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname))
  const file = join(out, path.endsWith('/') ? `${path}index.html` : path)
  try {
    const body = await readFile(file)
    response.writeHead(200, {'content-type': types[extname(file)] ?? 'application/octet-stream'}).end(body)
  } catch {
    response.writeHead(404).end()
  }
})
await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run']
})
for (const [page, path] of [
  ['show', '/'],
  ['episode', `/${slug}/`],
  ['review', `/${slug}/review.html`]
] as const) {
  for (const [name, width, height] of [['phone', 390, 844], ['desktop', 1280, 900]] as const) {
    const tab = await browser.newPage({viewport: {width, height}})
    await tab.goto(`${base}${path}`)
    const file = join(target, `${page}-${name}.png`)
    await tab.screenshot({path: file, fullPage: false})
    console.log(file)
    await tab.close()
  }
}
await browser.close()
server.close()
