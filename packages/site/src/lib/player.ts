/**
 * The episode page's one script, run in the browser: it turns the page's
 * `<audio>` into a player bar of our own and makes every time on the page
 * seek it. It reads everything from the page (chapters from their links,
 * turns from the transcript, labels from `data-` attributes), so it carries
 * no episode data and its hash is the same on every page. Without it, the
 * page keeps the native controls and its times open the audio at that
 * moment (`ep1.mp3#t=754`).
 *
 * It runs as `(${player})()`: no imports, nothing outside its body.
 */
function player(): void {
  const audio = document.querySelector('audio')
  const bar = document.querySelector<HTMLElement>('.bar')
  if (!audio || !bar) return
  const button = (action: string) => bar.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!
  const seekBar = bar.querySelector<HTMLInputElement>('input.seek')!
  const clock = bar.querySelector<HTMLElement>('.clock')!
  const now = bar.querySelector<HTMLElement>('.now')!
  const status = bar.querySelector<HTMLElement>('.status')!
  const label = (element: Element, name: string) => element.getAttribute(`data-${name}`) ?? ''

  const chapters = [...document.querySelectorAll<HTMLAnchorElement>('#chapters a[data-seek]')].map((link) => ({
    start: Number(link.dataset.seek),
    title: link.parentElement?.querySelector('a:not([data-seek])')?.textContent ?? ''
  }))
  // The transcript comes as markup in a <noscript>, a chapter a part: each part is parsed when it is first needed.
  const holder = document.querySelector<HTMLElement>('#transcript .chunks')
  const source = document.querySelector('#transcript-text')
  // Our own serialised HTML: text has every `<` escaped, so this marks only the parts' starts.
  const sources = holder && source ? (source.textContent ?? '').split(/(?=<div class="chunk")/).filter((part) => part.startsWith('<div')) : []
  // With the player here, every time links to this page at that moment: "copy link" on any turn shares it.
  const moments = (root: ParentNode) => {
    for (const link of root.querySelectorAll<HTMLAnchorElement>('a[data-seek]')) link.setAttribute('href', `#t=${link.dataset.seek}`)
  }
  moments(document)
  const parsed: Array<HTMLElement | undefined> = []
  const chunk = (index: number): HTMLElement | undefined => {
    if (!parsed[index] && sources[index]) {
      const template = document.createElement('template')
      template.innerHTML = sources[index]
      parsed[index] = template.content.firstElementChild as HTMLElement
      moments(parsed[index])
    }
    return parsed[index]
  }
  const seekOf = (turn: Element) => Number(turn.querySelector<HTMLElement>('a[data-seek]')?.dataset.seek ?? 0)
  // Each part starts where its first turn does: read from the markup, without parsing it.
  const parts = sources.length > 0 ? sources.map((part) => ({start: Number(/data-seek="(\d+)"/.exec(part)?.[1] ?? 0)})) : [{start: 0}]
  const turnLists: Array<Array<{element: HTMLElement; start: number}>> = []
  const turnsOf = (index: number) =>
    (turnLists[index] ??= [...(sources.length > 0 ? (chunk(index)?.querySelectorAll<HTMLElement>('.turn') ?? []) : document.querySelectorAll<HTMLElement>('#transcript .turn'))].map((element) => ({element, start: seekOf(element)})))
  const allTurns = () => parts.flatMap((_, index) => turnsOf(index))
  const more = document.createElement('button')
  const earlier = document.createElement('button')
  const shownParts = () => parsed.flatMap((part, index) => (part?.isConnected ? [index] : []))
  for (const [control, name, step] of [
    [more, 'more', 1],
    [earlier, 'earlier', -1]
  ] as const) {
    control.type = 'button'
    control.className = 'more'
    control.textContent = holder ? label(holder, name) : ''
    control.addEventListener('click', () => {
      const shown = shownParts()
      const edge = step > 0 ? shown.at(-1) : shown[0]
      if (edge !== undefined) show(edge + step)
    })
  }
  /**
   * Puts chapter `index` of the transcript on the page, in its place. What is
   * shown is one run of chapters, with a button at either end for the rest: a
   * chapter far from it replaces it, so the page stays small.
   */
  function show(index: number) {
    const part = chunk(index)
    if (!holder || !part || part.isConnected) return
    const shown = shownParts()
    if (shown.length > 0 && (index < shown[0]! - 1 || index > shown.at(-1)! + 1)) for (const other of shown) parsed[other]!.remove()
    const after = shownParts().find((other) => other > index)
    holder.insertBefore(part, after !== undefined ? parsed[after]! : more.isConnected ? more : null)
    const run = shownParts()
    if (run[0]! > 0) holder.prepend(earlier)
    else earlier.remove()
    if (run.at(-1)! < sources.length - 1) holder.append(more)
    else more.remove()
  }
  const chunkOf = (element: Element) => parsed.findIndex((part) => part?.contains(element))
  // More of the transcript as the listener reads down to its end.
  if (holder && 'IntersectionObserver' in window) {
    new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) more.click()
    }, {rootMargin: '600px'}).observe(more)
  }
  /** The last of `items` that starts at or before `t`: the one being heard. */
  const at = <T extends {start: number}>(items: T[], t: number): number => {
    let low = 0
    let high = items.length - 1
    let found = -1
    while (low <= high) {
      const mid = (low + high) >> 1
      if (items[mid]!.start <= t + 0.25) {
        found = mid
        low = mid + 1
      } else high = mid - 1
    }
    return found
  }
  const hms = (t: number) => {
    const s = Math.max(0, Math.floor(t))
    const two = (n: number) => String(n).padStart(2, '0')
    return `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`
  }

  // Our bar replaces the native controls; the audio stays the one element that plays.
  audio.controls = false
  bar.hidden = false
  // A link followed within the page lands below the bar, however tall it wraps.
  const player = bar.parentElement
  const pad = () => {
    if (player) document.documentElement.style.scrollPaddingTop = `${Math.ceil(player.getBoundingClientRect().height) + 8}px`
  }
  pad()
  if (player && 'ResizeObserver' in window) new ResizeObserver(pad).observe(player)
  for (const hidden of document.querySelectorAll<HTMLElement>('[data-scripted]')) hidden.hidden = false

  let follow = true
  let current: HTMLElement | undefined
  // Until the listener plays or seeks, no turn is "being heard".
  let started = false
  const followButton = document.querySelector<HTMLButtonElement>('[data-action="follow"]')
  const setFollow = (on: boolean) => {
    follow = on
    followButton?.setAttribute('aria-pressed', String(on))
  }

  /** Everything that shows where the audio is: the bar, the chapter, the turn being heard. */
  const update = () => {
    const t = audio.currentTime
    if (document.activeElement !== seekBar) seekBar.value = String(Math.floor(t))
    seekBar.setAttribute('aria-valuetext', hms(t))
    clock.textContent = hms(t)
    const chapter = chapters[at(chapters, t)]
    if (chapter && now.textContent !== chapter.title) now.textContent = chapter.title
    const list = started ? turnsOf(Math.max(0, at(parts, t))) : []
    const turn = list[at(list, t)]?.element
    if (turn === current) return
    current?.classList.remove('heard')
    current?.removeAttribute('aria-current')
    current = turn
    if (!turn) return
    // Following, the page shows where the audio is; reading elsewhere, it stays where the listener is.
    if (follow) show(chunkOf(turn))
    turn.classList.add('heard')
    turn.setAttribute('aria-current', 'time')
    if (follow && !audio.paused) {
      const box = turn.getBoundingClientRect()
      if (box.top < bar.getBoundingClientRect().bottom || box.bottom > innerHeight) turn.scrollIntoView({block: 'center'})
    }
  }
  const go = (t: number, play = false) => {
    started = true
    const end = Number.isFinite(audio.duration) ? audio.duration : Number(seekBar.max) || Number.POSITIVE_INFINITY
    audio.currentTime = Math.max(0, Math.min(t, end))
    if (play) audio.play().catch(() => {})
    update()
  }

  const play = button('play')
  const showState = () => {
    const paused = audio.paused
    play.setAttribute('aria-label', label(play, paused ? 'play' : 'pause'))
    play.classList.toggle('playing', !paused)
  }
  audio.addEventListener('play', () => {
    started = true
    showState()
  })
  audio.addEventListener('pause', showState)
  audio.addEventListener('timeupdate', update)
  audio.addEventListener('seeked', update)
  audio.addEventListener('loadedmetadata', () => {
    if (Number.isFinite(audio.duration)) seekBar.max = String(Math.ceil(audio.duration))
  })
  play.addEventListener('click', () => {
    if (audio.paused) audio.play().catch(showState)
    else audio.pause()
    // The button says what it will do next at once, not when the media event arrives.
    showState()
  })
  button('back').addEventListener('click', () => go(audio.currentTime - 15))
  button('forward').addEventListener('click', () => go(audio.currentTime + 30))
  button('previous').addEventListener('click', () => {
    const index = at(chapters, audio.currentTime)
    // Three seconds into a chapter, "previous" goes back to its start, as players do.
    const target = index > 0 && audio.currentTime - chapters[index]!.start < 3 ? index - 1 : Math.max(0, index)
    go(chapters[target]?.start ?? 0)
  })
  button('next').addEventListener('click', () => {
    const next = chapters[at(chapters, audio.currentTime) + 1]
    if (next) go(next.start)
  })
  const speeds = [1, 1.25, 1.5, 1.75, 2, 0.75]
  const speed = button('speed')
  speed.addEventListener('click', () => {
    const rate = speeds[(speeds.indexOf(audio.playbackRate) + 1) % speeds.length] ?? 1
    audio.playbackRate = rate
    const shown = speed.querySelector('.rate')
    if (shown) shown.textContent = `${rate}×`
  })
  seekBar.addEventListener('input', () => go(Number(seekBar.value)))
  button('share').addEventListener('click', async () => {
    const url = `${location.origin}${location.pathname}#t=${Math.floor(audio.currentTime)}`
    const share = button('share')
    share.dataset.url = url
    try {
      if (navigator.share) await navigator.share({url, title: document.title})
      else {
        await navigator.clipboard.writeText(url)
        status.textContent = label(share, 'copied')
      }
    } catch {
      status.textContent = url
    }
  })
  followButton?.addEventListener('click', () => {
    setFollow(!follow)
    const heard = current
    if (follow && heard) {
      show(chunkOf(heard))
      heard.scrollIntoView({block: 'center'})
    }
  })
  // A listener who scrolls the page reads on their own: the transcript stops following.
  for (const type of ['wheel', 'touchmove']) addEventListener(type, () => setFollow(false), {passive: true})
  addEventListener('keydown', (event) => {
    if (/^(?:PageUp|PageDown|ArrowUp|ArrowDown|Home|End)$/.test(event.key) && !(event.target instanceof HTMLInputElement)) setFollow(false)
  })

  // A link to a place in the transcript (a chapter's title) shows that place first, then goes there.
  const reveal = (hash: string) => {
    const id = decodeURIComponent(hash.slice(1))
    if (!id || document.getElementById(id)) return
    const index = sources.findIndex((part) => part.includes(` id="${id}"`))
    if (index !== -1) show(index)
  }
  // Every time on the page seeks the player.
  document.addEventListener('click', (event) => {
    const anchor = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>('a[href^="#"]') : null
    if (anchor && !anchor.dataset.seek) {
      // The listener goes to read elsewhere: the transcript stops following the audio.
      setFollow(false)
      reveal(anchor.getAttribute('href') ?? '')
    }
    const link = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>('a[data-seek]') : null
    if (!link) return
    event.preventDefault()
    go(Number(link.dataset.seek), true)
  })

  // Search: each turn's text, found in order, the match marked.
  const form = document.querySelector<HTMLFormElement>('form.find')
  const query = form?.querySelector<HTMLInputElement>('input')
  const found = form?.querySelector<HTMLElement>('output')
  let hits: Array<{element: HTMLElement; offset: number}> = []
  let hit = -1
  let asked = ''
  form?.addEventListener('submit', (event) => {
    event.preventDefault()
    const wanted = (query?.value ?? '').trim().toLocaleLowerCase()
    if (!wanted || !found) return
    if (wanted !== asked) {
      asked = wanted
      hits = []
      for (const {element} of allTurns()) {
        const text = (element.textContent ?? '').toLocaleLowerCase()
        for (let offset = text.indexOf(wanted); offset !== -1; offset = text.indexOf(wanted, offset + wanted.length)) hits.push({element, offset})
      }
      hit = -1
    }
    if (hits.length === 0) {
      found.textContent = label(found, 'none')
      return
    }
    hit = (hit + 1) % hits.length
    const {element, offset} = hits[hit]!
    show(chunkOf(element))
    setFollow(false)
    for (const old of document.querySelectorAll('.turn.found')) old.classList.remove('found')
    element.classList.add('found')
    element.scrollIntoView({block: 'center'})
    found.textContent = `${hit + 1} / ${hits.length}`
    highlight(element, offset, wanted.length)
  })

  /** Marks the match with a <mark>, taking the last one away: only text nodes change, so nothing is lost. */
  function highlight(element: HTMLElement, offset: number, length: number) {
    for (const old of document.querySelectorAll('#transcript mark')) old.replaceWith(...old.childNodes)
    element.normalize()
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
    let seen = 0
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const size = node.textContent?.length ?? 0
      if (offset < seen + size) {
        // A match across two elements (a name and its words) keeps only the turn's outline.
        if (offset - seen + length > size) return
        const range = document.createRange()
        range.setStart(node, offset - seen)
        range.setEnd(node, offset - seen + length)
        range.surroundContents(document.createElement('mark'))
        return
      }
      seen += size
    }
  }

  // Search is a step from anywhere: the bar's button goes to the box.
  button('find').addEventListener('click', () => {
    query?.scrollIntoView({block: 'center'})
    query?.focus()
  })
  // A moment link followed within the page (or typed into the address bar) seeks too.
  addEventListener('hashchange', () => {
    const moment = /^#t=(\d+(?:\.\d+)?)$/.exec(location.hash)
    if (moment) go(Number(moment[1]))
  })
  // A shared moment: `#t=754` in the address starts the player there.
  const shared = /^#t=(\d+(?:\.\d+)?)$/.exec(location.hash)
  if (shared) go(Number(shared[1]))
  else {
    show(0)
    if (location.hash) {
      reveal(location.hash)
      document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView()
    }
    update()
  }
  showState()
}

/** The script as the page carries it, inline and allowed by its hash. */
export const playerScript = `(${compact(player.toString())})()`

/** Indentation and whole-line comments are only weight: the body has no string or pattern that spans lines or starts one with them. */
function compact(source: string): string {
  let inComment = false
  const kept: string[] = []
  for (const raw of source.split('\n')) {
    const line = raw.trim()
    if (inComment || line.startsWith('/*')) {
      inComment = !line.endsWith('*/')
      continue
    }
    if (line && !line.startsWith('//')) kept.push(line)
  }
  return kept.join('\n')
}
