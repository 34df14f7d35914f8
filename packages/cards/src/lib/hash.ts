import {createHash} from 'node:crypto'

/** A short hash of a file's bytes, for its published name: the same bytes, the same name; new bytes, a new address. */
export function shortHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 10)
}
