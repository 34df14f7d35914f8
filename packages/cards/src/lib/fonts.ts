import * as fontkit from 'fontkit'
import {type faceFiles, fontFile} from './font-files.js'

export {confineFonts} from './font-files.js'

/** A card face, parsed: its Pango name and its metrics for layout. */
export interface Face {
  /** The name Pango knows it by. */
  name: string
  file: string
  metrics: fontkit.Font
}

const loaded = new Map<string, Face>()

export function face(kind: keyof typeof faceFiles): Face {
  let found = loaded.get(kind)
  if (!found) {
    const file = fontFile(kind)
    const metrics = fontkit.openSync(file)
    // Pango's description: family, then the style when the family does not name it.
    const style = metrics.subfamilyName === 'Regular' ? '' : ` ${metrics.subfamilyName}`
    found = {name: `${metrics.familyName}${style}`, file, metrics}
    loaded.set(kind, found)
  }
  return found
}

/** The Pango name and file of one of the card faces: `quote` (Medium), `speaker` (Bold), `detail` (Regular). */
export function cardFont(kind: keyof typeof faceFiles): {name: string; file: string} {
  const {name, file} = face(kind)
  return {name, file}
}
