/** One unit the segmenter may put a boundary after: a speaker turn. */
export interface Block {
  /** Content-word keys, in order. */
  terms: string[]
  /** Seconds of speech, for chapter lengths. */
  seconds: number
  /** Extra evidence that a new topic starts at this block (0 none … 1 strong): a host question, a section change. */
  cue: number
}

export interface SegmentOptions {
  /** How many segments to make. */
  count: number
  /** Segments shorter than this (seconds) are not made, unless there is no other way. */
  minSeconds: number
  /** Content words on each side of a gap that are compared (default: from the text's length). */
  window?: number
  /** How much a cue adds to a gap's depth score, as a share of the largest depth (default 0.25). */
  cueWeight?: number
}

/**
 * Where topics change, as the indices of the blocks that start a new segment
 * (never 0). TextTiling (Hearst 1997) adapted to speaker turns: the similarity
 * of the `window` content words before and after each turn boundary, weighted
 * by how specific each word is to a part of the text; a boundary's depth is
 * how far its similarity dips below the peaks on either side; cues (a host's
 * question, a section change) add to the depth; the deepest gaps that keep
 * every segment at least `minSeconds` long win.
 */
export function segment(blocks: Block[], options: SegmentOptions): number[] {
  const wanted = Math.min(options.count, blocks.length) - 1
  if (wanted <= 0) return []
  const total = blocks.reduce((sum, block) => sum + block.terms.length, 0)
  const window = options.window ?? Math.max(40, Math.min(400, Math.round(total / (options.count * 2.5))))

  // Words spread over the whole text say nothing about where topics change.
  const weight = termWeights(blocks, window)
  const stream: Array<{key: string; block: number}> = []
  blocks.forEach((block, index) => {
    for (const key of block.terms) stream.push({key, block: index})
  })
  const startOf: number[] = []
  let at = 0
  for (const block of blocks) {
    startOf.push(at)
    at += block.terms.length
  }

  // Similarity at each gap g (a boundary before block g, g ≥ 1).
  const similarity = new Array<number>(blocks.length).fill(0)
  for (let g = 1; g < blocks.length; g++) {
    const split = startOf[g]!
    similarity[g] = cosine(stream.slice(Math.max(0, split - window), split), stream.slice(split, split + window), weight)
  }
  const smooth = similarity.map((_, g) => {
    if (g === 0) return 0
    let sum = 0
    let n = 0
    for (let k = Math.max(1, g - 1); k <= Math.min(blocks.length - 1, g + 1); k++) {
      sum += similarity[k]!
      n++
    }
    return sum / n
  })

  const depth = smooth.map((value, g) => {
    if (g === 0) return 0
    let left = value
    for (let k = g - 1; k >= 1 && smooth[k]! >= left; k--) left = smooth[k]!
    let right = value
    for (let k = g + 1; k < blocks.length && smooth[k]! >= right; k++) right = smooth[k]!
    return left - value + (right - value)
  })
  const top = Math.max(...depth, 1e-9)
  const cueWeight = options.cueWeight ?? 0.25
  const score = depth.map((d, g) => (g === 0 ? -1 : d / top + cueWeight * blocks[g]!.cue))

  // Seconds before each block, to keep segments long enough.
  const before: number[] = []
  let clock = 0
  for (const block of blocks) {
    before.push(clock)
    clock += block.seconds
  }
  const order = score
    .map((value, g) => ({value, g}))
    .filter(({g}) => g > 0)
    .sort((a, b) => b.value - a.value || a.g - b.g)

  const pick = (minSeconds: number, chosen: number[]): number[] => {
    for (const {g} of order) {
      if (chosen.length >= wanted) break
      if (chosen.includes(g)) continue
      const edges = [0, ...chosen, blocks.length].sort((a, b) => a - b)
      const next = edges.find((edge) => edge > g)!
      const previous = edges.filter((edge) => edge < g).at(-1)!
      const endOf = (index: number) => (index >= blocks.length ? clock : before[index]!)
      if (before[g]! - endOf(previous) < minSeconds || endOf(next) - before[g]! < minSeconds) continue
      chosen.push(g)
    }
    return chosen
  }
  let chosen = pick(options.minSeconds, [])
  // A text too short for its segments at full length: relax, rather than make fewer.
  for (let relax = 0.5; chosen.length < wanted && relax > 0.01; relax /= 2) chosen = pick(options.minSeconds * relax, chosen)
  return chosen.sort((a, b) => a - b)
}

