import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {durationSeconds, episodeSchema, podcastSchema, readConfig, readConfigWithPlaces} from './config.js'

function check(text: string, schema: typeof episodeSchema | typeof podcastSchema = episodeSchema) {
  const file = new VFile({path: 'content/episodes/x/episode.yaml', value: text})
  const data = readConfig(file, schema as typeof episodeSchema)
  return {data, messages: file.messages.map((m) => `${m.line}:${m.column} ${m.reason}`), fatal: file.messages.every((m) => m.fatal)}
}

const person = 'people:\n  - id: elon\n    name: Elon Musk\n    role: guest\n'

describe('episode.yaml', () => {
  it('accepts a valid episode and fills defaults', () => {
    const {data, messages} = check(`title: Hello\nduration: "1:02:03"\n${person}`)
    expect(messages).toEqual([])
    expect(data?.episodeType).toBe('full')
    expect(data?.people[0]?.aliases).toEqual([])
    expect(durationSeconds(data?.duration)).toBe(3723)
  })

  it('names the field, what was expected and what was found, at its line', () => {
    const {data, messages, fatal} = check(`title: Hello\nnumber: one\n${person.replace('guest', 'boss')}`)
    expect(data).toBeUndefined()
    expect(fatal).toBe(true)
    expect(messages).toEqual([
      '2:9 `number`: expected a number, found "one"',
      '6:11 `people[0].role`: expected one of host, co-host, guest, guest-host, announcer, producer, found "boss"'
    ])
  })

  it('takes a name per language, keyed by a language code', () => {
    const {data, messages} = check(`title: Hello\n${person}    names: {zh: 埃隆·马斯克}\n`)
    expect(messages).toEqual([])
    expect(data?.people[0]?.names).toEqual({zh: '埃隆·马斯克'})
    expect(check(`title: Hello\n${person}    names: {Chinese: 埃隆·马斯克}\n`).messages[0]).toMatch(/expected a language code such as zh or en/)
  })

  it('reports an unknown field and a missing one', () => {
    const {messages} = check(`titel: Hello\n${person}`)
    expect(messages).toEqual(['1:1 `title` is missing: expected a string', '1:1 unknown field `titel`'])
  })

  it('reports broken YAML with its position', () => {
    const {messages} = check('title: [unclosed\npeople: x\n')
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatch(/^\d+:\d+ Broken YAML: /)
  })

  it('rejects a date that does not exist', () => {
    expect(check(`title: A\npublished: 2025-02-30x\n${person}`).messages[0]).toMatch(/^2:12 `published`: expected a date/)
  })
})

describe('podcast.yaml', () => {
  const show = [
    'title: Show',
    'link: https://example.com',
    'description: About',
    'language: zh',
    'author: Me',
    'owner: {name: Me, email: me@example.com}',
    'image: https://example.com/a.jpg',
    'categories: [Technology]',
    'explicit: false'
  ].join('\n')

  it('accepts a show with sponsors', () => {
    const {data, messages} = check(`${show}\nsponsors:\n  - id: blitzy\n    name: Blitzy\n    markers: ['Blitz(y|i)']\n`, podcastSchema)
    expect(messages).toEqual([])
    expect(data).toMatchObject({sponsors: [{id: 'blitzy', aliases: [], allowMentions: false}]})
  })

  it("takes the show's other names, none by default, and refuses an empty one", () => {
    const aliases = (text: string) => (check(text, podcastSchema).data as {aliases?: string[]} | undefined)?.aliases
    expect(aliases(show)).toEqual([])
    expect(aliases(`${show}\naliases: [Moonshots, 登月计划]\n`)).toEqual(['Moonshots', '登月计划'])
    expect(check(`${show}\naliases: ['']\n`, podcastSchema).messages).toEqual([expect.stringMatching(/^10:\d+ `aliases\[0\]`/)])
  })

  it('rejects a marker pattern that is not a regular expression', () => {
    const {messages} = check(`${show}\nsponsors:\n  - id: blitzy\n    name: Blitzy\n    markers: ['(']\n`, podcastSchema)
    expect(messages).toEqual([expect.stringMatching(/^13:15 `sponsors\[0\]\.markers\[0\]`: expected a regular expression in RE2 syntax: .*found "\("$/)])
  })

  it('rejects a pattern RE2 cannot run in linear time, such as lookahead', () => {
    const {messages} = check(`${show}\nsponsors:\n  - id: blitzy\n    name: Blitzy\n    markers: ['(?=ad)ad']\n`, podcastSchema)
    expect(messages[0]).toMatch(/^13:15 .*RE2 syntax: .*no lookaround/)
  })

  it('accepts only http(s) links without markup', () => {
    for (const bad of ['"javascript:alert(1)"', 'data:text/html,x', '"https://example.com/<x>"', 'ftp://example.com/a.jpg']) {
      const {messages} = check(show.replace(/^image: .*$/m, `image: ${bad}`), podcastSchema)
      expect(messages, bad).toEqual([expect.stringMatching(/`image`: expected (an http|a URL without)/)])
    }
  })

  it('refuses an alias bomb instead of expanding it', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`)]
    const {messages} = check(`${bomb.join('\n')}\n`, podcastSchema)
    expect(messages).toEqual([expect.stringMatching(/^1:1 YAML cannot be read: Excessive alias count/)])
  })

  it('rejects a bad owner email', () => {
    const {messages} = check(show.replace('me@example.com', 'nobody'), podcastSchema)
    expect(messages[0]).toMatch(/^6:\d+ `owner.email`: .*email.*found "nobody"/i)
  })
})

describe("episode.yaml: the producer's choices", () => {
  const base = `title: Hello\n${person}`

  it('accepts chapters, quotes, a summary and cards, and says where each was written', () => {
    const text = `${base}chapters:\n  - at: "00:00:00"\n    title: Opening\n  - at: 你认为还需要多久\n    title: AGI 时间表\nquotes:\n  pin: [我们正身处奇点之中。]\nsummary: A conversation.\ncards: pinned\n`
    const file = new VFile({path: 'episode.yaml', value: text})
    const read = readConfigWithPlaces(file, episodeSchema)
    expect(file.messages).toEqual([])
    expect(read?.data.chapters).toEqual([
      {at: '00:00:00', title: 'Opening'},
      {at: '你认为还需要多久', title: 'AGI 时间表'}
    ])
    expect(read?.data.quotes).toEqual({pin: ['我们正身处奇点之中。'], exclude: []})
    expect(read?.place(['chapters', 1, 'at'])).toEqual({line: 9, column: 9})
    expect(read?.place(['quotes', 'pin', 0])).toEqual({line: 12, column: 9})
  })

  it('refuses chapters and titles together, a text both pinned and excluded, and a bad time', () => {
    expect(check(`${base}chapters:\n  - {at: x, title: A}\ntitles: {2: B}\n`).messages).toEqual([
      expect.stringMatching(/^8:\d+ `titles`: expected either `chapters` \(the whole list\) or `titles`/)
    ])
    expect(check(`${base}quotes:\n  pin: [Same words.]\n  exclude: [Same words.]\n`).messages).toEqual([
      expect.stringMatching(/^8:\d+ `quotes.exclude\[0\]`: expected a text not also pinned/)
    ])
    expect(check(`${base}chapters:\n  - at: "1:99:00"\n    title: A\n`).messages[0]).toMatch(/`chapters\[0\]\.at`: expected a time such as 00:42:10/)
    expect(check(`${base}titles: {first: A}\n`).messages[0]).toMatch(/expected a chapter number/)
    expect(check(`${base}cards: some\n`).messages[0]).toMatch(/`cards`/)
  })
})
