import {existsSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

/** The evaluation set's folder (../shared/eval beside the project, or CASTLINE_EVAL), when this machine has it. */
export function findEvalSet(): string | undefined {
  const dir = process.env.CASTLINE_EVAL ?? join(fileURLToPath(new URL('.', import.meta.url)), '../../../shared/eval')
  return existsSync(dir) ? dir : undefined
}

/**
 * The evaluation set's folder, or the process ends saying there is nothing
 * to measure, so `pnpm bench` runs on a machine without it.
 */
export function evalSet(): string {
  const dir = findEvalSet()
  if (!dir) {
    console.log(`No evaluation set at ${process.env.CASTLINE_EVAL ?? '../shared/eval'} (set CASTLINE_EVAL): nothing to measure.`)
    process.exit(0)
  }
  return dir
}
