import type {Sponsor} from './types.js'

export interface Options {
  /** Sponsors whose breaks and promos are removed. */
  sponsors?: Sponsor[] | undefined
  /** The show's own products (a newsletter, a course): their host-read promos go too. */
  products?: Sponsor[] | undefined
  /** Calls to action (regular expression sources, case-insensitive); default: URLs, visit, subscribe, code, 访问, 订阅, …. */
  callsToAction?: string[] | undefined
  /** Sentences between two promo sentences of one paragraph that go with them (default 3). */
  promoGap?: number | undefined
}

export interface Settings {
  brands: Sponsor[]
  callToAction: RegExp
  promoGap: number
}

/** Addresses, and the words with which copy asks the listener to act. */
export const defaultCallsToAction: readonly string[] = [
  '(?:https?://|www\\.)\\S+',
  '\\b[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.(?:com|org|net|io|ai|co|fm|app|dev|tv|me|cn)\\b',
  '\\b(?:visit|subscribe|sign(?:ing)? up|join|go to|head (?:over )?to|check out|download|use (?:the )?code|promo code|coupon|discount|free trial|link in|sponsored by|brought to you by)\\b',
  '访问|订阅|注册|加入|下载|关注|点击|扫码|优惠码|折扣码|优惠券|链接|前往|登录|报名|赞助'
]

export function settings(options: Options | null | undefined): Settings {
  const given = options ?? {}
  const fail = (reason: string): never => {
    throw new TypeError(`@castline/redact-ads: ${reason}`)
  }
  const brands = [...(given.sponsors ?? []), ...(given.products ?? [])]
  const ids = new Set<string>()
  for (const [index, brand] of brands.entries()) {
    if (!brand || typeof brand.id !== 'string' || !brand.id) fail(`sponsor ${index} needs an \`id\``)
    if (typeof brand.name !== 'string' || !brand.name.trim()) fail(`sponsor \`${brand.id}\` needs a \`name\``)
    if (ids.has(brand.id)) fail(`sponsor id \`${brand.id}\` is used twice`)
    ids.add(brand.id)
  }
  const sources = given.callsToAction ?? defaultCallsToAction
  let callToAction: RegExp | undefined
  try {
    callToAction = new RegExp(sources.map((source) => `(?:${source})`).join('|'), 'iu')
  } catch (error) {
    fail(`\`callsToAction\` holds an invalid regular expression: ${(error as Error).message}`)
  }
  const promoGap = given.promoGap ?? 3
  if (!Number.isInteger(promoGap) || promoGap < 0) fail('`promoGap` must be a whole number of sentences, 0 or more')
  return {brands, callToAction: callToAction!, promoGap}
}
