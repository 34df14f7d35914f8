/** One unit the segmenter may put a boundary before: a speaker turn. */
export interface Block {
  /** Content-word keys, in order. */
  terms: string[]
  /** Seconds of speech, for chapter lengths. */
  seconds: number
  /** Extra evidence that a new topic starts at this block (0 none … 1 strong): a host question, a section change. */
  cue: number
}

export interface SegmentOptions {
  /**
   * What a chapter costs, in nats of likelihood per content word of the
   * text's average chapter: the higher, the fewer chapters. The number of
   * chapters follows from it and from the conversation.
   */
  penalty: number
  /** No segment shorter than this (seconds), unless the text is. */
  minSeconds: number
  /** No segment longer than this (seconds), unless no boundary is allowed. */
  maxSeconds: number
  /** The Dirichlet prior on each word's share in a segment (default 0.1). */
  prior?: number
  /** Nats a cue of 1 adds to a boundary before its block (default 2); a negative cue takes them away. */
  cueWeight?: number
}

/** No segment holds more content words than this: a long chapter has a few thousand. */
const maxSegmentWords = 20_000

/**
 * Where topics change, as the indices of the blocks that start a new segment
 * (never 0). A global segmentation (Utiyama and Isahara 2001; Eisenstein and
 * Barzilay 2008): each segment's words are scored as drawn from a language
 * model of its own, a Dirichlet-compound multinomial, so a segment scores
 * high when it keeps reusing the same words; dynamic programming finds the
 * boundaries that maximise the sum over segments, less a penalty for each
 * segment and plus the cues at its start. Unlike local methods it weighs
 * each boundary against the whole conversation, and the number of segments
 * comes out of the text rather than being asked for.
 */
export function segment(blocks: Block[], options: SegmentOptions): number[] {
  const n = blocks.length
  if (n < 2) return []
  const prior = options.prior ?? 0.1
  const cueWeight = options.cueWeight ?? 2
  // Words as small integers; the vocabulary size enters the likelihood.
  const ids = new Map<string, number>()
  const idOf = (key: string) => {
    let id = ids.get(key)
    if (id === undefined) {
      id = ids.size
      ids.set(key, id)
    }
    return id
  }
  const words = blocks.map((block) => block.terms.map(idOf))
  const vocabulary = Math.max(1, ids.size)
  const totalWords = words.reduce((sum, list) => sum + list.length, 0)
  const totalSeconds = blocks.reduce((sum, block) => sum + block.seconds, 0)
  if (totalWords === 0 || totalSeconds < 2 * options.minSeconds) return []

  // log Γ(k + prior) − log Γ(prior) for the counts a word reaches, computed once.
  const gain: number[] = [0]
  const countGain = (count: number) => {
    while (gain.length <= count) gain.push(gain[gain.length - 1]! + Math.log(gain.length - 1 + prior))
    return gain[count]!
  }
  const lgammaRatio = (words_: number) => {
    // log Γ(V·prior) − log Γ(N + V·prior), by the same recurrence, cached by N.
    while (normal.length <= words_) normal.push(normal[normal.length - 1]! - Math.log(normal.length - 1 + vocabulary * prior))
    return normal[words_]!
  }
  const normal: number[] = [0]
  // A chapter costs the penalty per word of an average chapter of this text:
  // the same setting then means the same thing for a short and a long episode.
  const perChapter = options.penalty * Math.sqrt(totalWords)

  // Seconds of speech before each block.
  const startOf: number[] = []
  let clock = 0
  for (const block of blocks) {
    startOf.push(clock)
    clock += block.seconds
  }
  const best = new Float64Array(n + 1).fill(Number.NEGATIVE_INFINITY)
  const from = new Int32Array(n + 1).fill(-1)
  best[0] = 0
  const counts = new Int32Array(vocabulary)
  const search = (maxSeconds: number) => {
    for (let i = 0; i < n; i++) {
      if (best[i] === Number.NEGATIVE_INFINITY) continue
      const cue = i === 0 ? 0 : cueWeight * blocks[i]!.cue
      let loglik = 0
      let length = 0
      let seconds = 0
      const touched: number[] = []
      for (let j = i; j < n; j++) {
        for (const id of words[j]!) {
          const seen = counts[id]!
          if (seen === 0) touched.push(id)
          loglik += countGain(seen + 1) - countGain(seen)
          counts[id] = seen + 1
        }
        length += words[j]!.length
        seconds += blocks[j]!.seconds
        // Past the longest chapter, by time or (whatever the clock says) by words, no segment is tried: this keeps the search linear in the text.
        if ((seconds > maxSeconds || length > maxSegmentWords) && j > i) break
        const end = j + 1
        const remaining = totalSeconds - (startOf[end] ?? totalSeconds)
        // A segment must be long enough, and leave room for one after it.
        if (seconds < options.minSeconds && end < n) continue
        if (end < n && remaining < options.minSeconds) continue
        const score = best[i]! + loglik + lgammaRatio(length) - perChapter + cue
        if (score > best[end]!) {
          best[end] = score
          from[end] = i
        }
      }
      for (const id of touched) counts[id] = 0
    }
  }
  search(options.maxSeconds)
  // A text whose stretches cannot all be kept under the maximum: allow longer ones.
  if (best[n] === Number.NEGATIVE_INFINITY) {
    best.fill(Number.NEGATIVE_INFINITY)
    best[0] = 0
    search(Number.POSITIVE_INFINITY)
  }
  if (best[n] === Number.NEGATIVE_INFINITY) return []
  const cuts: number[] = []
  for (let at = n; at > 0; at = from[at]!) if (from[at]! > 0) cuts.push(from[at]!)
  return cuts.reverse()
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
