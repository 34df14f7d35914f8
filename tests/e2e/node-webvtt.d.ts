// node-webvtt ships no types: what the tests use of it.
declare module 'node-webvtt' {
  export interface Cue {
    identifier: string
    start: number
    end: number
    text: string
    styles: string
  }
  /** Strict by default: throws a ParserError on the first fault. */
  export function parse(input: string, options?: {meta?: boolean; strict?: boolean}): {valid: boolean; cues: Cue[]; errors: Error[]; meta?: Record<string, string> | null}
}
