import {mkdir, readFile, writeFile} from 'node:fs/promises'
import {createRequire} from 'node:module'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import type {Browser} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {mkdtemp} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {launchChromium, project, publish, readyProject, serve, silentMp3} from './helpers.js'

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
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

describe('the private review page in Chromium', async () => {
  const dir = await project()
  const run = await publish(dir)

  it('renders the chapters and the transcript, readable on a phone, with no request leaving the page', async () => {
    expect(run.code).toBe(0)
    const {page, requests, errors} = await open(join(dir, 'out/moonshots-elon-musk/review.html'))
    const chapters = await page.locator('ol.chapters li').count()
    expect(chapters).toBeGreaterThan(5)
    await expect(page.locator('ol.chapters li').first().textContent()).resolves.toMatch(/预告片段/)
    expect(await page.locator('.turn').count()).toBe(613)
    // A Chinese episode names people in Chinese.
    await expect(page.locator('#t1 cite').textContent()).resolves.toBe('埃隆·马斯克')
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
    for (const name of ['index.html', 'review.html', 'transcript.html', 'show-notes.html']) {
      const {page, requests, errors} = await open(join(hostile, 'out/hostile', name))
      expect(await page.evaluate(() => (window as unknown as {__pwned?: number}).__pwned), name).toBeUndefined()
      expect(requests, name).toEqual([])
      expect(errors, name).toEqual([])
      if (name !== 'show-notes.html') await expect(page.locator('body').textContent()).resolves.toContain('<script>window.__pwned = 1; alert(1)</script>')
      await page.close()
    }
  })
})

