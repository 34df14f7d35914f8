// What an editor leaves out of pull quotes and the summary, and what makes a
// line worth posting. Patterns for English and Chinese, tested in
// editorial.test.ts on lines from real transcripts.

/** Greetings, thanks, sign-offs, introductions, self-introductions and biography. */
const boilerplateEn = [
  // A greeting or thanks, wherever in the line.
  /^(?:hi|hello|hey|good (?:morning|afternoon|evening)|welcome)\b|\bthanks?(?: you)?(?: so much| very much| a lot| again)? for\b|\b(?:great|good|happy|glad|nice|excited) to (?:be here|be on|have you|see you|talk to you)\b/iu,
  // A guest welcomed by name, or introduced as here with us; a sponsor thanked.
  // (Case matters for the name, so the words' first letters are written both ways.)
  /\b[Ww]elcome,? \p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)?[.!]|\b[Ww]e have \p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)? (?:with us|here|on the show)\b|\b[Tt]hanks? (?:once |yet )?again to\b|\bfor sponsoring\b/u,
  // Where the speaker worked and when: biography, not a claim.
  /\b(?:prior to (?:joining|that|this)|before joining|i(?:'d| had| have|'ve) been working (?:as|at|for|on)|i started my career|my background is|i(?:'m| am) the (?:founder|ceo|cto|creator) of)\b/iu,
  // Where the speaker has lived and studied.
  /\bi(?:'ve| have)? (?:been )?liv(?:ed|ing) (?:here|there|in)\b|\bi moved (?:here|there) (?:after|when|from|in)\b|\bi was (?:studying|at university|in college)\b/iu,
  /\b(?:welcome (?:to|back)|thanks? (?:so much |very much )?(?:for (?:having|joining|coming|listening|being)|to (?:our|all)|everyone|everybody)|thank you (?:so much |very much )?(?:for|to|all|everyone)|great to (?:have|be|see) you|good to (?:have|be|see) you|happy to be here|glad to be here|nice to meet)\b/iu,
  /\b(?:what up|welcome[.!]|congratulations,? (?:everyone|everybody)|i'?m \p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)?,? and (?:this is|welcome|you'?re listening)|you'?re listening to|(?:i'?m|i am|we'?re|we are) (?:\w+ ){0,2}joined|joining (?:me|us)|my co-?hosts?|with me (?:today|as always)|today (?:i'?m|we'?re) (?:talking|joined|here)|on (?:today'?s|this) (?:show|episode)|this (?:is|has been) (?:\w+ ){0,4}(?:podcast|show|episode)|what'?s up|hello,? (?:everyone|everybody|friends)|hey,? (?:everyone|everybody|friends))\b/iu,
  // The show's own plans: another episode, a part two, the next one.
  /\b(?:(?:next|another|future) episode|episode (?:one|two|three|\d+)|part (?:two|three|2|3)|the next one)\b/iu,
  // A call to the audience: a poll or survey to vote in, comments to leave (Go Time's "There will be a Twitter survey").
  /\b(?:(?:twitter|online|listener) (?:poll|survey)|there will be a (?:poll|survey|vote)|(?:go |please )?vote (?:on|in) (?:the|our|this)|let us know in the comments|leave (?:us )?a comment|tweet (?:at|us))\b/iu,
  /\b(?:see you (?:next|soon|then|around)|talk to you (?:soon|later|next)|until next time|that'?s (?:all|it) for|bye(?:-bye)?\b|catch you|show notes|subscribe|follow us|leave (?:us )?an? (?:[\w-]+ )?review|rate (?:us|the show)|like and subscribe)/iu,
  /^(?:my name is|i'?m (?:a|an|the) [\w\s-]{2,40} (?:at|with|for|from)|i (?:work|worked) (?:at|for|on)|i (?:joined|founded|started|co-?founded) [\w\s-]{1,40} (?:in|back in) (?:\d{4}|[a-z]+ of)|i (?:grew up|was born|studied|graduated|went to school))\b/iu,
  /\b(?:was founded in \d{4}|(?:co-?)?founders? (?:were|was) (?:all )?at|i (?:was|am) the first (?:engineer|employee|hire)|when i (?:joined|started at|was at|moved to)|before (?:that|this),? i (?:was|worked)|i(?:'ve| have) been (?:at|with) [\w\s-]{1,30} (?:for|since)|i spent (?:\d+|a few|several|many) years)/iu
]

/** Hedges and asides: a line said with "I don't know", "kind of" or "by the way" is not one to put on a card. */
const hedges = /\b(?:i don'?t know|i'?m not sure|i guess|i think maybe|kind of|sort of|or something|or whatever|you know|by the way)\b|不知道|我猜|可能吧|大概吧|之类的/giu

export function hedging(text: string): number {
  return Math.min(1, (text.match(hedges) ?? []).length / 2)
}

/**
 * A story of what the speaker did ("I released…", "we had to…", 我当时…):
 * colour in the conversation, seldom the line to post or the claim to sum up.
 */
const anecdote = /\b(?:i|we) (?:was|were|had|did|went|released|joined|started|built|moved|got|made|used to|ended up|decided)\b|我(?:当时|那时|曾经|以前)|我们(?:当时|那时)/iu

export function isAnecdote(text: string): boolean {
  return anecdote.test(text)
}
const boilerplateZh = /欢迎(?:来到|收听|回来|大家)|谢谢(?:你|您|大家|邀请|收听)|感谢(?:你|您|大家|收听|邀请)|大家好|再见|下期(?:见|再见)|订阅|关注我们|本期节目|我是(?:主持人|本期)|我的名字是|(?:出生|毕业|成长)于|创立于\d|很高兴(?:来到|见到|和你)/u

export function isBoilerplate(text: string): boolean {
  return boilerplateZh.test(text) || boilerplateEn.some((pattern) => pattern.test(text))
}

/** Signs of a sponsor read or promo that no marker announced. */
const sponsorStrong =
  /\b(?:brought to you by|sponsored by|thanks to our (?:friends|partners|sponsors?)|our (?:friends|partners) (?:at|over at)|use (?:the )?(?:promo |coupon |discount )?code|promo code|for absolutely free|free trial|(?:\d+|one|two|three) months? free|sign up (?:today|now|at)|listeners (?:get|can get)|special offer|(?:\d+|ten|twenty) ?% off)\b|赞助|优惠码|折扣码|免费试用|点击链接|扫码|本期节目由/iu
const sponsorWeak = /\b(?:(?:go|head|check out|visit) (?:to |over to )?(?:[\w-]+\.)+(?:com|io|fm|dev|ai|org|net|co)(?:\/[\w-]+)?|[\w-]+\.(?:com|io|fm|dev|co)\/[\w-]+|today'?s sponsor|check (?:them|it) out|learn more at|get started (?:at|today)|for free\b)/giu

/** How strongly a paragraph reads as an ad: 0 not at all, 2 or more a sponsor read. */
export function sponsorSignals(text: string): number {
  return (sponsorStrong.test(text) ? 2 : 0) + Math.min(2, (text.match(sponsorWeak) ?? []).length)
}

/**
 * What makes a line memorable and worth posting, each 0 or 1: a general
 * claim or dated prediction, a contrast, an enumeration, advice, a striking
 * number, a vivid comparison.
 */
export function memorability(text: string): number {
  const features = [
    // A general claim or a prediction.
    /\b(?:always|never|every|everyone|nobody|the (?:best|worst|most|only|biggest|real|key|hardest)|will (?:be|have|become|replace|change)|in (?:\d+|five|ten|twenty) years|by (?:19|20)\d\d)\b|总是|永远|从不|所有|每个|最(?:好|大|重要|难)|将会|会(?:成为|超过|取代|变得)|\d+\s*年(?:内|后|之内)|到\s*20\d\d/iu,
    // A contrast.
    /\b(?:not (?:[\w'’]+,? ){1,5}but|rather than|instead of|better (?:\w+ ){0,3}than|more (?:\w+ ){0,3}than|the difference between|on the other hand)\b|不是[^。]{1,20}而是|与其[^。]{1,20}不如|总比|而不是|宁可|反而/iu,
    // An enumeration.
    /\b(?:(?:two|three|four|five) (?:things|reasons|ways|steps|rules|lessons|questions)|first(?:ly)?,[^.]+second)|[一二三四五两]件事|[一二三四五两]个(?:原因|方面|步骤|问题)|：[^。]{1,12}、[^。]{1,12}(?:和|与|、)/iu,
    // Advice.
    /^(?:don'?t|do|never|always|make sure|try|start|stop|think about|remember)\b|\b(?:you (?:should|have to|need to|must|can'?t)|the (?:key|trick|secret) is|my advice)\b|应该|一定要|千万|不要|关键(?:是|在于)|建议/iu,
    // A striking number.
    /\b\d[\d,.]*\s*(?:%|percent|x\b|times|million|billion|trillion|thousand|hundred)|\d+\s*(?:倍|%|亿|万|千)|[十百千万亿]倍/iu,
    // A vivid comparison.
    /\b(?:is like|are like|like a|it'?s as if|imagine)\b|就像|好比|如同|仿佛|相当于|比作/iu
  ]
  return Math.min(1, features.filter((pattern) => pattern.test(text)).length / 2)
}

/**
 * Signs that a sentence is speech as it was said, which reads badly in
 * print without its conversation: a self-interruption (`--`, ` - `), filler
 * (`kind of`, `you know`, 就是说, 对吧), speech forms (`gonna`), a speaker
 * framing their own turn (`I think…`, `I'll double down…`, 我觉得), or an
 * opening that leans on what was said before (`So…`, `But…`, `That's…`).
 */
// (Chinese writes —— as punctuation; only a spaced English dash is a break in speech.)
const selfInterruption = / (?:--|-|—) /gu
const filler = /\b(?:kind of|sort of|you know|i mean|like,|basically|literally|gonna|wanna|gotta|y'all|guys)\b|就是说|对吧|你知道|我是说|嗯|呃|然后呢/giu
const framing = /^(?:i (?:think|feel|guess|mean|want to|wanna|would say|don'?t know)|i'd say|i(?:'m| am) not sure|i'll (?:double|take|go|try|say|talk|tell)|if it'?s okay|let me|to be honest|personally|for me)\b|^(?:我觉得|我认为|我想说|我猜|说实话|对我来说)/iu
// The speaker about themselves rather than the subject: weaker, as "I would love…" can be a claim.
const aboutSelf = /^i(?:'m|'ve|'ll|'d| just| personally| was)\b/iu
const leaning = /^(?:so|and|but|or|because|yeah|well|now|also|then|which|that'?s|that|this|these|those|it'?s|they|he|she|there'?s)\b|^(?:所以|但是|而且|然后|因为)/iu

/**
 * How much a sentence reads as unedited talk (0 to 1): each sign above counts
 * a third, a speaker framing their own turn two (it is about the talk, not the
 * subject).
 */
export function spokenness(text: string): number {
  const trimmed = text.trim().replace(/^[“"‘'「『]+/u, '')
  const signs = (trimmed.match(selfInterruption) ?? []).length + (trimmed.match(filler) ?? []).length + (framing.test(trimmed) ? 2 : aboutSelf.test(trimmed) ? 1 : 0) + (leaning.test(trimmed) ? 1 : 0)
  return Math.min(1, signs / 3)
}

/** A stage direction or a transcriber's note: [laughs], [unintelligible 00:15:56]. */
export const transcriberNote = /\[[^\]]*\]/u
