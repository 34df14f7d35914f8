export {durationLabel, episodePage} from './lib/episode-page.js'
export {madeByCastline, showPage, showSite, sitemap} from './lib/show.js'
