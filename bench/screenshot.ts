// Takes screenshots of an episode's review page, on a phone and on a desktop,
// so anyone can look at what a producer sees: `pnpm screenshot [slug]`.
import {mkdir} from 'node:fs/promises'
import {join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {chromium} from 'playwright-core'

const root = fileURLToPath(new URL('..', import.meta.url))
const slug = process.argv[2] ?? 'moonshots-elon-musk'
const page = join(root, 'out', slug, 'index.html')
const target = join(root, 'bench', 'out')
await mkdir(target, {recursive: true})
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run']
})
for (const [name, width, height] of [['phone', 390, 844], ['desktop', 1280, 900]] as const) {
  const tab = await browser.newPage({viewport: {width, height}})
  await tab.goto(pathToFileURL(page).href)
  const file = join(target, `${slug}-${name}.png`)
  await tab.screenshot({path: file, fullPage: false})
  console.log(file)
}
await browser.close()
