// Runs in a worker thread of the pool: builds one episode and hands back
// plain data (outputs, messages, timings) for the main thread to write.
import type {EpisodeSource} from './sources.js'
import {type BuildOptions, buildEpisode} from './episode.js'
import {type SerializedResult, serializeResult} from './messages.js'

export default async function build({source, ...options}: {source: EpisodeSource} & BuildOptions): Promise<SerializedResult> {
  return serializeResult(await buildEpisode(source, options))
}
