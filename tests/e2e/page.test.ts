import {mkdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {type Browser, chromium} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {project, publish} from './helpers.js'

// Debian's chromium, never a test tool's own download.
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium'

let browser: Browser
beforeAll(async () => {
  browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
  })
})
afterAll(async () => {
  await browser?.close()
})

/** Opens a page and records every request it makes that is not the page itself. */
async function open(path: string) {
  const page = await browser.newPage({viewport: {width: 390, height: 844}})
  const requests: string[] = []
  const errors: string[] = []
    // Files beside the page (the quote cards) are the page's own; anything else has left it.
  page.on('request', (request) => {
    if (!request.url().startsWith('file://')) requests.push(request.url())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('dialog', (dialog) => {
    errors.push(`dialog: ${dialog.message()}`)
    void dialog.dismiss()
  })
  await page.goto(pathToFileURL(path).href)
  return {page, requests, errors}
}

describe('the review page in Chromium', async () => {
  const dir = await project()
  const run = await publish(dir)

  it('renders the chapters and the transcript, readable on a phone, with no request leaving the page', async () => {
    expect(run.code).toBe(0)
    const {page, requests, errors} = await open(join(dir, 'out/moonshots-elon-musk/index.html'))
    const chapters = await page.locator('ol.chapters li').count()
    expect(chapters).toBeGreaterThan(5)
    await expect(page.locator('ol.chapters li').first().textContent()).resolves.toMatch(/预告片段/)
    expect(await page.locator('.turn').count()).toBe(613)
    await expect(page.locator('#t1 cite').textContent()).resolves.toBe('Elon Musk')
    await expect(page.locator('#redactions').textContent()).resolves.toMatch(/Metatrends/)
    // The quote cards are there and load.
    const cards = page.locator('img.card')
    expect(await cards.count()).toBe(10)
    await cards.first().scrollIntoViewIfNeeded()
    await page.waitForFunction(() => [...document.querySelectorAll('img.card')].slice(0, 1).every((img) => (img as HTMLImageElement).naturalWidth === 1080))
    // Nothing wider than the phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    // Following a chapter link lands on its heading in the transcript.
    await page.locator('ol.chapters li a').nth(2).click()
    expect(await page.evaluate(() => location.hash)).toBe('#chapter-3')
    expect(requests).toEqual([])
    expect(errors).toEqual([])
    await page.close()
  })

  it('does not run a script from the transcript, nor load anything it names', async () => {
    const hostile = await project()
    const episode = join(hostile, 'content/episodes/hostile')
    await mkdir(episode, {recursive: true})
    await writeFile(
      join(episode, 'transcript.md'),
      [
        '**Elon Musk:** Hello <script>window.__pwned = 1; alert(1)</script> & ]]> 🚀 שלום',
        '**Peter Diamandis:** <img src="https://example.com/x.png" onerror="window.__pwned = 2"> and [a link](javascript:window.__pwned=3)',
        '**Elon Musk:** <iframe src="https://example.com"></iframe> the end.'
      ].join('\n\n')
    )
    await writeFile(join(episode, 'episode.yaml'), 'title: Hostile <b>&</b>\npublished: 2025-01-01\npeople:\n  - {id: elon-musk, name: Elon Musk, role: guest}\n  - {id: peter, name: Peter Diamandis, role: host}\n')
    const result = await publish(hostile, ['content/episodes/hostile'])
    expect(result.code).toBe(0)
    for (const name of ['index.html', 'transcript.html', 'show-notes.html']) {
      const {page, requests, errors} = await open(join(hostile, 'out/hostile', name))
      expect(await page.evaluate(() => (window as unknown as {__pwned?: number}).__pwned), name).toBeUndefined()
      expect(requests, name).toEqual([])
      expect(errors, name).toEqual([])
      if (name !== 'show-notes.html') await expect(page.locator('body').textContent()).resolves.toContain('<script>window.__pwned = 1; alert(1)</script>')
      await page.close()
    }
  })
})
