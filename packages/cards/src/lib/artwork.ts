import sharp, {type Sharp} from 'sharp'
import {CardError} from './card.js'
import {shortHash} from './hash.js'

/** A size of the show's artwork as the pages use it. */
export interface ArtworkFile {
  /** Its name under out/, with the source's short hash in it: a new picture is a new address, so hosts may cache each for a year. */
  file: string
  width: number
  type: 'image/webp' | 'image/png'
  /** `cover` for the pages; `icon` for the browser's tab and a phone's home screen. */
  use: 'cover' | 'icon'
}

/**
 * The sizes the pages show the artwork at: a cover of 160 CSS pixels at one,
 * two and three device pixels a pixel, in WebP with a PNG fallback, and the
 * icons browsers and phones ask for (32 and 180 px).
 */
export const artworkSizes = {cover: [160, 320, 480], icon: [32, 180]} as const

/** The short hash that names a source's sizes: the same bytes, the same names. */
export function artworkHash(bytes: Uint8Array): string {
  return shortHash(bytes)
}

/** The files made from a source with this hash, by name, as the pages point to them. */
export function artworkFiles(hash: string): ArtworkFile[] {
  const files: ArtworkFile[] = []
  for (const width of artworkSizes.cover) {
    files.push({file: `artwork/cover-${hash}-${width}.webp`, width, type: 'image/webp', use: 'cover'})
    files.push({file: `artwork/cover-${hash}-${width}.png`, width, type: 'image/png', use: 'cover'})
  }
  for (const width of artworkSizes.icon) files.push({file: `artwork/icon-${hash}-${width}.png`, width, type: 'image/png', use: 'icon'})
  return files
}

/**
 * Reads the artwork's header only, to know it can be used (an image, 480 px
 * or more on its short side) before pages point to its sizes; throws a
 * `CardError` (`bad-artwork`) that says why not.
 */
export async function checkArtwork(bytes: Uint8Array): Promise<Sharp> {
  let source: Sharp
  let side: number
  try {
    source = sharp(bytes, {failOn: 'error'})
    const {width = 0, height = 0} = await source.metadata()
    side = Math.min(width, height)
  } catch (error) {
    throw new CardError(`The artwork is not an image sharp can read: ${(error as Error).message}`, 'bad-artwork')
  }
  const largest = Math.max(...artworkSizes.cover)
  if (side < largest) throw new CardError(`The artwork is ${side} px on its short side; the pages need ${largest} px at least (podcast apps ask for 1400 to 3000)`, 'bad-artwork')
  return source
}

/**
 * Makes every size of the artwork from its source (any image sharp reads:
 * JPEG, PNG, WebP…), cropped square from the centre. The source must be
 * 480 px or more, so no size is enlarged. The same source always gives the
 * same bytes.
 */
export async function renderArtwork(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  const source = await checkArtwork(bytes)
  const made = new Map<string, Buffer>()
  for (const file of artworkFiles(artworkHash(bytes))) {
    const sized = source.clone().resize({width: file.width, height: file.width, fit: 'cover', position: 'centre'}).removeAlpha()
    made.set(file.file, await (file.type === 'image/webp' ? sized.webp({quality: 80, effort: 4}) : sized.png({compressionLevel: 9, palette: file.width <= 32})).toBuffer())
  }
  return made
}
