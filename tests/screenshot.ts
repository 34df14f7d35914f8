// Takes screenshots of the show's page, an episode's public page and its
// private review page, at a phone's width (390 px) and a desktop's (1280 px),
// in light and dark, so anyone can look at what listeners and the producer
// see: `pnpm screenshot [out folder] [slug]`, into tests/screenshots/. The
// pages are served over HTTP from localhost, as a host serves them, so their
// Content-Security-Policy applies as it will in production. Without an out
// folder, the bundled episode is published with demo audio and artwork, and
// the episode page is also shot playing, scrolled down the transcript with
// the player bar, and showing a search result.
import {mkdir, mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {launchChromium, publish, readyProject, root, serve, silentMp3} from './e2e/helpers.js'

const given = process.argv[2]
const slug = process.argv[3] ?? 'moonshots-elon-musk'
const target = join(root, 'tests', 'screenshots')
await mkdir(target, {recursive: true})

let out: string
if (given) out = resolve(process.env.INIT_CWD ?? root, given)
else {
  const dir = await readyProject()
  const result = await publish(dir)
  if (result.code !== 0) throw new Error(result.stderr)
  out = join(dir, 'out')
}
const site = await serve(out)
// The demo episode's audio host: silence as long as the episode, with byte ranges.
const audio = await mkdtemp(join(tmpdir(), 'castline-audio-'))
await writeFile(join(audio, 'ep1.mp3'), silentMp3(6312))
const media = await serve(audio)

const browser = await launchChromium()
for (const scheme of ['light', 'dark'] as const) {
  for (const [name, width, height] of [
    ['phone', 390, 844],
    ['desktop', 1280, 900]
  ] as const) {
    const context = await browser.newContext({viewport: {width, height}, colorScheme: scheme})
    const tab = await context.newPage()
    await tab.route('https://media.example.com/**', async (route) => route.fulfill({response: await route.fetch({url: `${media.base}/ep1.mp3`})}))
    const shoot = async (what: string) => {
      const file = join(target, `${what}-${name}-${scheme}.png`)
      await tab.screenshot({path: file, fullPage: false})
      console.log(file)
    }
    for (const [page, path] of [
      ['show', '/'],
      ['episode', `/${slug}/`],
      ['review', `/${slug}/review.html`]
    ] as const) {
      await tab.goto(`${site.base}${path}`)
      await shoot(page)
    }
    if (!given) {
      await tab.goto(`${site.base}/${slug}/`)
      // Playing from a chapter far down the transcript: the bar stays, the turn being heard is marked and in view.
      await tab.locator('#chapters a[data-seek]').nth(5).click()
      await tab.waitForTimeout(600)
      await shoot('episode-playing')
      await tab.locator('form.find input').fill('Starship')
      await tab.locator('form.find input').press('Enter')
      await tab.waitForTimeout(300)
      await shoot('episode-search')
    }
    await context.close()
  }
}
await browser.close()
site.close()
media.close()
