export type {Options} from './lib/options.js'
export type {Redaction, Sponsor} from './lib/types.js'
export {remarkRedactAds} from './lib/plugin.js'
export {defaultCallsToAction} from './lib/options.js'
