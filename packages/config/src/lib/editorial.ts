import {z} from 'zod'

// The producer's choices in episode.yaml: chapters, titles, quotes, summary
// and cards. Only their form is checked here; whether an `at` finds its turn
// or a pinned quote is in the transcript is checked against the transcript
// (@castline/summarize's remarkEditorial), with these fields' places.

const text = z.string().trim().min(1, 'expected a non-empty string')

/** A chapter's start: a time (`"00:42:10"`, or seconds) or the first words of a turn or sentence. */
const at = z.union([
  z.number().nonnegative(),
  text.refine((value) => !/^\d+(?::\d+)+$/.test(value) || /^(?:\d+:)?[0-5]?\d:[0-5]\d(?:\.\d+)?$/.test(value), {message: 'expected a time such as 00:42:10'})
])

export const editorialFields = {
  /** When present, the episode's chapter list. */
  chapters: z
    .array(z.strictObject({at, title: text}))
    .min(1)
    .optional(),
  /** Renames automatic chapters by number (1 is the first), leaving their boundaries automatic. */
  titles: z.record(z.string().regex(/^[1-9]\d*$/, 'expected a chapter number such as 2'), text).optional(),
  quotes: z
    .strictObject({
      /** Verbatim texts that must be quotes. */
      pin: z.array(text).default([]),
      /** Texts never to quote. */
      exclude: z.array(text).default([])
    })
    .optional(),
  /** Replaces the automatic summary. */
  summary: text.optional(),
  /** Which quotes get cards: all (the default), none, the pinned ones, or their numbers. */
  cards: z.union([z.enum(['all', 'none', 'pinned']), z.array(z.number().int().positive())]).optional()
}

/** Rules across fields: one way to set chapters, and no text both pinned and excluded. */
export function editorialRules(
  value: {chapters?: unknown[] | undefined; titles?: unknown; quotes?: {pin: string[]; exclude: string[]} | undefined},
  context: z.RefinementCtx
): void {
  if (value.chapters && value.titles) {
    context.addIssue({code: 'custom', path: ['titles'], message: 'expected either `chapters` (the whole list) or `titles` (renaming automatic chapters), not both'})
  }
  const pinned = new Set(value.quotes?.pin.map((t) => t.trim()) ?? [])
  value.quotes?.exclude.forEach((excluded, index) => {
    if (pinned.has(excluded.trim())) context.addIssue({code: 'custom', path: ['quotes', 'exclude', index], message: 'expected a text not also pinned: it is in both `pin` and `exclude`'})
  })
}
