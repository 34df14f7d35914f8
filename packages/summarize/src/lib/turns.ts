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
        text: paragraphs.map((p) => toString(p)).join('\n')
      })
    }
  }
  return turns
}

export const isHost = (turn: TurnInfo) => turn.role === 'host' || turn.role === 'co-host' || turn.role === 'guest-host'

/** A host asking something: the usual start of a new subject in an interview. */
export function isHostQuestion(turn: TurnInfo): boolean {
  return isHost(turn) && /[？?]/.test(turn.text)
}
