// The agents' console (/agent/, issue 25; LINKS.md). One filter finds pages, sections and
// problems in every language; each row copies its link in the chosen language, its short link
// or a snippet. The index (hooks/helpcenter/console.py) is split so a query fetches only the
// posting files of its words' first two letters and the blocks of rows it shows.
// The chosen language and the customer's address stay in this browser's localStorage: never in
// a URL or a request, removed with "Forget", as the readers' address (reader.js).

const STORE = { language: "helpcenter.agent.language", address: "helpcenter.agent.address" };
const SHOWN = 30; // rows shown at most
const BATCH = 60; // candidate rows checked per round of block fetches

const main = document.querySelector("[data-agent]");
const filter = main.querySelector("[data-agent-filter]");
const languageSelect = main.querySelector("[data-agent-language]");
const addressInput = main.querySelector("[data-agent-address]");
const statusLine = main.querySelector("[data-agent-status]");
const list = main.querySelector("[data-agent-results]");
const words = (text) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
const prefixOf = (word) => [...word].slice(0, 2).join("");

const stored = (key) => {
  try {
    return window.localStorage.getItem(key) || "";
  } catch {
    return ""; // storage blocked: the console still works for this visit
  }
};
const store = (key, value) => {
  try {
    if (value) window.localStorage.setItem(key, value);
    else window.localStorage.removeItem(key);
  } catch {
    /* storage blocked: nothing is kept, as the agent's browser wants */
  }
};

const fetched = new Map();
const json = (name) => {
  if (!fetched.has(name)) {
    fetched.set(
      name,
      fetch(main.dataset.index + name).then((response) => {
        if (!response.ok) throw new Error(`${name}: ${response.status}`);
        return response.json();
      }),
    );
  }
  return fetched.get(name);
};
const manifest = json("index.json");

const posting = async (prefix) => {
  const head = await manifest;
  const entry = head.prefixes[prefix];
  if (!entry) return [];
  const gaps = await json(`p${entry[0]}.json`);
  let number = 0;
  return gaps.map((gap) => (number += gap));
};

const intersect = (lists) =>
  lists.reduce((kept, other) => {
    const wanted = new Set(other);
    return kept.filter((number) => wanted.has(number));
  });

const rowsOf = async (numbers) => {
  const head = await manifest;
  const blocks = [...new Set(numbers.map((number) => Math.floor(number / head.block)))];
  const loaded = new Map(await Promise.all(blocks.map(async (b) => [b, await json(`r${b}.json`)])));
  return numbers.map((number) => {
    const [key, short, server, headings, paths] = loaded.get(Math.floor(number / head.block))[
      number % head.block
    ];
    return { number, key, short, server, headings, paths, words: words([key, ...headings].join(" ")) };
  });
};

// Every query word starts a word of the row; rows whose short-link key (or its page's) is a query
// word come first, then those whose words are whole query words, then the shorter, in index order.
const score = (row, query) => {
  const keyWords = new Set([row.key, ...row.key.split("#")]);
  const whole = query.filter((word) => row.words.includes(word)).length;
  return [-query.filter((word) => keyWords.has(word)).length, -whole, row.headings[0].length];
};
const compare = (a, b) => {
  for (let i = 0; i < a.rank.length; i += 1) if (a.rank[i] !== b.rank[i]) return a.rank[i] - b.rank[i];
  return a.number - b.number;
};

let latest = 0;
const search = async () => {
  latest += 1;
  const run = latest;
  const query = words(filter.value);
  const indexed = query.filter((word) => [...word].length >= 2);
  if (!indexed.length) {
    list.replaceChildren();
    delete list.dataset.query;
    statusLine.textContent = "";
    return;
  }
  statusLine.textContent = main.dataset.loading;
  const lists = await Promise.all([...new Set(indexed.map(prefixOf))].map(posting));
  const candidates = intersect(lists);
  const found = [];
  for (let start = 0; start < candidates.length && found.length < SHOWN; start += BATCH) {
    const rows = await rowsOf(candidates.slice(start, start + BATCH));
    if (run !== latest) return;
    for (const row of rows) {
      if (query.every((word) => row.words.some((own) => own.startsWith(word)))) {
        found.push({ ...row, rank: score(row, query) });
      }
    }
  }
  if (run !== latest) return;
  found.sort(compare);
  await show(found.slice(0, SHOWN));
  list.dataset.query = filter.value;
};
// The search under way: Enter copies from the rows of what was typed, never an earlier query's.
let searching = Promise.resolve();

