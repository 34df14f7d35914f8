import type {BlockContent, Heading, Paragraph, PhrasingContent, Root, RootContent, ThematicBreak} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Point, Position} from 'unist'
import type {VFile} from 'vfile'
import type {LabelMatch} from './labels.js'
import {labelParts, looksLikeName, matchLabel, matchMarker, overlongLabel} from './labels.js'
import {extractTimestamps, paragraphOf, splitLines, trimStart} from './lines.js'
import type {AdMarkerMatcher} from './markers.js'
import {adMarkerMatcher, sectionKind} from './markers.js'
import type {Options, Settings} from './options.js'
import {settings} from './options.js'
import {SourceMap, spanOf} from './source.js'
import {SpeakerDirectory} from './speakers.js'
import {estimateStartTimes} from './start-times.js'
import {detectLanguage, languageShares, normalizeName} from './text.js'
import type {AdBreak, AdBreakEnd, Section, SectionSummary, SpeakerSummary, SpeakerTurn} from './types.js'

const source = 'castline-parse'

type Item =
  | {kind: 'rule'; node: ThematicBreak}
  | {kind: 'title'; children: PhrasingContent[]; position?: Position | undefined}
  | {kind: 'heading'; node: Heading}
  | {kind: 'marker'; name: string; ad?: {sponsor?: string}; copy: PhrasingContent[]; position?: Position | undefined; paragraph: number}
  | {kind: 'line'; nodes: PhrasingContent[]; label?: LabelMatch | undefined; paragraph: number}
  | {kind: 'block'; node: BlockContent}

/**
 * Turns the mdast of a transcript into a speaker AST: sections, speaker turns,
 * ad breaks and timestamps, every node positioned in the source, with start
 * times, the title and the language on `file.data`.
 */
export function remarkSpeakers(options?: Options | null) {
  const config = settings(options)
  const ads = adMarkerMatcher(config.sponsors, config.adMarkers)
  return function transformer(tree: Root, file: VFile): void {
    transform(tree, file, config, ads)
  }
}

function transform(tree: Root, file: VFile, config: Settings, ads: AdMarkerMatcher): void {
  const map = new SourceMap(file)
  const items = collect(tree, map, ads, file)
  if (!items.some((item) => item.kind !== 'rule')) {
    file.fail('The transcript is empty', {ruleId: 'empty-transcript', source})
  }

  // Names are learned from the whole transcript first: a `名字（English）` label
  // late in the file still tells who the earlier labels were.
  const directory = new SpeakerDirectory(config.people, config.roleLabels)
  const boldLabels = new Set<string>()
  // A plain `杨宁：` that opens two lines or more, as a name and not a speech verb (`她说：`), is a label too.
  const plainCounts = new Map<string, number>()
  for (const item of items) {
    if (item.kind === 'line' && item.label?.plain) plainCounts.set(normalizeName(item.label.text), (plainCounts.get(normalizeName(item.label.text)) ?? 0) + 1)
  }
  for (const item of items) {
    if (item.kind !== 'line' || !item.label || item.label.plain) continue
    boldLabels.add(normalizeName(item.label.text))
    // `**张三（Zhang San）：**` makes a plain `张三：` a label as well.
    for (const part of labelParts(item.label.text)) boldLabels.add(normalizeName(part))
    if (directory.learn(item.label.text)) {
      const [a, b] = labelParts(item.label.text)
      file.info(`Learned that \`${a}\` and \`${b}\` are the same speaker`, {
        place: item.label.start,
        ruleId: 'learned-alias',
        source
      })
    }
  }
  const isLabel = (label: LabelMatch | undefined): label is LabelMatch =>
    label !== undefined &&
    (!label.plain ||
      boldLabels.has(normalizeName(label.text)) ||
      directory.knows(label.text) ||
      looksLikeName(label.text) ||
      ((plainCounts.get(normalizeName(label.text)) ?? 0) >= 2 && /^\p{Script=Han}{2,4}$/u.test(label.text) && !/[说道问讲表示认为回答]$/u.test(label.text)))

  const root = group(items, file, isLabel, ads)
  const turns = root.filter(isTurnContainer).flatMap(turnsOf)
  if (turns.length === 0) {
    file.fail('No speaker label found: expected lines such as `**Name:** text` or `Name: text`', {
      place: {line: 1, column: 1},
      ruleId: 'no-speaker',
      source
    })
  }

  const warned = new Set<string>()
  // Role labels that could be several people: counted, and warned about once each.
  const generic = new Map<string, {turn: SpeakerTurn; count: number}>()
  for (const turn of turns) {
    const {known, ...speaker} = directory.resolve(turn.speaker.label)
    turn.speaker = speaker
    const key = normalizeName(speaker.label)
    if (speaker.role && !speaker.person && config.people.length > 0) {
      const seen = generic.get(key) ?? {turn, count: 0}
      seen.count++
      generic.set(key, seen)
    }
    if (!known && config.people.length > 0 && !warned.has(key)) {
      warned.add(key)
      file.message(`Unknown speaker \`${speaker.label}\`: not a name, alias or role of episode.yaml`, {
        place: turn.position?.start,
        ruleId: 'unknown-speaker',
        source
      })
    }
  }

  for (const {turn, count} of generic.values()) {
    const could = directory.holders(turn.speaker.role!).map((person) => person.name)
    file.message(
      `${count} turn(s) are labelled \`${turn.speaker.label}\`, which could be ${could.length ? could.join(' or ') : 'no one in episode.yaml'}: they are voiced as \`${turn.speaker.label}\` in the transcripts. To name them, relabel the turns, or add \`${turn.speaker.label}\` to one person's aliases in episode.yaml`,
      {place: turn.position?.start, ruleId: 'generic-speaker', source}
    )
  }

  setTitle(root, file, config)
  tree.children = root
  fixPositions(tree)

  const timing = estimateStartTimes(tree, {speechRate: config.speechRate, duration: config.duration})
  for (const dropped of timing.dropped) {
    file.message('Timestamp goes back in time; ignored for start times', {
      place: dropped.position,
      ruleId: 'timestamp-order',
      source
    })
  }

  const shares = languageShares(timing.spoken)
  file.data.language = detectLanguage(shares)
  file.data.languageShares = shares
  file.data.speakers = summarizeSpeakers(turns)
  file.data.sections = root.filter((node): node is Section => node.type === 'section').map(summarizeSection)
  file.data.timing = {estimated: timing.estimated, anchors: timing.anchors, duration: timing.end}
}

