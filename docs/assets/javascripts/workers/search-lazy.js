/*
 * Search worker in front of Material's (README, "Search"); main.html points pages at it.
 *
 * 1. Load on demand. Material's page script starts its worker and sends it the search index
 *    on every page view. Here the index file it sends holds only the settings
 *    (hooks/search.py), so this worker answers "ready" at once and loads Material's worker,
 *    lunr and the page language's documents (settings.docs_url) when the reader first types.
 * 2. Word endings. Material turns every query term into a prefix query ("kontot*"), and lunr
 *    does not stem those, so an inflected word finds nothing when the pages use another form.
 *    This worker strips the longest of the language's endings (settings.endings, from
 *    data/labels.yml) that leaves a stem of at least SHORTEST_STEM letters: "kontot" becomes
 *    "konto*", which finds "konto", "kontot" and "kontona".
 *
 * It lives in Material's workers/ folder because Material's worker loads lunr's language
 * files from "../lunr/" next to the worker that runs it.
 */
"use strict"

const SITE_ROOT = new URL("../../../", self.location)  // this file is assets/javascripts/workers/
const SHORTEST_STEM = 3
const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3  // Material's search message types

let setup = null       // the SETUP message from the page: settings, no documents
let material = null    // Promise of Material's message listener, set up with the documents

/* Strip one ending from every word of a query; lunr syntax (+, -, ~, ^, field:) stays. */
function stripEndings(query, endings) {
  return query.replace(/\p{L}+/gu, word => {
    const lower = word.toLowerCase()
    const ending = endings.find(end => lower.endsWith(end) && lower.length - end.length >= SHORTEST_STEM)
    return ending ? lower.slice(0, -ending.length) : word
  })
}

/* Load Material's worker and this language's documents, and set Material's search up. */
async function loadMaterial() {
  const { config } = setup.data
  const response = await fetch(new URL(config.docs_url, SITE_ROOT))
  if (!response.ok)
    throw new Error(`search documents: ${response.status} ${response.url}`)
  const { docs } = await response.json()

  let listener = null
  const { addEventListener, postMessage } = self
  self.addEventListener = (type, fn) => { if (type === "message") listener = fn }
  importScripts(new URL(config.worker, SITE_ROOT).href)
  self.addEventListener = addEventListener

  self.postMessage = () => {}  // Material answers SETUP with READY: the page had ours already
  try {
    await listener({ data: { type: SETUP, data: { ...setup.data, docs } } })
  } finally {
    self.postMessage = postMessage
  }
  return listener
}

addEventListener("message", async ({ data: message }) => {
  if (message.type === SETUP) {
    setup = message
    postMessage({ type: READY })
    return
  }
  if (message.type !== QUERY)
    return
  if (!material && !message.data.trim()) {
    postMessage({ type: RESULT, data: { items: [] } })  // the page asks once on load: no need to load
    return
  }
  material ||= loadMaterial()
  const listener = await material
  const query = stripEndings(message.data, setup.data.config.endings)
  await listener({ data: { type: QUERY, data: query } })  // Material posts the result
})
