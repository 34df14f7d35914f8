// webvtt-parser ships no types: what the tests use of it.
declare module 'webvtt-parser' {
  export interface Cue {
    startTime: number
    endTime: number
    text: string
    tree: {children: Array<{type: string; name?: string; value?: string}>}
  }
  export class WebVTTParser {
    parse(input: string, mode?: 'metadata' | 'chapters'): {cues: Cue[]; errors: Array<{message: string; line: number}>}
  }
}