/** Pass one: the document as a flat list of rules, headings, markers, lines and other blocks. */
function collect(tree: Root, map: SourceMap, ads: AdMarkerMatcher, file: VFile): Item[] {
  const items: Item[] = []
  let paragraph = 0
  let started = false
  for (const node of tree.children) {
    if (node.type === 'thematicBreak') {
      items.push({kind: 'rule', node})
    } else if (node.type === 'heading') {
      items.push(started ? {kind: 'heading', node} : {kind: 'title', children: node.children, position: node.position})
      started = true
    } else if (node.type === 'paragraph') {
      const index = paragraph++
      for (const line of splitLines(node, map)) {
        const nodes = extractTimestamps(line.nodes, map)
        const isTitle = !started && nodes.length === 1 && nodes[0]!.type === 'strong'
        started = true
        const marker = matchMarker(nodes)
        if (marker !== undefined) {
          const ad = ads.match(marker)
          items.push({kind: 'marker', name: marker, ...(ad ? {ad} : {}), copy: [], position: spanOf(nodes), paragraph: index})
          continue
        }
        // A timestamp may stand before the label: `[04:33] **Elon Musk:** …`.
        let lead = 0
        while (nodes[lead]?.type === 'timestamp' || (nodes[lead]?.type === 'text' && lead > 0 && !(nodes[lead] as {value: string}).value.trim())) lead++
        const label = matchLabel(lead ? trimStart(nodes.slice(lead), map) : nodes, map)
        if (isTitle && !label) {
          const strong = nodes[0] as {children: PhrasingContent[]}
          items.push({kind: 'title', children: strong.children, position: spanOf(nodes)})
          continue
        }
        const ad = label && !label.plain ? ads.match(label.text) : undefined
        if (label && ad) {
          items.push({kind: 'marker', name: label.text, ad, copy: label.rest, position: spanOf(nodes), paragraph: index})
          continue
        }
        if (label && lead) label.rest = [...nodes.slice(0, lead).filter((n) => n.type === 'timestamp'), ...label.rest]
        const overlong = label ? undefined : overlongLabel(nodes)
        if (overlong !== undefined) {
          file.message(`This bold text ends in a colon like a speaker label but is ${overlong} characters long (a label has at most 40): the line is kept as speech of the speaker before it. Shorten the name to make it a label`, {
            place: nodes[0]!.position,
            ruleId: 'label-too-long',
            source
          })
        }
        items.push({kind: 'line', nodes, label, paragraph: index})
      }
    } else {
      started = true
      items.push({kind: 'block', node: node as BlockContent})
    }
  }
  return items
}

