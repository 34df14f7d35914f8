import type {Paragraph, Root} from 'mdast'
import type {Role, SectionKind, SpeakerTurn} from '@castline/parse'
import {toString} from 'mdast-util-to-string'

/** A turn with what summarizing needs to know of it. */
export interface TurnInfo {
  node: SpeakerTurn
  id: string
  index: number
  section: number
  sectionKind: SectionKind
  role?: Role
  person?: string
  speaker: string
  start: number
  estimated: boolean
  paragraphs: Paragraph[]
  text: string
  /** The role was guessed from who speaks first and most (see `inferRoles`), not given. */
  inferredRole?: boolean
}

/** The speaker turns of a speaker AST, in order, with their section. */
export function collectTurns(tree: Root): TurnInfo[] {
  const turns: TurnInfo[] = []
  let section = -1
  for (const node of tree.children) {
    if (node.type !== 'section') continue
    section++
    for (const child of node.children) {
      if (child.type !== 'speakerTurn') continue
      const paragraphs = child.children.filter((c): c is Paragraph => c.type === 'paragraph')
      turns.push({
        node: child,
        id: child.id,
        index: turns.length,
        section,
        sectionKind: node.kind,
        ...(child.speaker.role ? {role: child.speaker.role} : {}),
        ...(child.speaker.person ? {person: child.speaker.person} : {}),
        speaker: child.speaker.name,
        start: child.start?.seconds ?? 0,
        estimated: child.start?.estimated ?? true,
        paragraphs,
        text: spokenText(paragraphs)
      })
    }
  }
  inferRoles(turns)
  return turns
}

/**
 * Roles for a transcript that gives none (a bare transcript, names only):
 * the host is who opens the show, the first with a real share of the talk
 * (a tenth) to say twenty words or to ask something: a transcription bot may
 * credit the opening jingle's short lines to anyone, but a jingle asks
 * nothing, and a host may open with a short question ("So Tim, no
 * breakfast? You're not a breakfast guy?"). Counting questions misleads, as guests ask
 * rhetorical ones (Syntax 264: the guest asks twice the hosts' questions).
 * The one who speaks most of the rest is the guest,
 * and anyone else with a tenth of the talk a co-host. Roles given by
 * episode.yaml or a role label are never changed.
 */
function inferRoles(turns: TurnInfo[]): void {
  // An announcer label (the show's jingle) says nothing about who hosts.
  if (turns.length === 0 || turns.some((turn) => turn.role && turn.role !== 'announcer')) return
  const words = new Map<string, number>()
  for (const turn of turns) {
    if (turn.role) continue
    words.set(turn.speaker, (words.get(turn.speaker) ?? 0) + turn.text.length)
  }
  const total = [...words.values()].reduce((sum, n) => sum + n, 0)
  const order = [...new Set(turns.filter((turn) => turn.sectionKind !== 'teaser' && !turn.role).map((turn) => turn.speaker))]
  const speakers = order.length > 0 ? order : [turns[0]!.speaker]
  const substantial = speakers.filter((name) => (words.get(name) ?? 0) >= 0.1 * total && !/^(?:unknown|announcer|.*\bannouncer|speaker\s*\d*)$/iu.test(name))
  const candidates = substantial.length > 0 ? substantial : speakers
  const host = turns.find((turn) => turn.sectionKind !== 'teaser' && candidates.includes(turn.speaker) && (turn.text.split(/\s+/).length >= 20 || /[?？]/u.test(turn.text)))?.speaker ?? candidates[0]!
  const guest = [...words].filter(([name]) => name !== host).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0]
  // Anyone else with a real share of the talk hosts alongside (a panel show's co-hosts).
  for (const turn of turns) {
    if (turn.role) continue
    if (turn.speaker === host) turn.role = 'host'
    else if (turn.speaker === guest) turn.role = 'guest'
    else if ((words.get(turn.speaker) ?? 0) >= 0.1 * total) turn.role = 'co-host'
    turn.inferredRole = true
  }
}

/** A speaker with a name: a role label such as 主持人 or Host is no one to quote or name. */
export const isNamed = (turn: TurnInfo) => Boolean(turn.person) || !turn.role || Boolean(turn.inferredRole)

export const isHost = (turn: TurnInfo) => turn.role === 'host' || turn.role === 'co-host' || turn.role === 'guest-host'

/** A host asking something: the usual start of a new subject in an interview. */
export function isHostQuestion(turn: TurnInfo): boolean {
  return isHost(turn) && /[？?]/.test(turn.text)
}

/** What a turn's paragraphs say, one line each: a turn's `text`, or what is left of it once some paragraphs are set aside. */
export function spokenText(paragraphs: Paragraph[]): string {
  return paragraphs.map((paragraph) => toString(paragraph)).join('\n')
}
