import {createServer} from 'node:net'
import {join} from 'node:path'
import lighthouse from 'lighthouse'
import {throttling} from 'lighthouse/core/config/constants.js'
import {chromium, type Browser} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {publish, readyProject, serve} from './helpers.js'

/** A port no one listens on, for Chromium's DevTools, which Lighthouse drives. */
function freePort(): Promise<number> {
  return new Promise((found, failed) => {
    const server = createServer()
    server.once('error', failed)
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address() as {port: number}
      server.close(() => found(port))
    })
  })
}

// Lighthouse (mobile: a mid-range phone on a slow 4G, simulated) on the
// bundled episode's public page and the show's page, served over HTTP with
// compression and long caching for hashed names, as a host serves out/.
const defaultThrottling = throttling.mobileSlow4G

describe('Lighthouse on the public pages', () => {
  let site: {base: string; close: () => void}
  let browser: Browser
  let port: number
  beforeAll(async () => {
    const dir = await readyProject()
    const result = await publish(dir)
    expect(result.code, result.stderr).toBe(0)
    site = await serve(join(dir, 'out'))
    port = await freePort()
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--remote-debugging-port=${port}`]
    })
  }, 300_000)
  afterAll(async () => {
    await browser?.close()
    site?.close()
  })

  for (const [name, path] of [
    ['episode', '/moonshots-elon-musk/'],
    ['show', '/']
  ] as const) {
    it(`scores 95 or more in every category on the ${name} page, with images sized and a small DOM`, async () => {
      const run = async (cpuSlowdownMultiplier?: number) =>
        (await lighthouse(`${site.base}${path}`, {
          port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
          ...(cpuSlowdownMultiplier ? {throttling: {...defaultThrottling, cpuSlowdownMultiplier}} : {})
        }))!.lhr
      let lhr = await run()
      // Lighthouse's 4× CPU slowdown assumes a high-end desktop (BenchmarkIndex 1500 or more) and
      // aims at a mid-tier phone; on a slower or busy host its own docs say to calibrate the
      // multiplier down (docs/throttling.md, "Calibrating the CPU slowdown"): the same phone, not a slower one.
      const benchmark = lhr.environment.benchmarkIndex
      if ((lhr.categories.performance?.score ?? 0) < 0.95 && benchmark < 1500) lhr = await run(Math.max(1, (4 * benchmark) / 1500))
      const scores = Object.fromEntries(Object.entries(lhr.categories).map(([id, category]) => [id, category.score]))
      // Why a category fell short, to read in the failure: each audit that did not pass.
      const failing = Object.entries(lhr.audits)
        .filter(([, audit]) => audit.score !== null && audit.score < 0.9 && !['informative', 'manual', 'notApplicable'].includes(audit.scoreDisplayMode))
        .map(([id, audit]) => `${id} ${audit.score} ${audit.displayValue ?? ''}`)
        // The browser under test runs with the back/forward cache off (a flag of the test tool, not of the page).
        .filter((line) => !line.startsWith('bf-cache'))
      const host = `BenchmarkIndex ${lhr.environment.benchmarkIndex}, CPU slowdown ${lhr.configSettings.throttling.cpuSlowdownMultiplier}×`
      for (const [id, score] of Object.entries(scores)) expect(score, `${id} (${host}): ${failing.join('; ')}`).toBeGreaterThanOrEqual(0.95)
      expect(lhr.audits['uses-responsive-images']!.score ?? 1, 'properly size images').toBe(1)
      expect(lhr.audits['dom-size']!.numericValue, 'DOM elements').toBeLessThan(1400)
      // First view's weight: HTML, CSS and script at most 100 KB compressed; images at most 250 KB.
      const requests = (lhr.audits['network-requests']!.details as {items: Array<{resourceType?: string; transferSize?: number}>}).items
      const weight = (types: string[]) => requests.filter((r) => types.includes(r.resourceType ?? '')).reduce((sum, r) => sum + (r.transferSize ?? 0), 0)
      expect(weight(['Document'])).toBeGreaterThan(1024)
      expect(weight(['Document', 'Stylesheet', 'Script'])).toBeLessThanOrEqual(100 * 1024)
      expect(weight(['Image'])).toBeLessThanOrEqual(250 * 1024)
    }, 180_000)
  }
})
