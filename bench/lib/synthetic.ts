// Interviews with known topic boundaries, written for evaluating topic
// segmentation: each topic has its own words, sentences are built from
// templates, a fifth of the content words stray in from other topics, and
// short backchannel turns carry no topic at all, as in real talk.

export interface Topic {
  words: string[]
}

export interface Language {
  name: 'zh' | 'en'
  topics: Topic[]
  templates: string[]
  questions: string[]
  backchannel: string[]
  host: string
  guest: string
}

const zhTopics = [
  '太阳能 光伏 电池板 硅片 逆变器 储能 电网 发电量 屋顶 日照 电价 光伏组件 装机量 晶硅 电站',
  '火箭 发射台 推进剂 助推器 轨道 着陆 发动机 燃料箱 隔热瓦 回收 载荷 星舰 引擎 点火 发射窗口',
  '芯片 晶圆 光刻机 制程 晶体管 封装 良率 代工厂 显卡 算力 内存 功耗 服务器 集群 散热',
  '医生 手术 病人 医院 诊断 药物 疫苗 癌症 基因 寿命 衰老 器官 护士 处方 临床试验',
  '学校 老师 学生 课程 考试 大学 教材 作业 课堂 导师 学位 录取 辅导 校园 学费',
  '汽车 电动车 驾驶 方向盘 自动驾驶 充电桩 续航 刹车 车道 轮胎 车队 出租车 座椅 车速 高速公路',
  '货币 通胀 利率 债务 银行 股票 市场 投资 税收 收入 储蓄 预算 赤字 工资 消费',
  '机器人 机械臂 传感器 关节 电机 抓取 工厂 流水线 装配 人形 灵巧手 执行器 视觉 平衡 步态',
  '宇宙 星系 恒星 黑洞 引力 暗物质 超新星 行星 光年 望远镜 大爆炸 银河 星云 宇宙学 物理定律',
  '农场 作物 土壤 灌溉 肥料 收成 种子 粮食 牧场 温室 化肥 农民 小麦 水稻 农业'
]
const enTopics = [
  'solar panels inverter battery grid sunlight rooftop kilowatt silicon storage utility array module photovoltaic installer',
  'rocket launchpad booster orbit engine propellant landing payload countdown thruster capsule heatshield trajectory liftoff stage',
  'chip wafer transistor lithography foundry yield processor memory cluster server datacenter cooling silicon node bandwidth',
  'doctor surgery patient hospital diagnosis medicine vaccine cancer gene lifespan aging organ nurse prescription trial',
  'school teacher student curriculum exam university textbook homework classroom tutor degree admission tuition campus lecture',
  'car electric vehicle driving steering autopilot charger range brakes lane tires fleet taxi highway dashboard',
  'money inflation interest debt bank stock market investment taxes income savings budget deficit wages spending',
  'robot arm sensor joint motor gripper factory assembly humanoid actuator vision balance hands servo locomotion',
  'universe galaxy star blackhole gravity darkmatter supernova planet lightyear telescope bigbang nebula cosmology physics quasar',
  'farm crops soil irrigation fertilizer harvest seeds grain pasture greenhouse farmer wheat rice agriculture tractor'
]

export const zh: Language = {
  name: 'zh',
  topics: zhTopics.map((line) => ({words: line.split(' ')})),
  templates: [
    '我认为{a}和{b}之间的关系非常关键。',
    '过去几年{a}发生了很大的变化，{b}也是。',
    '很多人低估了{a}的重要性，尤其是在{b}方面。',
    '如果你看{a}的数据，就会发现{b}的成本一直在下降。',
    '我们团队花了很多时间研究{a}，特别是{b}的问题。',
    '关于{a}，最难的部分其实是{b}。',
    '说实话，{a}比{b}更容易被忽视。',
    '我觉得未来十年{a}会彻底改变{b}。',
    '{a}的进步让{b}变得更加便宜。',
    '真正的瓶颈不是{a}，而是{b}。'
  ],
  questions: ['我们来聊聊{a}吧，你怎么看{b}？', '你对{a}和{b}有什么看法？', '那么{a}呢？{b}会怎样发展？'],
  backchannel: ['是的。', '对。', '没错。', '有意思。', '确实如此。', '嗯，我同意。'],
  host: '主持人',
  guest: '嘉宾'
}

export const en: Language = {
  name: 'en',
  topics: enTopics.map((line) => ({words: line.split(' ')})),
  templates: [
    'I think the link between {a} and {b} is really important.',
    'Over the last few years {a} has changed a lot, and so has {b}.',
    'People underestimate {a}, especially when it comes to {b}.',
    'If you look at the numbers on {a}, the cost of {b} keeps falling.',
    'Our team spent a long time on {a}, and on {b} in particular.',
    'With {a}, the hardest part is actually {b}.',
    'Honestly, {a} gets overlooked even more than {b}.',
    'I expect {a} to transform {b} within ten years.',
    'Progress in {a} is making {b} far cheaper.',
    'The real bottleneck is not {a}, it is {b}.'
  ],
  questions: ["Let's talk about {a}. What do you make of {b}?", 'How do you see {a} and {b}?', 'What about {a}? Where does {b} go from here?'],
  backchannel: ['Yes.', 'Right.', 'Exactly.', 'Interesting.', 'That is true.', 'Sure, I agree.'],
  host: 'Host',
  guest: 'Guest'
}

/** A small, fixed-seed generator: the same documents every run. */
export function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state / 2 ** 31
  }
}

export interface Document {
  markdown: string
  /** Indices of the turns that open a new topic (the reference boundaries). */
  boundaries: number[]
  turns: number
}

/**
 * An interview of `segments` topics, each long enough for a 6 to 12 minute
 * chapter at a normal speaking rate, opened by a host question.
 */
export function interview(language: Language, segments: number, seed: number): Document {
  const next = random(seed)
  const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)]!
  const order = [...language.topics.keys()].sort(() => next() - 0.5).slice(0, segments)
  const turns: string[] = []
  const boundaries: number[] = []
  const fill = (template: string, topic: Topic) =>
    template.replace(/\{[ab]\}/g, () => pick(next() < 0.8 ? topic.words : pick(language.topics).words))
  // Minutes of speech per segment at 4 characters or 2.5 words a second.
  const perSegment = language.name === 'zh' ? 2000 : 1200
  for (const [index, topicIndex] of order.entries()) {
    const topic = language.topics[topicIndex]!
    if (index > 0) boundaries.push(turns.length)
    turns.push(`**${language.host}:** ${fill(pick(language.questions), topic)}`)
    let size = 0
    const target = perSegment * (0.75 + next() * 0.75)
    while (size < target) {
      if (next() < 0.2) {
        turns.push(`**${next() < 0.5 ? language.host : language.guest}:** ${pick(language.backchannel)}`)
        continue
      }
      const sentences = Array.from({length: 1 + Math.floor(next() * 4)}, () => fill(pick(language.templates), topic))
      const text = sentences.join(language.name === 'zh' ? '' : ' ')
      size += language.name === 'zh' ? text.length : text.split(' ').length
      turns.push(`**${language.guest}:** ${text}`)
    }
  }
  return {markdown: `${turns.join('\n\n')}\n`, boundaries, turns: turns.length}
}