const language = () => languageSelect.value;
const copyText = async (row, kind) => {
  const head = await manifest;
  const index = head.languages.findIndex((each) => each.locale === language());
  const url = head.site_url + row.paths[index];
  if (kind === "link") return url;
  if (kind === "short") return head.site_url + row.short;
  const lines = [row.headings[index]];
  if (row.server) {
    const address = addressInput.validity.valid ? addressInput.value.trim() : "";
    const example = head.example_address[language()];
    for (const line of head.settings[language()][row.server]) {
      lines.push(address ? line.replaceAll(example, address) : line);
    }
  }
  return [...lines, url].join("\n");
};

const copy = async (button, row, kind) => {
  const text = await copyText(row, kind);
  await navigator.clipboard.writeText(text);
  for (const other of list.querySelectorAll("[data-state=copied]")) delete other.dataset.state;
  button.dataset.state = "copied";
  statusLine.textContent = `${main.dataset.copied}: ${text.split("\n")[0]}`;
};

const show = async (rows) => {
  const head = await manifest;
  const index = head.languages.findIndex((each) => each.locale === language());
  list.replaceChildren(
    ...rows.map((row, position) => {
      const item = document.createElement("li");
      const title = document.createElement("p");
      title.className = "agent__title";
      title.id = `agent-row-${position}`;
      title.lang = language();
      title.textContent = row.headings[index];
      const where = document.createElement("p");
      where.className = "agent__where";
      where.textContent = `/${row.paths[index]}  ·  /${row.short}`;
      const actions = document.createElement("p");
      actions.className = "agent__actions";
      for (const kind of ["link", "short", "snippet"]) {
        const button = document.createElement("button");
        button.type = "button";
        button.dataset.kind = kind;
        button.textContent = main.dataset[kind];
        button.setAttribute("aria-describedby", title.id);
        button.addEventListener("click", () => copy(button, row, kind));
        actions.append(button);
      }
      item.dataset.key = row.key;
      item.dataset.url = head.site_url + row.paths[index];
      item.append(title, where, actions);
      return item;
    }),
  );
  statusLine.textContent = rows.length
    ? main.dataset.count.replace("{count}", rows.length)
    : main.dataset.none;
};

// Keyboard: "/" back to the filter; Enter in the filter copies the first row's link; the arrow
// keys move between rows, keeping the column.
filter.addEventListener("keydown", (event) => {
  if (event.key === "Enter") {
    event.preventDefault();
    searching.then(() => list.querySelector("button")?.click());
  } else if (event.key === "ArrowDown") {
    event.preventDefault();
    list.querySelector("button")?.focus();
  }
});
list.addEventListener("keydown", (event) => {
  const button = event.target.closest("button");
  if (!button || !["ArrowDown", "ArrowUp"].includes(event.key)) return;
  event.preventDefault();
  const item = button.closest("li");
  const next = event.key === "ArrowDown" ? item.nextElementSibling : item.previousElementSibling;
  if (next) next.querySelector(`[data-kind=${button.dataset.kind}]`).focus();
  else if (event.key === "ArrowUp") filter.focus();
});
document.addEventListener("keydown", (event) => {
  if (event.key !== "/" || event.target.closest("input, select, textarea")) return;
  event.preventDefault();
  filter.focus();
  filter.select();
});
document.querySelector("[data-agent-form]").addEventListener("submit", (event) => event.preventDefault());

filter.addEventListener("input", () => {
  searching = search();
});
languageSelect.value = stored(STORE.language) || main.dataset.lang;
if (!languageSelect.value) languageSelect.value = main.dataset.lang;
languageSelect.addEventListener("change", () => {
  store(STORE.language, languageSelect.value);
  search();
});
addressInput.value = stored(STORE.address);
addressInput.addEventListener("input", () => {
  if (addressInput.validity.valid) store(STORE.address, addressInput.value.trim());
});
main.querySelector("[data-agent-forget]").addEventListener("click", () => {
  addressInput.value = "";
  store(STORE.address, "");
  addressInput.focus();
});
filter.focus();
if (filter.value) search();
