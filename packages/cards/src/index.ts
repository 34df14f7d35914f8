export type {CardQuote, CardSize, CardStyle} from './lib/card.js'
export type {CardInfo, CardProblem, CardsResult} from './lib/cards.js'
export {CardError, cardSizes, escapeMarkup, readLogo, renderCard} from './lib/card.js'
export {altText, renderCards} from './lib/cards.js'
