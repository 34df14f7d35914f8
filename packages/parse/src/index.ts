export type {
  AdBreak,
  AdBreakEnd,
  Language,
  Person,
  Role,
  Section,
  SectionKind,
  SectionSummary,
  Speaker,
  SpeakerSummary,
  SpeakerTurn,
  StartTime,
  Timestamp
} from './lib/types.js'
export type {Options} from './lib/options.js'
export type {MarkerPattern, SponsorRef} from './lib/markers.js'
export type {StringifyOptions} from './lib/stringify.js'
export type {Sentence, SpeechRate} from './lib/text.js'
export type {StartTimeOptions, StartTimeResult} from './lib/start-times.js'
export {remarkSpeakers} from './lib/plugin.js'
export {remarkSpeakersStringify} from './lib/stringify.js'
export {estimateStartTimes} from './lib/start-times.js'
export {defaultAdMarkers, markerPattern} from './lib/markers.js'
export {defaultRoleLabels} from './lib/speakers.js'
export {SourceMap, locate} from './lib/source.js'
export {
  defaultSpeechRate,
  detectLanguage,
  formatTime,
  normalizeName,
  quoted,
  speechSeconds,
  splitSentences,
  timestampPattern,
  timestampSeconds
} from './lib/text.js'
