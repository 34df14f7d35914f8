import type {Role} from '@castline/parse'
import type {Chapter, Displaced, Quote} from '@castline/summarize'

/** The show, as podcast.yaml describes it. */
export interface ShowInfo {
  title: string
  link: string
  description: string
  language: string
  author: string
  owner: {name: string; email: string}
  /** Artwork, at least 1400 px square for Apple. */
  image: string
  categories: Array<string | {text: string; sub?: string | undefined}>
  explicit: boolean
  /** Where out/ is served: feed, chapter and transcript URLs start here. */
  baseUrl?: string | undefined
  /** `episodic` (default) or `serial`. */
  type?: 'episodic' | 'serial' | undefined
  /** podcast:locked: whether other platforms may import the feed. */
  locked?: boolean | undefined
  /** podcast:funding: where listeners can support the show (text up to 128 characters). */
  funding?: Array<{url: string; text: string}> | undefined
  /** Where listeners subscribe, for the show's page: Apple Podcasts, Spotify and so on. */
  subscribe?: Array<{name: string; url: string}> | undefined
  /** A sponsor credit line for the show notes; `{sponsors}` becomes the sponsors' names. */
  sponsorCredit?: string | undefined
  /**
   * Whether the feed carries chapters and captions whose times are only
   * estimated from the amount of speech (`publish`), or leaves them out until
   * a timed transcript gives real times (`omit`, the default).
   */
  estimatedTimes?: 'publish' | 'omit' | undefined
  /**
   * The artwork's own file (podcast.yaml `artwork`), for the pages: `hash`
   * names the sizes made from it (see @castline/cards' `artworkFiles`), so a
   * new picture gets new addresses; `path` is where it is read from.
   */
  artwork?: {hash: string; path: string} | undefined
  /** The show's X (Twitter) account, `@handle`, for `twitter:site`. */
  twitter?: string | undefined
}

/** A turn as the outputs need it. */
export interface TurnData {
  id: string
  speaker: {name: string; person?: string | undefined; role?: Role | undefined}
  start: {seconds: number; estimated: boolean}
  text: string
  /** Times inside the turn from a timed transcript: `[offset, seconds, …]` in `text` (see @castline/parse's SpeakerTurn). */
  clock?: number[] | undefined
}

/** Everything one episode's outputs are made from: what episode.json holds. */
export interface EpisodeData {
  slug: string
  title: string
  language: 'zh' | 'en' | 'mixed'
  summary: string
  episode: {
    number?: number | undefined
    season?: number | undefined
    /** Publication date, ISO 8601; an episode without one stays out of the feed. */
    published?: string | undefined
    episodeType?: 'full' | 'trailer' | 'bonus' | undefined
    guid?: string | undefined
    explicit?: boolean | undefined
    audio?: {url: string; length: number; type: string} | undefined
    /** Seconds, from episode.yaml. */
    duration?: number | undefined
  }
  people: Array<{id: string; name: string; role: Role; href?: string | undefined}>
  chapters: Chapter[]
  quotes: Quote[]
  turns: TurnData[]
  timing: {
    estimated: boolean
    duration: number
    /**
     * Whether the captions follow the style guide (`captionFaults` found
     * nothing), set when the episode is built: the feed, built from
     * episode.json without every turn, calls them captions only then.
     */
    captions?: 'guide' | 'off-guide' | undefined
  }
  /** Sponsors whose breaks or promos were removed, by name, in order. */
  sponsors: string[]
  /** What redact-ads removed, for the review page. */
  redactions: Array<{kind: 'break' | 'promo'; sponsor?: string | undefined; marker?: string | undefined; speaker?: string | undefined; text: string; position?: {start: {line: number; column: number}} | undefined}>
  /** Links mentioned in the conversation (after redaction). */
  links: string[]
  /**
   * The producer's choices in episode.yaml as the review page shows them: who
   * wrote the summary, what the choices replaced, and any problem with them.
   */
  editorial?: {
    summaryBy: 'producer' | 'castline'
    displaced: Displaced
    problems: Array<{reason: string; line?: number | undefined; column?: number | undefined}>
  } | undefined
  /** Quote cards made for this episode, by file under its folder. */
  cards?: Array<{file: string; quote: number; size: 'square' | 'landscape' | 'story'; alt: string}> | undefined
}
