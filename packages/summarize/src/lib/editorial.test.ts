import {describe, expect, it} from 'vitest'
import {hedging, isBoilerplate, memorability, sponsorSignals, spokenness} from './editorial.js'
import {phrases} from './phrases.js'
import {standsAlone} from './quotes.js'
import {nameInLanguage} from './summary.js'

describe('what an editor leaves out', () => {
  it('knows greetings, thanks, sign-offs, introductions and biography, in both languages', () => {
    for (const line of [
      "Welcome back to the show, it's great to have you here.",
      "I'm joined as always by my co-host, who runs platform at a bank.",
      "I'm not sure there were other episodes, but we will find out. Mystery. And we are joined today by Mike Eastham.",
      "Hey friends, I'm Sam and this is Weekly Build for the week of May 3rd.",
      'Thanks so much for having me, this was a lot of fun.',
      "That's all for this week, see you next time.",
      'I joined the company in March of 2019 as the first engineer.',
      'When I joined Acme, the product had not launched yet.',
      'Hi, Dana and Chris! Thanks so much for inviting me on your show.',
      'Prior to joining the platform team I had been working as a product engineer.',
      "I've been living here for about 15 years, and I moved here after I was at University and I was studying engineering at university.",
      '感谢大家收听本期节目，我们下期再见。',
      '大家好，欢迎来到今天的节目。'
    ]) {
      expect(isBoilerplate(line), line).toBe(true)
    }
    for (const line of ['A feature store keeps training and serving from drifting apart.', 'People who live in cities use voice assistants differently.', 'Thanks to caching, every page loads in fifty milliseconds.', '能源是一切的基础，没有电什么都做不了。']) {
      expect(isBoilerplate(line), line).toBe(false)
    }
  })

  it('scores an unmarked sponsor read, and not a conversation that names a company', () => {
    expect(sponsorSignals('This episode is brought to you by Linode. Go to linode.com/changelog and get $100 in credit.')).toBeGreaterThanOrEqual(2)
    expect(sponsorSignals('Use the code BUILD for 20% off your first year.')).toBeGreaterThanOrEqual(2)
    expect(sponsorSignals('本期节目由某某赞助播出，使用优惠码可以免费试用一个月。')).toBeGreaterThanOrEqual(2)
    expect(sponsorSignals('We moved our build from Jenkins to GitHub Actions last year and it was painful.')).toBeLessThan(2)
  })

  it('sees what makes a line worth posting, and what makes it weak', () => {
    expect(memorability('Every company will have to rethink its data pipeline in the next five years.')).toBeGreaterThan(0)
    expect(memorability("It's not the model that matters, but the data you feed it.")).toBeGreaterThan(0)
    expect(memorability('做一个乐观但犯错的人，总比做一个悲观但正确的人要好。')).toBeGreaterThan(0)
    expect(memorability('We had lunch.')).toBe(0)
    expect(hedging("I don't know, it's kind of a thing, I guess.")).toBe(1)
  })

  it('never takes a sentence fragment for a quote', () => {
    expect(standsAlone('we had to drive forty minutes to the nearest dealer.')).toBe(false)
    expect(standsAlone(', they usually find out later.')).toBe(false)
    expect(standsAlone('[laughs] That is the whole point.')).toBe(false)
    expect(standsAlone('He said "we will ship it and then.')).toBe(false)
    expect(standsAlone('Shipping small changes often is how you stay calm on call.')).toBe(true)
  })

  it('never opens a quote with a reply or a word that points back (lines from founders-talk-53 and the-changelog-493)', () => {
    expect(standsAlone("There you go, yeah. I think the thing too is like, you don't know going into the process of selling your company what you're going to get.")).toBe(false)
    expect(standsAlone("I totally agree. And I think even beyond that, I think it's partly about mistakes.")).toBe(false)
    expect(standsAlone('Otherwise, it feels like a sales pitch, it feels like a marketing pitch.')).toBe(false)
    expect(standsAlone('Their needs and pains are quite different than the rest of the customers on our platform.')).toBe(false)
    expect(hedging('You should totally be rocking out in Helsinki right now, by the way.')).toBeGreaterThan(0)
    expect(standsAlone("In the moment, yeah. So then you don't know the difference.")).toBe(false)
    expect(standsAlone('Going a step further, so that you have enough understanding that you can relay back the value to others.')).toBe(false)
  })

  it('never takes a quote with a tag said to the listener after its thought, but keeps a short punchline', () => {
    expect(standsAlone('我可不想让最好的眼科医生拿着激光器对着我的眼球，懂吗？天哪。是的，想想都怕。')).toBe(false)
    expect(standsAlone('Nobody reads the docs until the pager goes off. Right?')).toBe(false)
    expect(standsAlone('We tried every cache we could find. Nothing worked.')).toBe(true)
    expect(standsAlone('过渡期会很坎坷。真的很难。')).toBe(true)
  })

  it("leaves the show's own plans and its calls to the audience out of quotes (go-time-295, practical-ai-241, go-time-215)", () => {
    expect(isBoilerplate('Maybe we will have Nicola on for episode two, for part two.')).toBe(true)
    expect(isBoilerplate("On the next one I'll come up with something controversial, I promise.")).toBe(true)
    expect(isBoilerplate('There is no secure way to use math/rand up to now.')).toBe(false)
    expect(isBoilerplate('There will be a Twitter survey; we will see how unpopular is your unpopular opinion.')).toBe(true)
    expect(isBoilerplate('Most surveys of developers ask the wrong question about testing.')).toBe(false)
  })
})

