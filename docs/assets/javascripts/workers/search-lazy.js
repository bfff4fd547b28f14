/*
 * Search worker behind Material's search box (README, "Search"); main.html points pages at it.
 *
 * Material's page script starts this worker and sends it the language's settings
 * (`<language root>/search/search_index.json`, written by hooks/search.py, no documents). When
 * the reader types, this worker loads the language's Pagefind bundle (`settings.bundle`) and
 * its synonyms, asks Pagefind, and answers in Material's own result format, so the search box,
 * the result list, the highlighting and the keyboard stay Material's:
 *
 * - one result per page, its title first: the section that matched best under it with a short
 *   excerpt, the page's other matching sections folded into Material's "more" (issue 19, item 8);
 * - a word a reader types that the pages do not use ("mejl", "vanished") is searched as the
 *   words the pages use too (data/search-synonyms.yml); nothing is added to the pages.
 *
 * Pagefind stems the words of each language (Snowball: "kontot", "lösenordet" find "konto",
 * "lösenord"), and fetches only the parts of the index a query needs. A large language's index
 * is written in shards (`settings.shards`, hooks/helpcenter/pagefind_bundle.py): Pagefind's
 * `mergeIndex` searches them as one, with shard 1's script and WebAssembly, so the WebAssembly
 * is downloaded once; each other shard adds its entry and metadata. Each shard also holds a page
 * of every word of the language, so that no shard searches a word it lacks as a shorter one;
 * those pages (`settings.skip`) are never shown.
 */
// biome-ignore lint/suspicious/noRedundantUseStrict: a classic worker script, not a module
"use strict"

const SITE_ROOT = new URL("../../../", self.location)// this file is assets/javascripts/workers/
const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3       // Material's search message types
const EXCERPT_WORDS = 12     // a short excerpt: five results or more fit a phone screen
const MAX_PAGES = 20         // two of Material's screenfuls; each page shown costs one small download
const PAUSE_MS = 120         // Material asks at every keystroke: search once the reader pauses
const MAX_VARIANTS = 6       // a query plus at most five rewordings from the synonyms
const SHORTEST_PREFIX = 4    // "mejlen" counts as "mejl": a synonym's word at least this long

let settings = null  // from the SETUP message: lang, bundle, shards, skip, synonyms
let engine = null    // Promise of {pagefind, synonyms}, loaded at the first query
let latest = 0       // the newest query: an older answer that arrives late is dropped
let asked = false    // the reader has searched: from then on an empty query is answered

async function loadEngine() {
  const pagefind = await import(new URL(`${settings.bundle}pagefind.js`, SITE_ROOT).href)
  const options = { excerptLength: EXCERPT_WORDS, baseUrl: "/" }
  await pagefind.options(options)  // shard 1's only: each merged shard is given them too
  await pagefind.init()  // its metadata and WebAssembly load while the reader types, not after
  await Promise.all((settings.shards || []).map(shard =>
    pagefind.mergeIndex(new URL(shard, SITE_ROOT).href, options)))
  const response = await fetch(new URL(settings.synonyms, SITE_ROOT))
  const synonyms = response.ok ? await response.json() : {}
  return { pagefind, synonyms }
}

/* The query, then the query with a reader's word replaced by each word the pages use. */
function variants(query, synonyms) {
  const found = [query]
  for (const word of query.toLowerCase().match(/[\p{L}\p{N}-]+/gu) || []) {
    const key = word in synonyms ? word
      : Object.keys(synonyms).find(key => key.length >= SHORTEST_PREFIX && word.startsWith(key))
    for (const target of key ? synonyms[key] : [])
      if (!word.startsWith(target))  // "passwords" is searched as it is, not again as "password"
        found.push(query.toLowerCase().replace(word, target))
  }
  return [...new Set(found)].slice(0, MAX_VARIANTS)
}

