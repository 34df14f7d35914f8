import type {BlockContent, Parent, Node, Paragraph} from 'mdast'

/** What a person does on the show; the Podcasting 2.0 person roles we use. */
export type Role = 'host' | 'co-host' | 'guest' | 'guest-host' | 'announcer' | 'producer'

/** Someone who speaks in an episode, as episode.yaml lists them. */
export interface Person {
  /** Stable identifier, such as `elon-musk`. */
  id: string
  /** Canonical display name. */
  name: string
  /** Other names the transcript may use for them (other scripts, short forms). */
  aliases?: string[]
  /** The name in a language, by language tag (`zh: 埃隆·马斯克`), for outputs in that language. */
  names?: Partial<Record<string, string>>
  role: Role
  href?: string
}

/** Who a turn belongs to. */
export interface Speaker {
  /** The label as written in the transcript (`埃隆·马斯克`, `主持人`). */
  label: string
  /** The name to print: the person's canonical name, or the label when unresolved. */
  name: string
  /** The person's id when the label resolved to a person of episode.yaml. */
  person?: string
  /** The role, when the person has one or the label is generic (`主持人`, `Host`). */
  role?: Role
}

/** When a turn starts, in seconds from the start of the audio. */
export interface StartTime {
  seconds: number
  /** True when derived from the amount of speech rather than read from a timestamp. */
  estimated: boolean
}

export type SectionKind = 'teaser' | 'intro' | 'main' | 'outro' | 'other'

/** One speaker's uninterrupted contribution: a label and the paragraphs that follow it. */
export interface SpeakerTurn extends Parent {
  type: 'speakerTurn'
  /** `t1`, `t2`, … in document order; stable for the same input. */
  id: string
  speaker: Speaker
  start?: StartTime
  /**
   * Points of the turn's text whose time a timed transcript gives, flat:
   * `[offset, seconds, offset, seconds, …]`, both increasing. Offsets are in
   * the turn's plain text, its paragraphs joined by a blank line.
   */
  clock?: number[]
  children: BlockContent[]
}

/** A stretch of the episode opened by a marker (`**[预告片段]**`) or a `***` rule. */
export interface Section extends Parent {
  type: 'section'
  kind: SectionKind
  /** The marker text when the section was named (`预告片段`). */
  name?: string
  children: Array<SpeakerTurn | AdBreak | BlockContent>
}

/** How an ad break ended. */
export type AdBreakEnd = 'rule' | 'section' | 'label' | 'marker' | 'end'

/** A sponsor break: its marker and any ad copy transcribed inside it. */
export interface AdBreak extends Parent {
  type: 'adBreak'
  /** The marker text without brackets (`广告时间：Metatrends 时事通讯`, `Break`). */
  marker: string
  /** Sponsor id when the marker or the copy names a configured sponsor. */
  sponsor?: string
  /** What ended the break. */
  closedBy: AdBreakEnd
  /** Where the break is in the audio, in seconds, when a timed transcript gives the clock (@castline/timed). */
  time?: {start: number; end: number}
  children: BlockContent[]
}

/** An inline time mark such as `[04:33]` or `\[01:06:22.12\]`. */
export interface Timestamp extends Node {
  type: 'timestamp'
  seconds: number
  /** The mark as written, brackets included, with the space after it when one comes before it (`a [04:33] b` reads `a b`). */
  raw: string
}

export type Language = 'zh' | 'en' | 'mixed'

export interface SectionSummary {
  kind: SectionKind
  name?: string
  turns: number
  start?: StartTime
}

export interface SpeakerSummary extends Speaker {
  turns: number
}

declare module 'mdast' {
  interface RootContentMap {
    speakerTurn: SpeakerTurn
    section: Section
    adBreak: AdBreak
  }
  interface BlockContentMap {
    speakerTurn: SpeakerTurn
    section: Section
    adBreak: AdBreak
  }
  interface PhrasingContentMap {
    timestamp: Timestamp
  }
}

declare module 'vfile' {
  interface DataMap {
    /** The episode title: the given one, else the transcript's leading heading. */
    title: string | undefined
    language: Language
    /** Shares of estimated speaking time by script. */
    languageShares: {zh: number; en: number}
    speakers: SpeakerSummary[]
    sections: SectionSummary[]
    timing: {
      /** Whether any start time is estimated. */
      estimated: boolean
      /** Timestamps found in the text. */
      anchors: number
      /** End of the last turn, in seconds. */
      duration: number
    }
  }
}

export type {Paragraph}
