import type {Position} from 'unist'

/** A chapter: a stretch of the episode on one subject. */
export interface Chapter {
  /** Seconds from the start of the audio; the first chapter starts at 0. */
  startTime: number
  /** Whether `startTime` comes from estimated turn start times. */
  estimated: boolean
  title: string
  /** Ids of the first and last speaker turns in the chapter. */
  firstTurn: string
  lastTurn: string
  /** Who set it: the producer in episode.yaml, or Castline. */
  by: 'producer' | 'castline'
}

/** A line worth putting on a card. */
export interface Quote {
  /** Verbatim from one turn: one or more whole sentences. */
  text: string
  /** The speaker's printed name. */
  speaker: string
  /** Person id from episode.yaml. */
  person?: string
  turn: string
  position?: Position
  /** Index of the chapter it comes from. */
  chapter: number
  /** The weighted feature sum it was chosen by (0 to 1; 1 for a pinned quote). */
  score: number
  /** Who chose it: the producer (pinned in episode.yaml), or Castline. */
  by: 'producer' | 'castline'
}

/** What the producer's choices replaced: Castline's own picks, to take back. */
export interface Displaced {
  chapters?: Chapter[]
  quotes?: Quote[]
  summary?: string
}

declare module 'vfile' {
  interface DataMap {
    chapters: Chapter[]
    quotes: Quote[]
    /** Two to four sentences from the episode, for the show notes lede and the feed. */
    summary: string
    /** Who wrote the summary: the producer in episode.yaml, or Castline. */
    summaryBy: 'producer' | 'castline'
    /** Castline's picks that the producer's choices replaced. */
    displaced: Displaced
  }
}
