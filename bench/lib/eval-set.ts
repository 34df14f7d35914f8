import {existsSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

/**
 * The evaluation set (../shared/eval, or CASTLINE_EVAL): its folder, or the
 * process ends saying there is nothing to measure, so `pnpm bench` runs on a
 * machine without it.
 */
export function evalSet(): string {
  const dir = process.env.CASTLINE_EVAL ?? join(fileURLToPath(new URL('.', import.meta.url)), '../../../shared/eval')
  if (!existsSync(dir)) {
    console.log(`No evaluation set at ${dir} (set CASTLINE_EVAL): nothing to measure.`)
    process.exit(0)
  }
  return dir
}