describe('key phrases', () => {
  it('finds multiword phrases, names and quoted concepts in English', () => {
    const found = phrases('Tecton builds a feature store. The feature store serves features to Go services, and people call it "online serving".')
    const surfaces = found.map((p) => p.surface)
    expect(surfaces).toContain('feature store')
    expect(found.find((p) => p.surface === 'Go')?.proper).toBe(true)
    expect(found.find((p) => p.surface === 'online serving')?.quoted).toBe(true)
    // Quoted speech is not a concept.
    expect(phrases('And he said "Oh, cool, let\'s go."').some((p) => p.quoted)).toBe(false)
  })

  it('merges Chinese nouns into phrases and keeps quoted concepts, not quoted speech', () => {
    const found = phrases('我们谈到了“全民高收入”和人形机器人。他说：“他能拿我怎么样？”')
    const surfaces = found.map((p) => p.surface)
    expect(surfaces).toContain('全民高收入')
    expect(surfaces.some((s) => s.includes('机器人'))).toBe(true)
    expect(surfaces).not.toContain('他能拿我怎么样')
  })
})

describe('people named in the episode’s language', () => {
  const elon = {name: 'Elon Musk', aliases: ['马斯克', '埃隆·马斯克']}
  it('takes the name episode.yaml gives for the language, else the first Chinese alias in a Chinese episode', () => {
    expect(nameInLanguage({...elon, names: {zh: '埃隆·马斯克'}}, 'zh')).toBe('埃隆·马斯克')
    expect(nameInLanguage(elon, 'zh')).toBe('马斯克')
    expect(nameInLanguage({...elon, names: {zh: '埃隆·马斯克'}}, 'en')).toBe('Elon Musk')
    expect(nameInLanguage({name: '马斯克', names: {en: 'Elon Musk'}}, 'en')).toBe('Elon Musk')
    expect(nameInLanguage({name: 'Grok'}, 'zh')).toBe('Grok')
  })
})

describe('what reads as talk, not as a written summary', () => {
  it('scores self-interruptions, filler, a speaker framing their turn and a leaning opening, from real episodes', () => {
    // Lines real summaries picked before (the-changelog, practical-ai, js-party, changelog--friends).
    expect(spokenness("I'll double down and go a little bit deeper on the ownership piece of learning.")).toBeGreaterThanOrEqual(2 / 3)
    expect(spokenness("If it's okay, I'll take a minute to explain why we're called Semantic Scholar.")).toBeGreaterThanOrEqual(2 / 3)
    expect(spokenness('Are we gonna get like -- again, we\'re generating a lot of good science fiction ideas today, guys.')).toBe(1)
    expect(spokenness("I think we'll get into it a little bit later in the podcast what it means to have a feature store product.")).toBeGreaterThanOrEqual(2 / 3)
    expect(spokenness('所以我觉得就是说，这个东西对吧，很难。')).toBe(1)
    // Claims as an editor would keep them.
    expect(spokenness('A very tight feedback loop is extremely satisfying.')).toBe(0)
    expect(spokenness('Go has a great AWS SDK, so we can do all of our automated AWS stuff in a Mage file, and it just works.')).toBe(0)
    expect(spokenness('假设我们的目标仅仅是获取太阳能量的百万分之一，那也比地球上目前可能生产的所有能量总和还要高出一千倍。')).toBe(0)
  })

  it('knows a request for a review as a sign-off, a guest welcomed by name and a sponsor thanked', () => {
    expect(isBoilerplate('Leave us a 5-star review if you dig our work, and I\'ll talk to you again real soon.')).toBe(true)
    expect(isBoilerplate('We have Catherine with us today to talk about all sorts of things related to speech technology. Welcome, Catherine.')).toBe(true)
    expect(isBoilerplate('Thanks once again to Fly.io for sponsoring Changelog News.')).toBe(true)
    expect(isBoilerplate('And at the end of the day, everyone be kind, welcome more folks in, and let\'s keep building great technology together.')).toBe(false)
  })
})
