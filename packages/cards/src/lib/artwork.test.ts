import sharp from 'sharp'
import {describe, expect, it} from 'vitest'
import {artworkFiles, artworkHash, renderArtwork} from './artwork.js'

const picture = (width: number, height: number) =>
  sharp({create: {width, height, channels: 3, background: '#1d3557'}})
    .composite([{input: Buffer.from(`<svg width="${width}" height="${height}"><circle cx="${width / 2}" cy="${height / 2}" r="${Math.min(width, height) / 3}" fill="#e63946"/></svg>`)}])
    .jpeg()
    .toBuffer()

describe('the show’s artwork', () => {
  it('comes in every size the pages use, square, named by its hash, the same bytes each time', async () => {
    const source = await picture(1600, 1200)
    const made = await renderArtwork(source)
    const hash = artworkHash(source)
    expect([...made.keys()].sort()).toEqual(artworkFiles(hash).map((f) => f.file).sort())
    for (const file of artworkFiles(hash)) {
      const meta = await sharp(made.get(file.file)!).metadata()
      expect([meta.width, meta.height, `image/${meta.format}`], file.file).toEqual([file.width, file.width, file.type])
      expect(file.file).toContain(hash)
    }
    const again = await renderArtwork(source)
    for (const [name, bytes] of made) expect(again.get(name)!.equals(bytes), name).toBe(true)
    // A new picture is a new address.
    expect(artworkHash(await picture(1600, 1600))).not.toBe(hash)
  })

  it('refuses what is not an image, or too small to make the sizes from', async () => {
    await expect(renderArtwork(Buffer.from('not an image'))).rejects.toMatchObject({ruleId: 'bad-artwork'})
    await expect(renderArtwork(await picture(300, 300))).rejects.toThrow(/300 px on its short side/)
  })
})
