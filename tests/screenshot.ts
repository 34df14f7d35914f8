// Takes screenshots of the show's page, an episode's public page and its
// private review page, at a phone's width (390 px) and a desktop's (1280 px),
// so anyone can look at what listeners and the producer see:
// `pnpm screenshot [out folder] [slug]`, into tests/screenshots/. The pages
// are served over HTTP from localhost, as a host serves them, so their
// Content-Security-Policy applies as it will in production.
import {mkdir} from 'node:fs/promises'
import {join, resolve} from 'node:path'
import {launchChromium, root, serve} from './e2e/helpers.js'

const out = resolve(process.env.INIT_CWD ?? root, process.argv[2] ?? join(root, 'out'))
const slug = process.argv[3] ?? 'moonshots-elon-musk'
const target = join(root, 'tests', 'screenshots')
await mkdir(target, {recursive: true})

const site = await serve(out)
const browser = await launchChromium()
for (const [page, path] of [
  ['show', '/'],
  ['episode', `/${slug}/`],
  ['review', `/${slug}/review.html`]
] as const) {
  for (const [name, width, height] of [['phone', 390, 844], ['desktop', 1280, 900]] as const) {
    const tab = await browser.newPage({viewport: {width, height}})
    await tab.goto(`${site.base}${path}`)
    const file = join(target, `${page}-${name}.png`)
    await tab.screenshot({path: file, fullPage: false})
    console.log(file)
    await tab.close()
  }
}
await browser.close()
site.close()
