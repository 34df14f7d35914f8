export type {EpisodeConfig, PlaceOf, PodcastConfig} from './lib/config.js'
export {durationSeconds, episodeSchema, podcastSchema, readConfig, readConfigWithPlaces} from './lib/config.js'
