import type {SponsorRef} from './markers.js'
import {markerPattern} from './markers.js'
import {defaultRoleLabels} from './speakers.js'
import type {SpeechRate} from './text.js'
import {defaultSpeechRate} from './text.js'
import type {Person, Role} from './types.js'

export interface Options {
  /** The episode title from episode.yaml; wins over the transcript's own heading. */
  title?: string | undefined
  /** The people of the episode; labels resolve to them by name and alias. */
  people?: Person[] | undefined
  /** Labels that stand for a role, not a person (default: 主持人, Host, 嘉宾, Guest, …). */
  roleLabels?: Record<string, Role> | undefined
  /** Sponsors, to recognise and attribute their break markers. */
  sponsors?: SponsorRef[] | undefined
  /** More marker patterns (regular expression sources) that open an ad break. */
  adMarkers?: string[] | undefined
  /** The audio's length in seconds; estimated start times are scaled to it. */
  duration?: number | undefined
  /** Speaking rates for estimated start times. */
  speechRate?: SpeechRate | undefined
}

export interface Settings {
  title: string | undefined
  people: Person[]
  roleLabels: Record<string, Role>
  sponsors: SponsorRef[]
  adMarkers: string[]
  duration: number | undefined
  speechRate: SpeechRate
}

const roles = new Set<Role>(['host', 'co-host', 'guest', 'guest-host', 'announcer', 'producer'])

/** Checks options once, up front, and fills in the defaults. */
export function settings(options: Options | null | undefined): Settings {
  const given = options ?? {}
  const fail = (reason: string): never => {
    throw new TypeError(`@castline/parse: ${reason}`)
  }
  if (given.title !== undefined && typeof given.title !== 'string') fail('`title` must be a string')
  const people = given.people ?? []
  const ids = new Set<string>()
  for (const [index, person] of people.entries()) {
    if (!person || typeof person.id !== 'string' || !person.id) fail(`\`people[${index}].id\` must be a non-empty string`)
    if (typeof person.name !== 'string' || !person.name.trim()) fail(`\`people[${index}].name\` must be a non-empty string`)
    if (!roles.has(person.role)) fail(`\`people[${index}].role\` must be one of ${[...roles].join(', ')}`)
    if (ids.has(person.id)) fail(`\`people[${index}].id\` \`${person.id}\` is used twice`)
    ids.add(person.id)
  }
  const roleLabels = given.roleLabels ?? {...defaultRoleLabels}
  for (const [label, role] of Object.entries(roleLabels)) {
    if (!roles.has(role)) fail(`\`roleLabels.${label}\` must be one of ${[...roles].join(', ')}`)
  }
  const sponsors = given.sponsors ?? []
  const patterns = [...(given.adMarkers ?? []), ...sponsors.flatMap((sponsor) => sponsor.markers ?? [])]
  for (const source of patterns) {
    try {
      markerPattern(source)
    } catch (error) {
      fail(`ad marker pattern \`${source}\` is not a valid regular expression: ${(error as Error).message}`)
    }
  }
  if (given.duration !== undefined && !(Number.isFinite(given.duration) && given.duration > 0)) {
    fail('`duration` must be a positive number of seconds')
  }
  const speechRate = given.speechRate ?? defaultSpeechRate
  if (!(speechRate.hanPerSecond > 0 && speechRate.wordsPerSecond > 0)) fail('`speechRate` values must be positive')
  return {
    title: given.title?.trim() || undefined,
    people,
    roleLabels,
    sponsors,
    adMarkers: given.adMarkers ?? [],
    duration: given.duration,
    speechRate
  }
}