describe('the public site in Chromium', () => {
  let site: {base: string; close: () => void}
  // The audio host: demo audio as long as the episode (1:45:12), served with byte ranges.
  let media: {base: string; close: () => void}
  let chapters: Array<{startTime: number; title: string}>
  beforeAll(async () => {
    const dir = await readyProject()
    const result = await publish(dir)
    expect(result.code, result.stderr).toBe(0)
    chapters = JSON.parse(await readFile(join(dir, 'out/moonshots-elon-musk/chapters.json'), 'utf8')).chapters
    site = await serve(join(dir, 'out'))
    const audio = await mkdtemp(join(tmpdir(), 'castline-audio-'))
    await writeFile(join(audio, 'ep1.mp3'), silentMp3(6312))
    media = await serve(audio)
  }, 300_000)
  afterAll(() => {
    site?.close()
    media?.close()
  })

  /** A page of the site, with the audio host answered by nothing (no network here), and what it complains of. */
  async function visit(path: string, options: {javaScriptEnabled?: boolean; width?: number; audio?: boolean; scheme?: 'light' | 'dark'} = {}) {
    const context = await browser.newContext({
      viewport: {width: options.width ?? 390, height: 844},
      javaScriptEnabled: options.javaScriptEnabled ?? true,
      colorScheme: options.scheme ?? 'light',
      permissions: ['clipboard-read', 'clipboard-write']
    })
    const page = await context.newPage()
    const problems: string[] = []
    const elsewhere: string[] = []
    await page.route('**/*', async (route) => {
      const url = route.request().url()
      if (url.startsWith(site.base)) return route.continue()
      elsewhere.push(url)
      // The episode's audio, from the demo host, when the test asks for it.
      if (options.audio && url === 'https://media.example.com/moonshots/ep1.mp3') return route.fulfill({response: await route.fetch({url: `${media.base}/ep1.mp3`})})
      return route.abort()
    })
    page.on('pageerror', (error) => problems.push(error.message))
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text())
    })
    await page.goto(`${site.base}${path}`)
    return {page, problems, elsewhere, close: () => context.close()}
  }

  it('seeks the player when a chapter is clicked, and starts at a #t= in the address', async () => {
    const {page, problems, close} = await visit('/moonshots-elon-musk/')
    expect(await page.locator('audio').getAttribute('src')).toBe('https://media.example.com/moonshots/ep1.mp3')
    const links = page.locator('#chapters ol.chapters li a[data-seek]')
    expect(await links.count()).toBe(chapters.length)
    for (const index of [2, chapters.length - 1]) {
      await links.nth(index).click()
      expect(await page.evaluate(() => document.querySelector('audio')!.currentTime)).toBe(chapters[index]!.startTime)
    }
    // A time in the transcript seeks too.
    const turn = page.locator('#transcript .turn a[data-seek]').nth(3)
    const at = Number(await turn.getAttribute('data-seek'))
    // With the player, a time links to this page at that moment: "copy link" shares it.
    expect(await turn.getAttribute('href')).toBe(`#t=${at}`)
    await turn.click()
    expect(await page.evaluate(() => document.querySelector('audio')!.currentTime)).toBe(at)
    // Far down the transcript, the player is still on screen.
    const box = await page.locator('.player .bar').boundingBox()
    expect(box!.y).toBeGreaterThanOrEqual(0)
    expect(box!.y + box!.height).toBeLessThanOrEqual(844)
    expect(problems).toEqual([])
    await close()
    const shared = await visit(`/moonshots-elon-musk/#t=${chapters[3]!.startTime}`)
    expect(await shared.page.evaluate(() => document.querySelector('audio')!.currentTime)).toBe(chapters[3]!.startTime)
    await shared.close()
  })

  it('works without script: a time opens the audio at that moment', async () => {
    const {page, close} = await visit('/moonshots-elon-musk/', {javaScriptEnabled: false})
    const first = page.locator('#chapters ol.chapters li a[data-seek]').nth(1)
    expect(await first.getAttribute('href')).toBe(`https://media.example.com/moonshots/ep1.mp3#t=${chapters[1]!.startTime}`)
    await expect(page.locator('audio')).toBeDefined()
    expect(await page.locator('#transcript .turn').count()).toBe(613)
    await close()
  })

  it('never links the review page: every page reachable from the home page is public', async () => {
    const seen = new Set<string>()
    const queue = [`${site.base}/`]
    const found: string[] = []
    while (queue.length > 0) {
      const url = queue.shift()!
      if (seen.has(url)) continue
      seen.add(url)
      const {page, close} = await visit(url.slice(site.base.length), {javaScriptEnabled: false})
      const targets = await page.evaluate(() => [...document.querySelectorAll('[href], [src]')].map((e) => (e as HTMLAnchorElement).href || (e as HTMLImageElement).src))
      await close()
      for (const target of targets) {
        found.push(target)
        const clean = target.split('#')[0]!
        if (clean.startsWith(site.base) && (clean.endsWith('/') || clean.endsWith('.html'))) queue.push(clean)
      }
    }
    expect([...seen].map((url) => url.slice(site.base.length)).sort()).toEqual(['/', '/index.html', '/moonshots-elon-musk/index.html', '/moonshots-elon-musk/transcript.html'])
    expect(found.filter((url) => /review/.test(url))).toEqual([])
    expect(await (await fetch(`${site.base}/feed.xml`)).text()).not.toMatch(/review/)
    expect(await (await fetch(`${site.base}/sitemap.xml`)).text()).not.toMatch(/review/)
    // The review page asks not to be listed.
    expect(await (await fetch(`${site.base}/moonshots-elon-musk/review.html`)).text()).toContain('<meta name="robots" content="noindex, nofollow">')
  })

  it('passes axe’s WCAG 2 A and AA checks (landmarks, alt text, contrast, names) on the show and episode pages, light and dark', async () => {
    const axe = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
    for (const scheme of ['light', 'dark'] as const) {
      for (const path of ['/', '/moonshots-elon-musk/', '/moonshots-elon-musk/transcript.html']) {
        // axe is injected as a script, which the pages' own policy rightly refuses: this context bypasses it.
        const context = await browser.newContext({bypassCSP: true, colorScheme: scheme, viewport: {width: 1280, height: 900}})
        const page = await context.newPage()
        await page.route('**/*', (route) => (route.request().url().startsWith(site.base) ? route.continue() : route.abort()))
        await page.goto(`${site.base}${path}`)
        await page.addScriptTag({content: axe})
        const violations = await page.evaluate(async () => {
          const result = await (window as unknown as {axe: {run: (context: Document, options: unknown) => Promise<{violations: Array<{id: string; nodes: unknown[]}>}>}}).axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']})
          return result.violations.map((v) => `${v.id} (${v.nodes.length})`)
        })
        expect(violations, `${scheme} ${path}`).toEqual([])
        await context.close()
      }
    }
  }, 300_000)

  it('keeps its own player bar on screen: play, skips, speed, chapters, the turn being heard, share', async () => {
    const {page, problems, elsewhere, close} = await visit('/moonshots-elon-musk/', {audio: true})
    const audio = () => page.evaluate(() => ({t: document.querySelector('audio')!.currentTime, paused: document.querySelector('audio')!.paused, rate: document.querySelector('audio')!.playbackRate}))
    // Nothing is fetched before the listener asks: preload is none.
    expect(await page.locator('audio').getAttribute('preload')).toBe('none')
    expect(elsewhere).toEqual([])
    expect(await page.evaluate(() => document.querySelector('audio')!.controls)).toBe(false)
    const bar = page.locator('.player .bar')
    await expect(bar.isVisible()).resolves.toBe(true)
    const play = bar.locator('[data-action="play"]')
    await play.click()
    await page.waitForFunction(() => !document.querySelector('audio')!.paused)
    await expect.poll(() => play.getAttribute('aria-label')).toBe('暂停')
    await play.click()
    await page.waitForFunction(() => document.querySelector('audio')!.paused)
    await expect.poll(() => play.getAttribute('aria-label')).toBe('播放')

    // Far down the page, the bar is still on screen.
    await page.evaluate(() => window.scrollBy(0, 10_000))
    const box = (await bar.boundingBox())!
    expect(box.y).toBeGreaterThanOrEqual(0)
    expect(box.y + box.height).toBeLessThanOrEqual(844)

    const seekTo = async (seconds: number) => {
      await page.evaluate((t) => {
        document.querySelector('audio')!.currentTime = t
      }, seconds)
      await page.waitForFunction((t) => Math.abs(document.querySelector('audio')!.currentTime - t) < 0.5, seconds)
    }
    const third = chapters[3]!.startTime
    await seekTo(third + 10)
    await bar.locator('[data-action="forward"]').click()
    expect((await audio()).t).toBeCloseTo(third + 40, 0)
    await bar.locator('[data-action="back"]').click()
    expect((await audio()).t).toBeCloseTo(third + 25, 0)
    await bar.locator('[data-action="speed"]').click()
    expect((await audio()).rate).toBe(1.25)
    await bar.locator('[data-action="speed"]').click()
    expect((await audio()).rate).toBe(1.5)
    await expect(bar.locator('[data-action="speed"] .rate').textContent()).resolves.toBe('1.5×')
    await bar.locator('[data-action="next"]').click()
    expect((await audio()).t).toBeCloseTo(chapters[4]!.startTime, 0)
    await expect(bar.locator('.now').textContent()).resolves.toBe(chapters[4]!.title)
    // At a chapter's start, "previous" goes to the chapter before; further in, to the start of this one.
    await bar.locator('[data-action="previous"]').click()
    expect((await audio()).t).toBeCloseTo(third, 0)
    await seekTo(third + 20)
    await bar.locator('[data-action="previous"]').click()
    expect((await audio()).t).toBeCloseTo(third, 0)

    // The turn being heard is marked, and follows the audio.
    for (const t of [third + 5, chapters[6]!.startTime + 30]) {
      await seekTo(t)
      // The mark moves on the player's next timeupdate, which may come after the seek settles: wait for it, as a listener's eye does.
      await page
        .waitForFunction((at) => {
          const turns = [...document.querySelectorAll<HTMLElement>('#transcript .turn')]
          const index = turns.findIndex((turn) => turn.classList.contains('heard'))
          const start = (i: number) => Number(turns[i]?.querySelector<HTMLElement>('a[data-seek]')?.dataset.seek ?? Number.POSITIVE_INFINITY)
          return start(index) <= at + 0.25 && start(index + 1) > at
        }, t, {timeout: 5000})
        .catch(() => undefined)
      const heard = await page.evaluate(() => {
        const turns = [...document.querySelectorAll<HTMLElement>('#transcript .turn')]
        const index = turns.findIndex((turn) => turn.classList.contains('heard'))
        const start = (i: number) => Number(turns[i]?.querySelector<HTMLElement>('a[data-seek]')?.dataset.seek ?? Number.POSITIVE_INFINITY)
        return {count: document.querySelectorAll('.turn.heard').length, start: start(index), next: start(index + 1), current: turns[index]?.getAttribute('aria-current')}
      })
      expect(heard.count).toBe(1)
      expect(heard.current).toBe('time')
      expect(heard.start).toBeLessThanOrEqual(t + 0.25)
      expect(heard.next).toBeGreaterThan(t)
    }

    // Share copies this page's address at the current second.
    await seekTo(1234.6)
    await bar.locator('[data-action="share"]').click()
    await page.waitForFunction(() => document.querySelector('.bar .status')!.textContent !== '')
    const link = await page.evaluate(() => navigator.clipboard.readText())
    expect(link).toBe(`${site.base}/moonshots-elon-musk/#t=1234`)
    expect(problems).toEqual([])
    await close()
    // And the shared link starts the player there.
    const shared = await visit('/moonshots-elon-musk/#t=1234', {audio: true})
    expect(await shared.page.evaluate(() => document.querySelector('audio')!.currentTime)).toBe(1234)
    await shared.close()
  }, 120_000)

  it('finds an English and a Chinese word in the transcript and scrolls to it', async () => {
    const {page, problems, close} = await visit('/moonshots-elon-musk/', {width: 1280})
    const search = page.locator('form.find input')
    // From far down the page, the bar's search button goes to the box.
    await page.evaluate(() => window.scrollBy(0, 10_000))
    await page.locator('.bar [data-action="find"]').click()
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('find')
    for (const word of ['Starship', '机器人']) {
      await search.fill(word)
      await search.press('Enter')
      const found = page.locator('.turn.found')
      await expect(found.count()).resolves.toBe(1)
      expect((await found.textContent())!.toLowerCase()).toContain(word.toLowerCase())
      const box = (await found.boundingBox())!
      expect(box.y + box.height).toBeGreaterThan(0)
      expect(box.y).toBeLessThan(844)
      await expect(page.locator('form.find output').textContent()).resolves.toMatch(/^1 \/ \d+$/)
      // Enter again: the next match.
      await search.press('Enter')
      await expect(page.locator('form.find output').textContent()).resolves.toMatch(/^2 \/ \d+$/)
    }
    await search.fill('zzzz-nowhere')
    await search.press('Enter')
    await expect(page.locator('form.find output').textContent()).resolves.toBe('没有找到')
    expect(problems).toEqual([])
    await close()
  })

  it('shows the transcript a chapter at a time, within a DOM a phone lays out quickly, and all of it without script', async () => {
    const {page, problems, close} = await visit('/moonshots-elon-musk/')
    // Lighthouse fails a page of more than 1,400 elements.
    expect(await page.evaluate(() => document.querySelectorAll('*').length)).toBeLessThan(1400)
    expect(await page.locator('#transcript .turn').count()).toBeGreaterThan(0)
    // A chapter's title in the list shows that chapter and goes to it.
    await page.locator('#chapters ol.chapters li a:not([data-seek])').nth(8).click()
    expect(await page.evaluate(() => location.hash)).toBe('#chapter-9')
    const heading = page.locator('#chapter-9')
    await expect(heading.textContent()).resolves.toBe(chapters[8]!.title)
    // In view below the player bar, not under it.
    const box = (await heading.boundingBox())!
    const bar = (await page.locator('.player').boundingBox())!
    expect(box.y).toBeGreaterThanOrEqual(bar.y + bar.height - 1)
    expect(box.y).toBeLessThan(844)
    // Reading on down brings the next chapters; the one before is a button away.
    await page.locator('#transcript button.more').last().click()
    expect(await page.locator('#chapter-10').count()).toBe(1)
    await page.locator('#transcript button.more').first().click()
    expect(await page.locator('#chapter-8').count()).toBe(1)
    // Every turn is still in the page for search and the player, and for a page read from its address.
    await close()
    const deep = await visit('/moonshots-elon-musk/#chapter-12')
    await expect(deep.page.locator('#chapter-12').textContent()).resolves.toBe(chapters[11]!.title)
    expect(problems).toEqual([])
    await deep.close()
  })

  it('lets the keyboard alone reach and work every control of the player', async () => {
    const {page, close} = await visit('/moonshots-elon-musk/', {audio: true, width: 1280})
    const reached = new Set<string>()
    for (let i = 0; i < 40 && reached.size < 10; i++) {
      await page.keyboard.press('Tab')
      const action = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.action ?? (document.activeElement?.matches('input.seek') ? 'seek' : ''))
      if (action) reached.add(action)
      if (action === 'play') {
        await page.keyboard.press('Enter')
        await page.waitForFunction(() => !document.querySelector('audio')!.paused)
        await page.keyboard.press('Space')
        await page.waitForFunction(() => document.querySelector('audio')!.paused)
      }
      if (action === 'seek') {
        const before = await page.evaluate(() => document.querySelector('audio')!.currentTime)
        await page.keyboard.press('ArrowRight')
        expect(await page.evaluate(() => document.querySelector('audio')!.currentTime)).toBeGreaterThan(before)
      }
    }
    expect([...reached].sort()).toEqual(['back', 'find', 'forward', 'next', 'play', 'previous', 'seek', 'share', 'speed'].sort())
    await close()
  })

  it('shows a keyboard user where the focus is, and lets them skip to the content', async () => {
    const {page, close} = await visit('/moonshots-elon-musk/', {width: 1280})
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到正文')
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)
    expect(outline).toBe('solid')
    await close()
  })
})
