import {parseArgs} from 'node:util'

export const usage = `Usage: publish-episode [options] [episode-folder | transcript.md ...]

Publishes every episode under content/episodes, or only those given: an
episode folder (transcript.md with episode.yaml) or a bare transcript file.
Episodes whose inputs have not changed since their last publish are skipped.

Options:
  --out DIR        where outputs go (default: out)
  --content DIR    the content folder (default: content)
  --cache DIR      where what was heard in episodes' audio is kept
                   (default: .cache/castline)
  --force          rebuild every episode, changed or not
  --jobs N         cards rendered and episodes built at once (default: one
                   per core); --jobs 1 builds one thing at a time
  --workers N      worker threads the builds run on (default: one per four
                   jobs, at least one); 0 builds in this thread, without the
                   --timeout and with Ctrl-C answered only between episodes
  --timeout S      seconds one episode may take before it fails (default 300)
  --max-bytes N    largest transcript, in bytes (default 16777216)
  --max-depth N    deepest nesting of quotes and lists (default 32)
  --max-turns N    most speaker turns in a transcript (default 20000)
  --check          build and validate everything, feed included; write nothing
  --suggest        write the automatic chapters, quotes and summary into each
                   episode folder's episode.yaml, to edit (fields already
                   there are kept); publishes nothing
  --strict         with --check, fail on warnings too
  --ads-cut-from-audio
                   the published audio has the ad breaks cut out: with a
                   timed transcript, times after each break move earlier
  --json           one JSON line per episode (the default in CI)
  --debug          print the stack of an unexpected error
  -h, --help       show this help
  -v, --version    show the version

Exit status: 0 when every episode was published (or checked), 1 when one
failed, 2 on bad usage, 130 when interrupted.
`

export const wholeNumber = (flag: string, value: string | undefined, least: number): number | undefined => {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value) || Number(value) < least || !Number.isSafeInteger(Number(value))) {
    throw new Error(`${flag} takes a whole number of ${least} or more, not '${value}'`)
  }
  return Number(value)
}

export function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      out: {type: 'string'},
      content: {type: 'string'},
      cache: {type: 'string'},
      force: {type: 'boolean'},
      jobs: {type: 'string'},
      workers: {type: 'string'},
      timeout: {type: 'string'},
      'max-bytes': {type: 'string'},
      'max-depth': {type: 'string'},
      'max-turns': {type: 'string'},
      debug: {type: 'boolean'},
      check: {type: 'boolean'},
      suggest: {type: 'boolean'},
      'ads-cut-from-audio': {type: 'boolean'},
      strict: {type: 'boolean'},
      json: {type: 'boolean'},
      help: {type: 'boolean', short: 'h'},
      version: {type: 'boolean', short: 'v'}
    }
  })
}


/** The command line's options, as parsed. */
export type Values = ReturnType<typeof parse>['values']
