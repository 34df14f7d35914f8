import type {Position} from 'unist'

/** A sponsor, or a product of the show's own, as podcast.yaml describes it. */
export interface Sponsor {
  id: string
  name: string
  aliases?: string[] | undefined
  /** Addresses the copy sends listeners to, without scheme (`diamandis.com/metatrends`). */
  urls?: string[] | undefined
  /** A mention left in the conversation is fine: no warning. */
  allowMentions?: boolean | undefined
}

/** One thing redact-ads took out. */
export interface Redaction {
  /** `break`: a whole ad break; `promo`: host-read promo sentences inside a turn. */
  kind: 'break' | 'promo'
  /** Sponsor or product id, when one is named. */
  sponsor?: string
  /** The break's marker as written. */
  marker?: string
  /** For promos: the turn, its speaker and where in the turn the text was. */
  turn?: string
  speaker?: string
  paragraph?: number
  offset?: number
  position?: Position
  /** Exactly the text removed. */
  text: string
  /** For a break, when a timed transcript gives the clock: where it is in the audio, in seconds. */
  time?: {start: number; end: number}
}

declare module 'vfile' {
  interface DataMap {
    redactions: Redaction[]
  }
}