interface Owner {
  children: BlockContent[]
}

/** Pass two: sections, turns and ad breaks from the flat list. */
function group(items: Item[], file: VFile, isLabel: (label: LabelMatch | undefined) => label is LabelMatch, ads: AdMarkerMatcher): RootContent[] {
  const out: RootContent[] = []
  let section: Section | undefined
  let turn: SpeakerTurn | undefined
  let open: {node: Paragraph; paragraph: number; owner: Owner} | undefined
  // Nothing but a rule or a section marker since the last break in the flow.
  let segmentEmpty = true
  let count = 0
  let warnedUnattributed = false

  const startSection = (kind: Section['kind'], name?: string): Section => {
    section = {type: 'section', kind, children: []}
    if (name !== undefined) section.name = name
    out.push(section)
    turn = undefined
    open = undefined
    return section
  }
  const ensureSection = (): Section => section ?? startSection('main')

  const append = (owner: Owner, nodes: PhrasingContent[], paragraph: number): void => {
    if (nodes.length === 0) return
    if (open && open.owner === owner && open.paragraph === paragraph && owner.children.at(-1) === open.node) {
      if (open.node.children.length > 0) {
        // The line ending between the two lines, where it stands in the source.
        const before = open.node.children.at(-1)?.position?.end
        const after = nodes[0]?.position?.start
        const newline: PhrasingContent = {type: 'text', value: '\n'}
        if (before && after) newline.position = {start: before, end: after}
        open.node.children.push(newline)
      }
      open.node.children.push(...nodes)
    } else {
      const node = paragraphOf(nodes)
      owner.children.push(node)
      open = {node, paragraph, owner}
    }
  }

  const adBreak = (at: number): number => {
    const marker = items[at] as Extract<Item, {kind: 'marker'}>
    const framed = segmentEmpty
    let end = items.length
    let closedBy: AdBreakEnd = 'end'
    for (let k = at + 1; k < items.length; k++) {
      const item = items[k]!
      if (item.kind === 'rule') closedBy = 'rule'
      else if (item.kind === 'heading' || (item.kind === 'marker' && !item.ad)) closedBy = 'section'
      else if (item.kind === 'marker') closedBy = 'marker'
      else if (!framed && item.kind === 'line' && isLabel(item.label)) closedBy = 'label'
      else continue
      end = k
      break
    }
    const place = marker.position
    if (closedBy === 'end') {
      // Never closed: the break must not swallow the rest of the conversation.
      const next = items.findIndex((item, k) => k > at && item.kind === 'line' && isLabel(item.label))
      if (next !== -1) {
        end = next
        closedBy = 'label'
      }
      file.message(
        closedBy === 'label'
          ? 'Ad break never closes with a `***` rule or a section marker; ended it at the next speaker label'
          : 'Ad break never closes and no speaker follows; it runs to the end of the transcript',
        {place, ruleId: 'unclosed-ad-break', source}
      )
    } else if (closedBy === 'label') {
      file.info('Ad break is not framed by `***` rules; ended it at the next speaker label', {
        place,
        ruleId: 'unframed-ad-break',
        source
      })
    } else if (closedBy === 'marker') {
      file.info('Two ad breaks back to back; kept as two breaks', {place: (items[end] as {position?: Position}).position, ruleId: 'adjacent-ad-breaks', source})
    }

    const node: AdBreak = {type: 'adBreak', marker: marker.name, closedBy, children: []}
    open = undefined
    append(node, marker.copy, marker.paragraph)
    for (let k = at + 1; k < end; k++) {
      const item = items[k]!
      if (item.kind === 'line') append(node, item.nodes, item.paragraph)
      else if (item.kind === 'block') {
        node.children.push(item.node)
        open = undefined
      }
    }
    const sponsor = marker.ad?.sponsor ?? ads.sponsorIn(toString(node))
    if (sponsor) node.sponsor = sponsor
    if (place) node.position = place
    if (framed && section && section.children.length === 0 && section.name === undefined) {
      out.splice(out.indexOf(section), 1)
      section = undefined
    }
    if (framed && !section) out.push(node)
    else ensureSection().children.push(node)
    turn = undefined
    open = undefined
    // A break right after a framed one is framed too.
    segmentEmpty = framed && closedBy === 'marker'
    return end
  }

  for (let i = 0; i < items.length; i++) {
    const item = items[i]!
    switch (item.kind) {
      case 'rule':
        section = undefined
        turn = undefined
        open = undefined
        segmentEmpty = true
        break
      case 'title': {
        const heading: Heading = {type: 'heading', depth: 1, children: item.children}
        if (item.position) heading.position = item.position
        out.push(heading)
        break
      }
      case 'heading':
        startSection(sectionKind(toString(item.node)), toString(item.node)).children.push(item.node)
        segmentEmpty = true
        break
      case 'marker':
        if (item.ad) {
          i = adBreak(i) - 1
        } else {
          startSection(sectionKind(item.name), item.name)
          if (item.position) section!.position = item.position
          segmentEmpty = true
        }
        break
      case 'line':
        segmentEmpty = false
        if (isLabel(item.label)) {
          const parent = ensureSection()
          const next: SpeakerTurn = {type: 'speakerTurn', id: `t${++count}`, speaker: {label: item.label.text, name: item.label.text}, children: []}
          if (item.label.start) next.position = {start: item.label.start, end: item.label.start}
          parent.children.push(next)
          turn = next
          open = undefined
          append(next, item.label.rest, item.paragraph)
        } else if (turn) {
          append(turn, item.nodes, item.paragraph)
        } else {
          if (!warnedUnattributed) {
            warnedUnattributed = true
            file.message('Text before the first speaker label is not attributed to anyone', {
              place: spanOf(item.nodes)?.start,
              ruleId: 'unattributed-text',
              source
            })
          }
          append(ensureSection(), item.nodes, item.paragraph)
        }
        break
      case 'block':
        segmentEmpty = false
        ;(turn ?? ensureSection()).children.push(item.node)
        open = undefined
        break
    }
  }
  return out.filter((node) => node.type !== 'section' || node.children.length > 0 || node.name !== undefined)
}

