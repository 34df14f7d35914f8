// What the recognizer may hear: the transcript's words as they are spoken,
// lower case, numbers written out, sentence by sentence.

const ones = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen']
const tens = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety']

/** A whole number as it is said: `2024` is "twenty twenty four" (a year), `350` "three hundred fifty". */
export function numberWords(digits: string): string[] {
  const n = Number(digits)
  if (!Number.isSafeInteger(n)) return []
  // Leading zeros and long numbers are read digit by digit, as phone numbers and codes are.
  if ((digits.length > 1 && digits.startsWith('0')) || digits.length > 9) return [...digits].map((d) => ones[Number(d)]!)
  // Years: 1100 to 2099, except round thousands.
  if (digits.length === 4 && n >= 1100 && n < 2100 && n % 1000 !== 0 && !(n >= 2000 && n < 2010)) {
    const high = Math.floor(n / 100)
    const low = n % 100
    return [...below100(high), ...(low === 0 ? ['hundred'] : low < 10 ? ['oh', ones[low]!] : below100(low))]
  }
  return cardinal(n)
}

function below100(n: number): string[] {
  if (n < 20) return [ones[n]!]
  return n % 10 === 0 ? [tens[Math.floor(n / 10)]!] : [tens[Math.floor(n / 10)]!, ones[n % 10]!]
}

function cardinal(n: number): string[] {
  if (n < 100) return below100(n)
  const scales: Array<[number, string]> = [
    [1e9, 'billion'],
    [1e6, 'million'],
    [1e3, 'thousand'],
    [100, 'hundred']
  ]
  for (const [size, name] of scales) {
    if (n >= size) {
      const rest = n % size
      return [...cardinal(Math.floor(n / size)), name, ...(rest ? cardinal(rest) : [])]
    }
  }
  return []
}

// Markdown that is not said: speaker labels (`**Name:**`, `Name:` opening a line), links' addresses, tags, inline times.
const notSaid = /^[ \t>]*(?:\*\*[^*\n]{1,60}?[:：]\s*\*\*|\*\*[^*\n]{1,60}?\*\*[:：]|[\p{Lu}][\p{L}.'’ -]{0,40}[:：](?=\s))|\[\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?\]|\]\([^)]*\)|<[^>]+>|https?:\/\/\S+/gmu
const sentenceEnd = /(?<=[.!?…。！？])\s+|\n{2,}/u

/**
 * The transcript's sentences as lists of spoken words: lower case, curly
 * apostrophes straight, numbers and `%` written out, hyphens and slashes
 * apart. What has no letters is left out.
 */
export function spokenSentences(text: string): string[][] {
  const sentences: string[][] = []
  for (const sentence of decodeEntities(text).replace(notSaid, ' ').split(sentenceEnd)) {
    const words: string[] = []
    for (const match of sentence.toLowerCase().replace(/[’‘`]/g, "'").matchAll(/\d+(?:[.,]\d+)*%?|[\p{L}]+(?:'[\p{L}]+)*/gu)) {
      const token = match[0]
      if (/^\d/.test(token)) {
        const percent = token.endsWith('%')
        const [whole = '', fraction] = token.replace(/%$/, '').replace(/,(?=\d{3}\b)/g, '').split('.')
        words.push(...numberWords(whole))
        if (fraction) words.push('point', ...[...fraction].map((d) => ones[Number(d)]!))
        if (percent) words.push('percent')
      } else words.push(token)
    }
    if (words.length > 0) sentences.push(words)
  }
  return sentences
}

const named: Record<string, string> = {quot: '"', amp: '&', apos: "'", lt: '<', gt: '>', nbsp: ' '}
/** Character references as Markdown writes them (`&quot;`, `&#39;`): the character, not the word `quot`. */
function decodeEntities(text: string): string {
  return text.replace(/&(?:(quot|amp|apos|lt|gt|nbsp)|#(\d{1,6})|#x([\da-f]{1,5}));/gi, (whole, name: string | undefined, decimal: string | undefined, hex: string | undefined) => {
    if (name) return named[name.toLowerCase()] ?? whole
    const code = decimal ? Number(decimal) : Number.parseInt(hex!, 16)
    return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole
  })
}

const letterNames: Record<string, string> = {
  a: 'EY', b: 'B IY', c: 'S IY', d: 'D IY', e: 'IY', f: 'EH F', g: 'JH IY', h: 'EY CH', i: 'AY', j: 'JH EY', k: 'K EY', l: 'EH L', m: 'EH M',
  n: 'EH N', o: 'OW', p: 'P IY', q: 'K Y UW', r: 'AA R', s: 'EH S', t: 'T IY', u: 'Y UW', v: 'V IY', w: 'D AH B AH L Y UW', x: 'EH K S', y: 'W AY', z: 'Z IY'
}

/**
 * How a word the dictionary lacks is said when it looks like an acronym
 * (four letters at most, or no vowel; `css`, `npm`, `gpus`): letter by
 * letter, a plural's `s` as Z. Undefined for other words.
 */
export function spelledOut(word: string): string | undefined {
  // `gpus` is GPUs; `aws` and `css`, with a stem of two letters, are said whole.
  const plural = word.length >= 4 && word.endsWith('s')
  const stem = plural ? word.slice(0, -1) : word
  if (!/^[a-z]{2,6}$/.test(stem) || (stem.length > 4 && /[aeiouy]/.test(stem))) return undefined
  return `${[...stem].map((letter) => letterNames[letter]).join(' ')}${plural ? ' Z' : ''}`
}
