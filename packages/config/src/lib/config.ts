import {LineCounter, isMap, isScalar, parseDocument} from 'yaml'
import type {Node as YamlNode} from 'yaml'
import {markerPattern} from '@castline/parse'
import {z} from 'zod'
import {editorialFields, editorialRules} from './editorial.js'
import type {VFile} from 'vfile'

const source = 'castline-config'

// Checked as parse will run it: on RE2, which cannot backtrack without end.
const regexSource = z.string().superRefine((value, context) => {
  try {
    markerPattern(value)
  } catch (error) {
    context.addIssue({code: 'custom', message: `expected a regular expression in RE2 syntax: ${(error as Error).message}`})
  }
})

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lowercase id of letters, digits and hyphens')
const nonEmpty = z.string().trim().min(1, 'expected a non-empty string')

// Every URL we publish goes into XML, HTML and apps that follow it: only web
// links, and nothing that would need escaping to stay one attribute.
const httpUrl = z
  .url({protocol: /^https?$/, error: 'expected an http:// or https:// URL'})
  .refine((value) => !/[\s<>"'{}|\\^`\p{Cc}]/u.test(value), {message: 'expected a URL without spaces, quotes or any of <>{}|\\^`'})

/** Ids name one thing each: a second use is an error at its place. */
function uniqueIds(list: Array<{id: string}>, context: z.RefinementCtx): void {
  const seen = new Set<string>()
  list.forEach((entry, index) => {
    if (seen.has(entry.id)) context.addIssue({code: 'custom', path: [index, 'id'], message: `expected an id used once; \`${entry.id}\` is used before`})
    seen.add(entry.id)
  })
}

const sponsor = z.strictObject({
  id,
  name: nonEmpty,
  aliases: z.array(nonEmpty).default([]),
  urls: z.array(nonEmpty).default([]),
  markers: z.array(regexSource).default([]),
  allowMentions: z.boolean().default(false)
})

const category = z.union([nonEmpty, z.strictObject({text: nonEmpty, sub: nonEmpty.optional()})])

export const podcastSchema = z.strictObject({
  title: nonEmpty,
  // Other names the show goes by in its episodes (a short form, a translation): no chapter is titled after them.
  aliases: z.array(nonEmpty).default([]),
  link: httpUrl,
  description: nonEmpty,
  language: z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'expected a language tag such as zh or en-US'),
  author: nonEmpty,
  owner: z.strictObject({name: nonEmpty, email: z.email()}),
  image: httpUrl,
  // The artwork's own file (beside podcast.yaml): the pages show sizes made from it.
  artwork: nonEmpty.optional(),
  categories: z.array(category).min(1),
  explicit: z.boolean(),
  baseUrl: httpUrl.optional(),
  type: z.enum(['episodic', 'serial']).optional(),
  locked: z.boolean().optional(),
  estimatedTimes: z.enum(['publish', 'omit']).optional(),
  sponsorCredit: nonEmpty.optional(),
  // podcast:funding: the spec allows 128 characters of text.
  funding: z.array(z.strictObject({url: httpUrl, text: nonEmpty.max(128)})).optional(),
  subscribe: z.array(z.strictObject({name: nonEmpty, url: httpUrl})).optional(),
  twitter: z.string().regex(/^@\w{1,15}$/, 'expected an X (Twitter) handle such as @moonshots').optional(),
  cards: z
    .strictObject({
      color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour such as #1d3557').default('#1d3557'),
      logo: nonEmpty.optional()
    })
    .default({color: '#1d3557'}),
  sponsors: z.array(sponsor).superRefine(uniqueIds).default([]),
  products: z.array(sponsor).superRefine(uniqueIds).default([]),
  adMarkers: z.array(regexSource).default([])
})

const duration = z.union([
  z.number().positive(),
  z.string().regex(/^(?:\d+:)?\d{1,2}:\d{2}$/, 'expected seconds or hh:mm:ss')
])

const person = z.strictObject({
  id,
  name: nonEmpty,
  aliases: z.array(nonEmpty).default([]),
  // The name listeners of a language know them by; outputs in that language use it.
  names: z.record(z.string().regex(/^[a-z]{2,3}$/, 'expected a language code such as zh or en'), nonEmpty).optional(),
  role: z.enum(['host', 'co-host', 'guest', 'guest-host', 'announcer', 'producer']),
  href: httpUrl.optional()
})

export const episodeSchema = z.strictObject({
  title: nonEmpty,
  number: z.number().int().positive().optional(),
  season: z.number().int().positive().optional(),
  published: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})?)?$/, 'expected a date such as 2025-12-23')
    .refine((value) => !Number.isNaN(Date.parse(value)), {message: 'expected a real calendar date'})
    .optional(),
  episodeType: z.enum(['full', 'trailer', 'bonus']).default('full'),
  guid: nonEmpty.optional(),
  explicit: z.boolean().optional(),
  audio: z
    .strictObject({
      url: httpUrl,
      length: z.number().int().positive(),
      type: z.string().regex(/^audio\/[\w.+-]+$/),
      // The episode's audio on this machine, to listen to for real times (beside episode.yaml, or a path from it).
      file: z.string().min(1).optional()
    })
    .optional(),
  duration: duration.optional(),
  people: z.array(person).min(1).superRefine(uniqueIds),
  ...editorialFields
}).superRefine(editorialRules)

