/* Search costs nothing until the reader wants it (issue 28). Material's page script starts the
   search worker and downloads the language's search settings (search/search_index.json) on every
   page view, before anyone has looked at the search box. This module runs before Material's (it
   is the first deferred script, overrides/main.html) and holds both back, with standard web APIs
   only: the worker that main.html names in Material's config is created at the first message
   Material sends it, and the settings request is sent when the reader reaches for search (focuses
   the box, presses on its icon, or opens it with a key, or arrives from a search result). Material
   then works as before. */

const SETTINGS = "search/search_index.json"; // what Material fetches (hooks/search.py writes it)
const config = JSON.parse(document.getElementById("__config")?.textContent || "{}");
const workerUrl = config.search ? new URL(config.search, document.baseURI).href : "";

let wanted = false;
const waiting = [];

/* The reader reached for search: send what was held back, once. */
const want = () => {
  if (wanted) return;
  wanted = true;
  for (const send of waiting.splice(0)) send();
};

/* Material's request for the settings waits for `want`. */
const { open, send } = XMLHttpRequest.prototype;
XMLHttpRequest.prototype.open = function (method, url, ...rest) {
  this.searchSettings = String(url).endsWith(SETTINGS);
  return open.call(this, method, url, ...rest);
};
XMLHttpRequest.prototype.send = function (body) {
  if (this.searchSettings && !wanted) {
    waiting.push(() => send.call(this, body));
    return undefined;
  }
  return send.call(this, body);
};

/* The search worker, started at the first message Material sends it (after the settings came). */
class LazyWorker extends EventTarget {
  constructor(url, options) {
    super();
    this.url = url;
    this.options = options;
    this.worker = null;
  }

  postMessage(message, transfer) {
    if (!this.worker) {
      this.worker = new NativeWorker(this.url, this.options);
      for (const type of ["message", "messageerror", "error"]) {
        this.worker.addEventListener(type, (event) =>
          this.dispatchEvent(
            type === "error" ? new Event("error") : new MessageEvent(type, { data: event.data }),
          ),
        );
      }
    }
    this.worker.postMessage(message, transfer);
  }

  terminate() {
    this.worker?.terminate();
  }
}

const NativeWorker = window.Worker;
window.Worker = function Worker(url, options) {
  if (workerUrl && new URL(String(url), document.baseURI).href === workerUrl) {
    return new LazyWorker(url, options);
  }
  return new NativeWorker(url, options);
};

// A page opened from a search result (?h=words) highlights the words with Material's search,
// so the reader has already asked for it.
if (new URL(location.href).searchParams.has("h")) want();

const isSearchBox = (element) => element instanceof Element && element.matches(".md-search__input");
document.addEventListener("focusin", (event) => isSearchBox(event.target) && want());
document.addEventListener("pointerdown", (event) => {
  if (event.target instanceof Element && event.target.closest(".md-search, label[for='__search']")) {
    want();
  }
});
document.addEventListener("change", (event) => event.target?.id === "__search" && want());
