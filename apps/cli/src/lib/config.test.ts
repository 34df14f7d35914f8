import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {durationSeconds, episodeSchema, podcastSchema, readConfig} from './config.js'

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

  it('rejects a marker pattern that is not a regular expression', () => {
    const {messages} = check(`${show}\nsponsors:\n  - id: blitzy\n    name: Blitzy\n    markers: ['(']\n`, podcastSchema)
    expect(messages).toEqual(['13:15 `sponsors[0].markers[0]`: expected a valid regular expression, found "("'])
  })

  it('rejects a bad owner email', () => {
    const {messages} = check(show.replace('me@example.com', 'nobody'), podcastSchema)
    expect(messages[0]).toMatch(/^6:\d+ `owner.email`: .*email.*found "nobody"/i)
  })
})