export type PodcastConfig = z.infer<typeof podcastSchema>
export type EpisodeConfig = z.infer<typeof episodeSchema>

/** Seconds from episode.yaml's duration, written as seconds or hh:mm:ss. */
export function durationSeconds(value: EpisodeConfig['duration']): number | undefined {
  if (value === undefined || typeof value === 'number') return value
  return value.split(':').reduce((total, part) => total * 60 + Number(part), 0)
}

/**
 * Parses and validates a YAML file held in `file`. Problems become fatal vfile
 * messages at the line and column of the field, saying what was expected and
 * what was found. Returns undefined when the file is not valid.
 */
export function readConfig<T>(file: VFile, schema: z.ZodType<T>): T | undefined {
  return readConfigWithPlaces(file, schema)?.data
}

/** Where a field is in the file: its line and column. */
export type PlaceOf = (path: Array<string | number>) => {line: number; column: number} | undefined

/**
 * `readConfig`, and where each field was written, so that a problem found
 * later (a chapter's `at` that matches no turn) can name its line and column.
 */
export function readConfigWithPlaces<T>(file: VFile, schema: z.ZodType<T>): {data: T; place: PlaceOf} | undefined {
  const lineCounter = new LineCounter()
  const doc = parseDocument(String(file.value), {lineCounter, prettyErrors: false, uniqueKeys: true})
  const place = (offset: number | undefined) => {
    if (offset === undefined) return undefined
    const {line, col} = lineCounter.linePos(offset)
    return {line, column: col}
  }
  const [syntax] = doc.errors
  if (syntax) {
    fail(file, `Broken YAML: ${syntax.message.split('\n')[0]}`, place(syntax.pos[0]), 'yaml-syntax')
    return undefined
  }
  let data: unknown
  try {
    // yaml refuses aliases that expand without bound (a "billion laughs").
    data = doc.toJS({maxAliasCount: 100})
  } catch (error) {
    fail(file, `YAML cannot be read: ${(error as Error).message.split('\n')[0]}`, {line: 1, column: 1}, 'yaml-syntax')
    return undefined
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    fail(file, 'Expected a mapping of fields at the top of the file', {line: 1, column: 1}, 'yaml-schema')
    return undefined
  }
  const result = schema.safeParse(data)
  if (result.success) return {data: result.data, place: (path) => place(nodeAt(doc.contents, path)?.range?.[0])}
  for (const issue of result.error.issues) {
    const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol')
    const node = nodeAt(doc.contents, path)
    let where = place(node?.range?.[0])
    let reason: string
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0]!
      const pair = isMap(node) ? node.items.find((item) => isScalar(item.key) && item.key.value === key) : undefined
      where = place((pair?.key as YamlNode | undefined)?.range?.[0]) ?? where
      reason = `unknown field \`${[...path, key].map(String).join('.')}\``
    } else {
      const value = valueAt(data, path)
      const field = path.length ? `\`${formatPath(path)}\`` : 'the file'
      // A rule across fields says in full what is wrong; the value found adds nothing.
      reason =
        value === undefined
          ? `${field} is missing: ${expectation(issue)}`
          : issue.code === 'custom' && typeof value === 'object'
            ? `${field}: ${expectation(issue)}`
            : `${field}: ${expectation(issue)}, found ${describe(value)}`
    }
    fail(file, reason, where ?? {line: 1, column: 1}, 'yaml-schema')
  }
  return undefined
}

function fail(file: VFile, reason: string, place: {line: number; column: number} | undefined, ruleId: string): void {
  const message = file.message(reason, {place, ruleId, source})
  message.fatal = true
}

function expectation(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected === 'object' ? 'a mapping' : issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}`
    case 'invalid_value':
      return `expected one of ${issue.values.map((value) => String(value)).join(', ')}`
    case 'invalid_union':
      return 'expected a value of another form (see the README)'
    case 'invalid_key':
      return issue.issues[0]?.message ?? 'expected another key'
    case 'too_small':
      return issue.origin === 'array' ? `expected at least ${issue.minimum} item(s)` : issue.message.replace(/^Too small: /, 'expected ')
    default:
      return issue.message.replace(/^Invalid input: /, '')
  }
}

function formatPath(path: Array<string | number>): string {
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : index ? `.${key}` : key)).join('')
}

function nodeAt(root: unknown, path: Array<string | number>): (YamlNode & {items?: unknown[]}) | undefined {
  let node = root as {items?: Array<{key?: unknown; value?: unknown}>; range?: unknown} | undefined
  let found = node
  for (const key of path) {
    if (!node || !Array.isArray(node.items)) break
    const next: unknown =
      typeof key === 'number'
        ? (node.items[key] as unknown)
        : node.items.find((item) => isScalar(item.key) && item.key.value === key)?.value
    if (!next) break
    node = next as typeof node
    found = node
  }
  return found as (YamlNode & {items?: unknown[]}) | undefined
}

function valueAt(data: unknown, path: Array<string | number>): unknown {
  let value = data
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<string | number, unknown>)[key]
  }
  return value
}

function describe(value: unknown): string {
  if (value === null) return 'nothing (null)'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  if (typeof value === 'string') return `"${value.length > 60 ? `${value.slice(0, 57)}...` : value}"`
  return `${typeof value} ${String(value)}`
}
