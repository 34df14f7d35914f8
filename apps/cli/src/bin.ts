#!/usr/bin/env node
import {readFileSync} from 'node:fs'
import {main} from './lib/publish.js'

const {version} = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {version: string}
const color = Boolean(process.stderr.isTTY) && !('NO_COLOR' in process.env)

// pnpm runs scripts from the workspace root; paths on the command line are
// meant from where the producer typed them.
const code = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.env.INIT_CWD ?? process.cwd(),
  color
}, version)
process.exitCode = code
