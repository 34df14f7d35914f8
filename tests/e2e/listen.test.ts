import {execFileSync} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import {mkdir, readFile, readdir, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {checkCaptions} from './captions.js'
import {project, publish, root} from './helpers.js'
import {type Voice, speak, turnsOf} from '@castline/bench/speech'

// Audio in, real times out: the episode's own audio, heard offline, gives the
// clock. The audio is made here with espeak-ng and sox, so each turn's true
// start is known.

const conversation = await readFile(join(root, 'tests/fixtures/audio/conversation.md'), 'utf8')
const people = `people:
  - {id: ana, name: Ana Host, role: host}
  - {id: ben, name: Ben Guest, role: guest}
  - {id: cleo, name: Cleo Guest, role: guest}
`
const audioYaml = 'audio: {url: "https://example.com/water.mp3", length: 3000000, type: audio/mpeg}\n'

/** Turns whose published start is within a second of the truth, and the worst miss. */
function score(published: number[], truth: number[]) {
  expect(published.length).toBe(truth.length)
  const misses = published.map((start, k) => Math.abs(start - truth[k]!))
  return {within: misses.filter((miss) => miss <= 1).length / misses.length, worst: Math.max(...misses), misses}
}

async function episode(dir: string, slug: string) {
  return JSON.parse(await readFile(join(dir, 'out', slug, 'episode.json'), 'utf8'))
}

const turnStarts = (json: {turns: Array<{start: {seconds: number}}>}) => json.turns.map((t) => t.start.seconds)

describe('audio in', () => {
  it('gives each turn the time it is said, through voices, tempo, pitch, noise, music and an ad the text lacks', async () => {
    const dir = await project()
    await rm(join(dir, 'content/episodes'), {recursive: true})
    const turns = turnsOf(conversation)
    const scenarios: Record<string, {voices: Record<string, Voice>; out: string; options?: object}> = {
      // Three voices, each as espeak speaks it.
      plain: {voices: {'Ana Host': {voice: 'en-us+f3'}, 'Ben Guest': {voice: 'en-us+m3'}, 'Cleo Guest': {voice: 'en-gb+f2'}}, out: 'audio.mp3'},
      // Faster and slower, higher and lower, long and short pauses, pink noise 15 dB under the speech,
      // eight seconds of music first, and a sponsor's read the transcript does not have.
      rough: {
        voices: {
          'Ana Host': {voice: 'en-us+f3', speed: 175, tempo: 1.1},
          'Ben Guest': {voice: 'en-gb+m3', speed: 150, pitch: -200},
          'Cleo Guest': {voice: 'en-gb-scotland+f2', speed: 180, tempo: 0.92, pitch: 150}
        },
        out: 'audio.wav',
        options: {
          pauses: [0.3, 1.2, 0.5, 2, 0.8],
          intro: 8,
          noiseDb: 15,
          ad: {after: 11, text: 'This episode is brought to you by Sunbeam Mattress. Sleep better tonight with a mattress that keeps you cool all night long. Go to sunbeam dot com slash show and use the code rest for twenty percent off.', voice: {voice: 'en-us+m1', speed: 190}}
        }
      }
    }
    const truth: Record<string, number[]> = {}
    for (const [slug, scenario] of Object.entries(scenarios)) {
      const folder = join(dir, 'content/episodes', slug)
      await mkdir(folder, {recursive: true})
      await writeFile(join(folder, 'transcript.md'), conversation)
      await writeFile(join(folder, 'episode.yaml'), `title: Water and repair (${slug})\nguid: ${slug}\npublished: 2026-01-02\n${audioYaml}${people}`)
      truth[slug] = speak({turns, voices: scenario.voices, out: join(folder, scenario.out), ...scenario.options})
    }

    const run = await publish(dir, ['--jobs', '2'])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toMatch(/listened to content\/episodes\/plain\/audio\.mp3: 3:0\d of audio/)
    expect(run.stderr).not.toMatch(/no-duration/)
    for (const slug of Object.keys(scenarios)) {
      const json = await episode(dir, slug)
      expect(json.timing.estimated, slug).toBe(false)
      const {within, worst, misses} = score(turnStarts(json), truth[slug]!)
      expect(within, `${slug}: ${misses.map((m) => m.toFixed(2)).join(' ')}`).toBeGreaterThanOrEqual(0.95)
      expect(worst, `${slug}: ${misses.map((m) => m.toFixed(2)).join(' ')}`).toBeLessThanOrEqual(3)

      // What a podcast app receives: chapters, captions and soundbites, from the audio alone.
      const feed = await readFile(join(dir, 'out/feed.xml'), 'utf8')
      const item = feed.split('<item>').find((part) => part.includes(`<guid isPermaLink="false">${slug}</guid>`))!
      expect(item, slug).toMatch(/<podcast:chapters [^>]*type="application\/json\+chapters"/)
      expect(item, slug).toMatch(/<podcast:transcript [^>]*type="text\/vtt"[^>]*rel="captions"/)
      expect(item, slug).toMatch(/<podcast:soundbite startTime="[\d.]+" duration="[\d.]+">/)
      // episode.yaml gives no duration: the audio's own length is the item's.
      const seconds = Number(execFileSync('soxi', ['-D', join(dir, 'content/episodes', slug, scenarios[slug]!.out)], {encoding: 'utf8'}))
      expect(item, slug).toContain(`<itunes:duration>${Math.round(seconds)}</itunes:duration>`)
      // Each caption starts within a second of its turn's true start when it opens a turn.
      const cues = checkCaptions(await readFile(join(dir, 'out', slug, 'transcript.vtt'), 'utf8'))
      const opening = cues.filter((cue) => cue.text.startsWith('<v '))
      expect(opening.length, slug).toBeGreaterThanOrEqual(truth[slug]!.length * 0.9)
      if (slug === 'rough') {
        // No caption shows during the sponsor read the text lacks (after turn 11's few words, before turn 12).
        const during = cues.filter((cue) => cue.startTime > truth[slug]![11]! + 4 && cue.startTime < truth[slug]![12]! - 0.5)
        expect(during.map((cue) => `${cue.startTime} ${cue.text}`)).toEqual([])
      }
    }

    // A rerun does not listen again, nor does a change to episode.yaml: the words heard are cached by the audio's and the transcript's hashes.
    const again = await publish(dir, [])
    expect(again.code).toBe(0)
    expect(again.stderr).not.toMatch(/listen/)
    expect(again.stdout).toMatch(/plain: unchanged/)
    const before = turnStarts(await episode(dir, 'plain'))
    const yaml = join(dir, 'content/episodes/plain/episode.yaml')
    await writeFile(yaml, (await readFile(yaml, 'utf8')).replace('Water and repair (plain)', 'Water, repair and small fights'))
    const edited = await publish(dir, [])
    expect(edited.code).toBe(0)
    expect(edited.stderr).not.toMatch(/listen/)
    expect((await episode(dir, 'plain')).title).toBe('Water, repair and small fights')
    expect(turnStarts(await episode(dir, 'plain'))).toEqual(before)
    expect((await readdir(join(dir, '.cache/castline'))).filter((name) => name.startsWith('plain.'))).toHaveLength(1)
  }, 600_000)

  it('listens to the audio episode.yaml names, wherever it is', async () => {
    const dir = await project()
    await rm(join(dir, 'content/episodes'), {recursive: true})
    const folder = join(dir, 'content/episodes/named')
    await mkdir(join(dir, 'media'), {recursive: true})
    await mkdir(folder, {recursive: true})
    const turns = turnsOf(conversation).slice(0, 6)
    await writeFile(join(folder, 'transcript.md'), turns.map((t) => `**${t.speaker}:** ${t.text}`).join('\n\n'))
    await writeFile(join(folder, 'episode.yaml'), `title: Named\nguid: named\npublished: 2026-01-02\naudio: {url: "https://example.com/n.mp3", length: 1000, type: audio/mpeg, file: ../../../media/named.mp3}\n${people}`)
    const truth = speak({turns, voices: {'Ana Host': {voice: 'en-us+f3'}, 'Ben Guest': {voice: 'en-gb+m3'}, 'Cleo Guest': {voice: 'en-gb+f2'}}, out: join(dir, 'media/named.mp3')})
    // --check listens too, and writes nothing: not even the cache.
    const check = await publish(dir, ['--check'])
    expect(check.code, check.stderr).toBe(0)
    expect(check.stderr).toMatch(/listened to media\/named\.mp3/)
    await expect(readdir(join(dir, '.cache'))).rejects.toThrow()
    const run = await publish(dir, [])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toMatch(/listened to media\/named\.mp3/)
    const json = await episode(dir, 'named')
    expect(json.timing.estimated).toBe(false)
    expect(score(turnStarts(json), truth).worst).toBeLessThanOrEqual(1)
  }, 300_000)

  it('keeps estimated times, with a clear warning, for audio it cannot hear', async () => {
    const dir = await project()
    await rm(join(dir, 'content/episodes'), {recursive: true})
    const make = async (slug: string, transcript: string, audio: (path: string) => void, name = 'audio.wav') => {
      const folder = join(dir, 'content/episodes', slug)
      await mkdir(folder, {recursive: true})
      await writeFile(join(folder, 'transcript.md'), transcript)
      await writeFile(join(folder, 'episode.yaml'), `title: ${slug}\nguid: ${slug}\npublished: 2026-01-02\n${people}`)
      audio(join(folder, name))
    }
    const chinese = '**Ana Host：** 欢迎回到节目。今天我们聊聊水和修理。\n\n**Ben Guest：** 谢谢邀请，很高兴来到这里。\n'
    await make('chinese', chinese, (path) => execFileSync('espeak-ng', ['-v', 'cmn', '-w', path, '欢迎回到节目。今天我们聊聊水和修理。谢谢邀请，很高兴来到这里。']))
    const english = '**Ana Host:** Welcome back to the show.\n\n**Ben Guest:** Thanks for having me.\n'
    // Not audio at all, under an audio file's name (the same bytes every run).
    await make('corrupt', english, (path) => writeFileSync(path, Buffer.from('ID3 this is a text file, not an MP3. '.repeat(400))), 'audio.mp3')
    await make('silent', english, (path) => execFileSync('sox', ['-n', '-r', '16000', '-c', '1', path, 'trim', '0', '20']))
    // A FIFO named as the audio would block a read forever: refused, as every input is.
    await make('fifo', english, (path) => execFileSync('mkfifo', [path]), 'audio.mp3')
    // Another episode's audio: heard, but it does not match this transcript.
    const other = '**Ana Host:** Today we cook. Take two onions, slice them thin, and fry them slowly in butter until they turn golden brown.\n\n**Ben Guest:** Then add garlic, a spoon of flour, and a cup of stock. Stir it for ten minutes, season it with salt and pepper, and serve it with bread.\n'
    await make('wrong', other, (path) => speak({turns: turnsOf(conversation).slice(0, 8), voices: {'Ana Host': {voice: 'en-us+f3'}, 'Ben Guest': {voice: 'en-us+m3'}, 'Cleo Guest': {voice: 'en-gb+f2'}}, out: path}))
    const run = await publish(dir, [])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toMatch(/transcript matches the words heard in audio\.wav: is it the same episode\? Its times are not used\s+timed-mismatch/)
    expect(run.stderr).toMatch(/content\/episodes\/chinese\/audio\.wav\n.*English only.*Chinese.*times stay estimated\s+audio-language/)
    expect(run.stderr).toMatch(/content\/episodes\/corrupt\/audio\.mp3\n.*cannot be decoded.*times stay estimated\s+audio-unreadable/)
    expect(run.stderr).toMatch(/content\/episodes\/silent\/audio\.wav\n.*silent.*times stay estimated\s+audio-silent/)
    expect(run.stderr).toMatch(/The audio content\/episodes\/fifo\/audio\.mp3 cannot be read \(Expected a regular file, found a FIFO/)
    for (const slug of ['chinese', 'corrupt', 'silent', 'wrong', 'fifo']) expect((await episode(dir, slug)).timing.estimated, slug).toBe(true)
  }, 300_000)
})

