export {durationLabel, episodePage} from './lib/episode-page.js'
export {madeByCastline, robots, showPage, showSite, sitemap} from './lib/show.js'
