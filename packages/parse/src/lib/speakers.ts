import type {Person, Role, Speaker} from './types.js'
import {labelParts, looksLikeName} from './labels.js'
import {normalizeName} from './text.js'

/** Labels that name a role rather than a person. */
export const defaultRoleLabels: Readonly<Record<string, Role>> = {
  主持人: 'host',
  主持: 'host',
  host: 'host',
  联合主持人: 'co-host',
  'co-host': 'co-host',
  cohost: 'co-host',
  嘉宾: 'guest',
  guest: 'guest',
  播音: 'announcer',
  announcer: 'announcer'
}

/**
 * Resolves speaker labels to the people of an episode. Names are grouped with
 * a union-find: a person's name and aliases form one group, and a label such
 * as `埃隆·马斯克（Elon Musk）` joins its two halves wherever it occurs.
 */
export class SpeakerDirectory {
  readonly #parent = new Map<string, string>()
  readonly #person = new Map<string, Person>()
  readonly #roles: Map<string, Role>
  /** Printed name of a group of unknown labels joined by `名字（English）`. */
  readonly #display = new Map<string, string>()
  readonly people: readonly Person[]

  constructor(people: readonly Person[], roleLabels: Readonly<Record<string, Role>>) {
    this.people = people
    this.#roles = new Map(Object.entries(roleLabels).map(([label, role]) => [normalizeName(label), role]))
    for (const person of people) {
      const key = normalizeName(person.name)
      this.#person.set(key, person)
      for (const alias of person.aliases ?? []) this.union(key, normalizeName(alias))
    }
  }

  #find(key: string): string {
    let root = key
    while (this.#parent.has(root) && this.#parent.get(root) !== root) root = this.#parent.get(root)!
    this.#parent.set(key, root)
    return root
  }

  union(a: string, b: string): void {
    const ra = this.#find(a)
    const rb = this.#find(b)
    if (ra === rb) return
    // Keep a person's own name as the group's root so lookups find them.
    if (this.#person.has(rb) && !this.#person.has(ra)) this.#parent.set(ra, rb)
    else this.#parent.set(rb, ra)
  }

  /** Learns the halves of a `名字（English）` label as one speaker; true when that taught something new. */
  learn(label: string): boolean {
    const parts = labelParts(label)
    if (parts.length < 2) return false
    const [a, b] = parts.map(normalizeName) as [string, string]
    const before = this.#find(a) === this.#find(b)
    this.union(normalizeName(label), a)
    this.union(a, b)
    const root = this.#find(a)
    if (!this.#person.has(root) && !this.#display.has(root)) this.#display.set(root, preferredName(label))
    return !before
  }

  /** The people a role label may stand for: the hosts (host, co-host, guest host) for a host label, else those of the role. */
  holders(role: Role): Person[] {
    const hosting: Role[] = ['host', 'co-host', 'guest-host']
    return this.people.filter((person) => (hosting.includes(role) ? hosting.includes(person.role) : person.role === role))
  }

  /** Whether a label names someone this directory knows (a person, an alias, a role). */
  knows(label: string): boolean {
    return this.resolve(label).known
  }

  resolve(label: string): Speaker & {known: boolean} {
    for (const part of [label, ...labelParts(label)]) {
      const key = normalizeName(part)
      const role = this.#roles.get(key)
      if (role) {
        // 主持人 in an episode with one host is that host; with several, it stays a role.
        const only = this.holders(role)
        if (only.length === 1) return {label, name: only[0]!.name, person: only[0]!.id, role: only[0]!.role, known: true}
        return {label, name: label, role, known: true}
      }
      const person = this.#person.get(this.#find(key))
      if (person) return {label, name: person.name, person: person.id, role: person.role, known: true}
    }
    return {label, name: this.#display.get(this.#find(normalizeName(label))) ?? preferredName(label), known: false}
  }
}

/** An unresolved `名字（English）` label prints as its Latin half when that looks like a name. */
function preferredName(label: string): string {
  const parts = labelParts(label)
  return parts.find((part) => /\p{Script=Latin}/u.test(part) && looksLikeName(part)) ?? label
}