function escapeHtml(text) {
  return text.replace(/[&<>"]/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c])
}

/* A title with the words that start like a query word marked, as Material marks them. */
function markTitle(title, words) {
  const stems = words.filter(w => w.length > 1).map(w => w.slice(0, Math.max(3, w.length - 3)))
  const html = escapeHtml(title)
  if (!stems.length) return html
  const pattern = stems.map(s => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")
  return html.replace(new RegExp(`(?<![\\p{L}\\p{N}])(${pattern})[\\p{L}\\p{N}]*`, "giu"), m => `<mark data-md-highlight>${m}</mark>`)
}

/* Pagefind's "/guides/iphone/#step-2" -> Material's location, relative to the language root. */
function materialLocation(url) {
  return url.replace(/^\//, "")
}

/* One page in Material's format: the page first; the best section at the same score (shown),
 * the other sections lower (folded into "more"). */
function group(page, words) {
  const title = markTitle(page.meta.title || page.url, words)
  const isTop = sub => !sub.url.includes("#") || sub.title === page.meta.title  // the text above the first heading
  const sections = page.sub_results.filter(sub => !isTop(sub))
  // Matches in a heading (Pagefind weighs headings higher) win over many matches in a table.
  const weight = sub => (sub.weighted_locations || []).reduce((sum, l) => sum + l.weight * l.weight, 0) || sub.locations.length
  const best = sections.reduce((a, b) => (weight(b) > weight(a) ? b : a), sections[0])
  const top = page.sub_results.find(isTop)
  const terms = Object.fromEntries(words.map(word => [word, true]))  // Material's "?h=" highlighting on the page
  const doc = (sub, score, text) => ({
    location: materialLocation(sub.url), score, terms,
    title: sub === page ? title : markTitle(sub.title, words),
    text: text ? `<p>${text}</p>` : "",
  })
  if (!best || (top && weight(top) >= weight(best)))
    return [doc(page, 1, page.excerpt), ...sections.map(sub => doc(sub, 0, sub.excerpt))]
  return [doc(page, 1, ""), doc(best, 1, best.excerpt),
          ...sections.filter(sub => sub !== best).map(sub => doc(sub, 0, sub.excerpt))]
}

/* The results of every query variant by Pagefind's id, best score first. An id names a page by a
 * short hash of it, unique within one shard only: one id may stand for a page of each shard. */
function byId(answers) {
  const skip = new Set(settings.skip || [])  // each shard's vocabulary page: never a result
  const ranked = answers.flatMap(answer => answer?.results || [])
    .filter(result => !skip.has(result.id)).sort((a, b) => b.score - a.score)
  const found = new Map()
  for (const result of ranked) found.set(result.id, [...(found.get(result.id) || []), result])
  return [...found.values()]
}

/* The pages behind the results of one id, by URL (the same page in several variants is one
 * result). Pagefind keeps one copy of a page's data and rewrites its excerpt at each `data()`,
 * so each is grouped before the next is asked for. */
async function pagesOf(results, words) {
  const pages = new Map()
  for (const result of results) {
    const page = await result.data()  // the page's first result is its best: its excerpt is shown
    if (!pages.has(page.url)) pages.set(page.url, group(page, words))
  }
  return [...pages.values()]
}

async function search(query, outdated) {
  engine ||= loadEngine()
  const { pagefind, synonyms } = await engine
  const queries = variants(query, synonyms)
  const answers = await Promise.all(queries.map(q => pagefind.search(q)))
  const results = byId(answers).slice(0, MAX_PAGES)
  if (outdated()) return []  // a newer query came while this one ran: do not load its pages
  const words = queries.join(" ").toLowerCase().match(/[\p{L}\p{N}]+/gu) || []
  return (await Promise.all(results.map(same => pagesOf(same, words)))).flat()
}

addEventListener("message", async ({ data: message }) => {
  if (message.type === SETUP) {
    settings = message.data.config
    postMessage({ type: READY })
    return
  }
  if (message.type !== QUERY)
    return
  const number = ++latest
  const query = message.data.trim()
  // The empty query the page sends as search starts is not answered: its empty answer could
  // arrive after the reader's first words and show "no matching documents" over them until
  // their own answer came. Later, an empty query is answered, so the page clears its results.
  if (!query && !asked) return
  asked = true
  if (query) {
    engine ||= loadEngine()  // at the first keystroke: the bundle loads while the reader types
    await new Promise(resolve => setTimeout(resolve, PAUSE_MS))
    if (number !== latest) return  // the reader typed on: only the newest query is searched
  }
  const items = query ? await search(query, () => number !== latest) : []
  if (number === latest)
    postMessage({ type: RESULT, data: { items } })
})
