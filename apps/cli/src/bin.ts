#!/usr/bin/env node
import {readFileSync} from 'node:fs'
import {availableParallelism} from 'node:os'
import {main} from './lib/main.js'

// Cards render on libuv's thread pool: a thread per core and one for file
// work. More threads only add glibc malloc arenas holding freed image memory.
// libuv reads this once, at the pool's first use, which is still to come.
process.env.UV_THREADPOOL_SIZE ??= String(availableParallelism() + 1)

const {version} = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {version: string}

// pnpm runs scripts from the workspace root; paths on the command line are
// meant from where the producer typed them.
const code = await main(
  process.argv.slice(2),
  {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.env.INIT_CWD ?? process.cwd(),
    color: Boolean(process.stderr.isTTY),
    tty: Boolean(process.stderr.isTTY),
    env: process.env,
    // Ctrl-C: finish the episode being written, start no other. A second Ctrl-C
    // quits at once, out/'s lock released first; the next run clears the rest.
    onInterrupt: (stop, abandon) => {
      for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
        process.once(signal, () => {
          stop()
          process.once(signal, () => {
            abandon()
            process.exit(code)
          })
        })
      }
    }
  },
  version
)
process.exitCode = code