function termWeights(blocks: Block[], window: number): Map<string, number> {
  // Chunks of about one window: a word in every chunk weighs nothing.
  const chunks: Array<Set<string>> = []
  let current = new Set<string>()
  let size = 0
  for (const block of blocks) {
    for (const key of block.terms) {
      current.add(key)
      if (++size >= window) {
        chunks.push(current)
        current = new Set()
        size = 0
      }
    }
  }
  if (size > 0) chunks.push(current)
  const df = new Map<string, number>()
  for (const chunk of chunks) for (const key of chunk) df.set(key, (df.get(key) ?? 0) + 1)
  const weights = new Map<string, number>()
  for (const [key, count] of df) weights.set(key, Math.log((chunks.length + 1) / count))
  return weights
}

function cosine(a: Array<{key: string}>, b: Array<{key: string}>, weight: Map<string, number>): number {
  const count = (items: Array<{key: string}>) => {
    const map = new Map<string, number>()
    for (const {key} of items) map.set(key, (map.get(key) ?? 0) + (weight.get(key) ?? 0))
    return map
  }
  const va = count(a)
  const vb = count(b)
  let dot = 0
  let na = 0
  let nb = 0
  for (const [key, value] of va) {
    na += value * value
    const other = vb.get(key)
    if (other) dot += value * other
  }
  for (const value of vb.values()) nb += value * value
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb)
}

/** Boundaries for `count` segments spread evenly over `length` units: the baseline to beat. */
export function evenBoundaries(length: number, count: number): number[] {
  const result: number[] = []
  for (let i = 1; i < count; i++) result.push(Math.round((i * length) / count))
  return [...new Set(result)].filter((b) => b > 0 && b < length)
}

function labels(length: number, boundaries: number[]): number[] {
  const sorted = [...boundaries].sort((a, b) => a - b)
  const result: number[] = []
  let segment = 0
  for (let i = 0; i < length; i++) {
    while (segment < sorted.length && sorted[segment]! <= i) segment++
    result.push(segment)
  }
  return result
}

/** Half the mean reference segment length, the usual window for Pk and WindowDiff. */
export function defaultK(length: number, reference: number[]): number {
  return Math.max(1, Math.round(length / (reference.length + 1) / 2))
}

/** The share of windows of k units on which two segmentations disagree, by `disagree`. */
function windowErrors(length: number, reference: number[], hypothesis: number[], k: number, disagree: (ref: number[], hyp: number[], i: number) => boolean): number {
  const ref = labels(length, reference)
  const hyp = labels(length, hypothesis)
  const windows = length - k
  let errors = 0
  for (let i = 0; i < windows; i++) if (disagree(ref, hyp, i)) errors++
  return windows > 0 ? errors / windows : 0
}

/**
 * Pk (Beeferman et al. 1999): the chance that two units k apart are wrongly
 * judged to be in the same or in different segments. 0 is perfect.
 */
export function pk(length: number, reference: number[], hypothesis: number[], k = defaultK(length, reference)): number {
  return windowErrors(length, reference, hypothesis, k, (ref, hyp, i) => (ref[i] === ref[i + k]) !== (hyp[i] === hyp[i + k]))
}

/**
 * WindowDiff (Pevzner and Hearst 2002): the share of windows of k units in
 * which the two segmentations count a different number of boundaries.
 */
export function windowDiff(length: number, reference: number[], hypothesis: number[], k = defaultK(length, reference)): number {
  return windowErrors(length, reference, hypothesis, k, (ref, hyp, i) => ref[i + k]! - ref[i]! !== hyp[i + k]! - hyp[i]!)
}
