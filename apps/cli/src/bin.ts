#!/usr/bin/env node
import {readFileSync} from 'node:fs'
import {main} from './lib/publish.js'

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
    // Ctrl-C: finish the episode being written, start no other. A second Ctrl-C quits at once.
    onInterrupt: (stop) => {
      process.once('SIGINT', () => {
        stop()
        process.once('SIGINT', () => process.exit(130))
      })
      process.once('SIGTERM', stop)
    }
  },
  version
)
process.exitCode = code
