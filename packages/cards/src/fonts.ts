// confineFonts alone, for a thread that starts card-rendering workers but
// renders none itself: it need not load sharp, fontkit and the card layout.
export {confineFonts} from './lib/font-files.js'
