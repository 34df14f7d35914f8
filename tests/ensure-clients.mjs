// Brings what the tests check our outputs with: real clients' parsers and
// checkers, from Debian, never a test tool's own download. Run by `pnpm test`
// before the suites, so the README's test command passes on a fresh machine
// by itself (it needs root, or sudo without a password, to install).
//
// - chromium: the browser tests (Playwright drives Debian's build);
// - python3-podcastparser (gPodder's parser) and python3-feedparser: read the feed as apps do;
// - libxml2-utils: xmllint checks the XML outputs are well-formed;
// - default-jre-headless: runs the Nu HTML Checker (the vnu-jar npm package);
// - pocketsphinx, pocketsphinx-en-us, sox, libsox-fmt-mp3: what Castline listens
//   to audio with (@castline/listen); espeak-ng: speaks the tests' audio.
import {execFileSync, spawnSync} from 'node:child_process'
import {existsSync} from 'node:fs'

const browser = process.env.CHROMIUM ?? '/usr/bin/chromium'
const works = (command, args) => spawnSync(command, args, {stdio: 'ignore'}).status === 0
const needs = [
  [existsSync(browser), 'chromium', `Chromium at ${browser} (or set CHROMIUM to its path)`],
  [works('/usr/bin/python3', ['-c', 'import podcastparser']), 'python3-podcastparser', "gPodder's podcastparser for /usr/bin/python3"],
  [works('/usr/bin/python3', ['-c', 'import feedparser']), 'python3-feedparser', 'feedparser for /usr/bin/python3'],
  [works('xmllint', ['--version']), 'libxml2-utils', 'xmllint'],
  [works('java', ['-version']), 'default-jre-headless', 'a Java runtime for the Nu HTML Checker'],
  [existsSync('/usr/bin/pocketsphinx_batch'), 'pocketsphinx', 'pocketsphinx_batch, which listens to audio'],
  [existsSync('/usr/share/pocketsphinx/model/en-us/en-us/mdef'), 'pocketsphinx-en-us', "pocketsphinx's US English model"],
  [works('sox', ['--version']), 'sox', 'sox, which decodes audio'],
  [/\bmp3\b/.test(spawnSync('sox', ['--help'], {encoding: 'utf8'}).stdout ?? ''), 'libsox-fmt-mp3', "sox's MP3 support"],
  [works('espeak-ng', ['--version']), 'espeak-ng', 'espeak-ng, which speaks the test audio']
]
const missing = needs.filter(([present]) => !present)
if (missing.length > 0) {
  const packages = missing.map(([, name]) => name)
  const what = missing.map(([, , description]) => description).join('; ')
  if (!existsSync('/usr/bin/apt-get')) {
    console.error(`The tests need: ${what}. Install them (Debian packages: ${packages.join(' ')}).`)
    process.exit(1)
  }
  const asRoot = process.getuid?.() === 0
  const run = (args) => execFileSync(asRoot ? args[0] : 'sudo', asRoot ? args.slice(1) : ['-n', ...args], {stdio: 'inherit', env: {...process.env, DEBIAN_FRONTEND: 'noninteractive'}})
  console.error(`Installing what the tests check with (${packages.join(' ')})…`)
  try {
    run(['apt-get', 'update', '-qq'])
    run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...packages])
  } catch {
    console.error(`Could not install ${packages.join(' ')} with apt-get (it needs root or password-less sudo). Install them: ${what}.`)
    process.exit(1)
  }
}
