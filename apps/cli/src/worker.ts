// Runs in a worker thread of the pool: builds one episode and hands back
// plain data (outputs, messages, timings) for the main thread to write; or,
// once the builds are done, renders the feed, so that the main thread never
// loads the pipeline.
import type {ShowInfo} from '@castline/render'
import {type BuildOptions, buildEpisode} from './lib/episode.js'
import type {RenderedFeed} from './lib/feed.js'
import {renderFeed} from './lib/feed-render.js'
import {type SerializedResult, serializeResult} from './lib/messages.js'
import type {EpisodeSource} from './lib/sources.js'

export type WorkerTask = ({source: EpisodeSource} & BuildOptions) | {feed: {out: string; show: ShowInfo}}

export default async function run(task: WorkerTask): Promise<SerializedResult | RenderedFeed> {
  if ('feed' in task) return renderFeed(task.feed.out, task.feed.show)
  const {source, ...options} = task
  return serializeResult(await buildEpisode(source, options))
}
