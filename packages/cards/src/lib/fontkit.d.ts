// The few parts of fontkit we use; the package ships no types.
declare module 'fontkit' {
  export interface Glyph {
    advanceWidth: number
  }
  export interface Font {
    familyName: string
    subfamilyName: string
    unitsPerEm: number
    ascent: number
    descent: number
    lineGap: number
    hasGlyphForCodePoint(codePoint: number): boolean
    glyphForCodePoint(codePoint: number): Glyph
  }
  export function openSync(path: string): Font
}
