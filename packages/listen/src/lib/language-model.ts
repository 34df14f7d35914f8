// An episode's own language model: what this transcript makes likely. A
// trigram model with absolute discounting, interpolated with the lower
// orders and written in ARPA's back-off form, which pocketsphinx reads.

/** How much of each seen count is given to words not seen after a context. */
const discount = 0.7
/** Add-k smoothing of single words, so every word of the transcript stays possible anywhere. */
const unigramK = 0.5

const log10 = (p: number) => (p > 0 ? Math.log10(p) : -99).toFixed(4)

/** The words in `sentences` that `known` allows, as ARPA text (`<s>` and `</s>` bracket each sentence). */
export function languageModel(sentences: string[][], known: (word: string) => boolean): {arpa: string; words: string[]} {
  const counts = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>()]
  const add = (order: number, key: string) => counts[order]!.set(key, (counts[order]!.get(key) ?? 0) + 1)
  for (const sentence of sentences) {
    const words = ['<s>', ...sentence.filter(known), '</s>']
    if (words.length === 2) continue
    for (let i = 0; i < words.length; i++) {
      add(0, words[i]!)
      if (i >= 1) add(1, `${words[i - 1]} ${words[i]}`)
      if (i >= 2) add(2, `${words[i - 2]} ${words[i - 1]} ${words[i]}`)
    }
  }
  const [unigrams, bigrams, trigrams] = counts as [Map<string, number>, Map<string, number>, Map<string, number>]
  if (unigrams.size === 0) return {arpa: '', words: []}

  // Single words: add-k over all but <s>, which starts every sentence and is never predicted.
  const vocabulary = [...unigrams.keys()].filter((w) => w !== '<s>').sort()
  const total = vocabulary.reduce((sum, w) => sum + unigrams.get(w)!, 0)
  const p1 = new Map(vocabulary.map((w) => [w, (unigrams.get(w)! + unigramK) / (total + unigramK * vocabulary.length)]))

  // A context's count (as a history) and how many different words follow it.
  const histories = (grams: Map<string, number>) => {
    const seen = new Map<string, {count: number; types: number}>()
    for (const [gram, count] of grams) {
      const history = gram.slice(0, gram.lastIndexOf(' '))
      const entry = seen.get(history) ?? {count: 0, types: 0}
      entry.count += count
      entry.types++
      seen.set(history, entry)
    }
    return seen
  }
  const h2 = histories(bigrams)
  const h3 = histories(trigrams)
  const lastWord = (gram: string) => gram.slice(gram.lastIndexOf(' ') + 1)
  const drop1 = (gram: string) => gram.slice(gram.indexOf(' ') + 1)

  const p2 = new Map<string, number>()
  for (const [gram, count] of bigrams) {
    const history = h2.get(gram.slice(0, gram.indexOf(' ')))!
    p2.set(gram, (count - discount) / history.count + ((discount * history.types) / history.count) * p1.get(lastWord(gram))!)
  }
  // P(w | a) for any a, w: seen, or backed off to the single word.
  const bow1 = backoffWeights(p2, (gram) => p1.get(lastWord(gram))!)
  const bigram = (gram: string) => p2.get(gram) ?? (bow1.get(gram.slice(0, gram.indexOf(' '))) ?? 1) * p1.get(lastWord(gram))!

  const p3 = new Map<string, number>()
  for (const [gram, count] of trigrams) {
    const history = h3.get(gram.slice(0, gram.lastIndexOf(' ')))!
    p3.set(gram, (count - discount) / history.count + ((discount * history.types) / history.count) * bigram(drop1(gram)))
  }
  const bow2 = backoffWeights(p3, (gram) => bigram(drop1(gram)))

  const lines = ['\\data\\', `ngram 1=${vocabulary.length + 1}`, `ngram 2=${p2.size}`, `ngram 3=${p3.size}`, '', '\\1-grams:']
  lines.push(`-99.0000 <s> ${log10(bow1.get('<s>') ?? 1)}`)
  for (const w of vocabulary) lines.push(`${log10(p1.get(w)!)} ${w} ${log10(bow1.get(w) ?? 1)}`)
  lines.push('', '\\2-grams:')
  for (const gram of [...p2.keys()].sort()) lines.push(`${log10(p2.get(gram)!)} ${gram} ${log10(bow2.get(gram) ?? 1)}`)
  lines.push('', '\\3-grams:')
  for (const gram of [...p3.keys()].sort()) lines.push(`${log10(p3.get(gram)!)} ${gram}`)
  lines.push('', '\\end\\', '')
  return {arpa: lines.join('\n'), words: vocabulary.filter((w) => w !== '</s>')}
}

/**
 * Back-off weights: for each context, the probability left over by the words
 * seen after it, spread over the others in proportion to the lower order.
 */
function backoffWeights(seen: Map<string, number>, lower: (gram: string) => number): Map<string, number> {
  const left = new Map<string, {higher: number; lower: number}>()
  for (const [gram, p] of seen) {
    const history = gram.slice(0, gram.lastIndexOf(' '))
    const entry = left.get(history) ?? {higher: 0, lower: 0}
    entry.higher += p
    entry.lower += lower(gram)
    left.set(history, entry)
  }
  const weights = new Map<string, number>()
  for (const [history, {higher, lower: low}] of left) weights.set(history, Math.max(1e-9, 1 - higher) / Math.max(1e-9, 1 - low))
  return weights
}