function isTurnContainer(node: RootContent): node is Section {
  return node.type === 'section'
}

function turnsOf(section: Section): SpeakerTurn[] {
  return section.children.filter((child): child is SpeakerTurn => child.type === 'speakerTurn')
}

function setTitle(root: RootContent[], file: VFile, config: Settings): void {
  const heading = root[0]?.type === 'heading' ? root[0] : undefined
  const own = heading ? toString(heading).trim() : undefined
  if (config.title && own && normalizeName(own) !== normalizeName(config.title)) {
    file.info(`The transcript's title \`${own}\` differs from episode.yaml's \`${config.title}\`; using episode.yaml's`, {
      place: heading?.position,
      ruleId: 'title-mismatch',
      source
    })
  }
  if (config.title) {
    if (heading) heading.children = [{type: 'text', value: config.title, ...(heading.position ? {position: heading.position} : {})}]
    else root.unshift({type: 'heading', depth: 1, children: [{type: 'text', value: config.title}]})
  }
  file.data.title = config.title ?? own
}

/** Gives every node we built the span of its children; a turn starts at its label. */
function fixPositions(tree: Root): void {
  const visit = (node: {type: string; children?: unknown[]; position?: Position | undefined}): void => {
    if (!Array.isArray(node.children)) return
    for (const child of node.children) visit(child as typeof node)
    if (node.type === 'paragraph' || node.type === 'speakerTurn' || node.type === 'section' || node.type === 'adBreak') {
      const span = spanOf(node.children as Array<{position?: Position}>)
      const start: Point | undefined = node.position?.start ?? span?.start
      const end = span?.end ?? node.position?.end
      if (start && end) node.position = {start, end: end.offset! >= start.offset! ? end : start}
    }
  }
  visit(tree)
}

function summarizeSpeakers(turns: SpeakerTurn[]): SpeakerSummary[] {
  const byKey = new Map<string, SpeakerSummary>()
  for (const turn of turns) {
    const key = turn.speaker.person ? `person:${turn.speaker.person}` : `label:${turn.speaker.name}`
    const seen = byKey.get(key)
    if (seen) seen.turns++
    else {
      // The printed name first, the label as written after it.
      const {label, ...rest} = turn.speaker
      byKey.set(key, {...rest, label, turns: 1})
    }
  }
  return [...byKey.values()]
}

function summarizeSection(section: Section): SectionSummary {
  const turns = turnsOf(section)
  const summary: SectionSummary = {kind: section.kind, turns: turns.length}
  if (section.name !== undefined) summary.name = section.name
  const start = turns[0]?.start
  if (start) summary.start = start
  return summary
}
