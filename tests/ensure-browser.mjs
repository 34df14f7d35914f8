// Brings the browser the browser tests drive: Debian's chromium, never a test
// tool's own download. Run by `pnpm test` before the suites, so the README's
// test command passes on a fresh machine by itself.
import {execFileSync} from 'node:child_process'
import {existsSync} from 'node:fs'

const browser = process.env.CHROMIUM ?? '/usr/bin/chromium'
if (!existsSync(browser)) {
  if (!existsSync('/usr/bin/apt-get')) {
    console.error(`The browser tests need Chromium at ${browser}. Install it, or set CHROMIUM to its path.`)
    process.exit(1)
  }
  const asRoot = process.getuid?.() === 0
  const run = (args) => execFileSync(asRoot ? args[0] : 'sudo', asRoot ? args.slice(1) : ['-n', ...args], {stdio: 'inherit', env: {...process.env, DEBIAN_FRONTEND: 'noninteractive'}})
  console.error(`Installing Debian's chromium for the browser tests (${browser} is missing)…`)
  try {
    run(['apt-get', 'update', '-qq'])
    run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'chromium'])
  } catch {
    console.error('Could not install chromium with apt-get (it needs root or password-less sudo). Install it, or set CHROMIUM to its path.')
    process.exit(1)
  }
}
