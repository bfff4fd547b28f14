/* Help that fits the reader (issue 16): their own address in the steps, and the guide for their
   device suggested on the overview. Everything stays in this browser: the address is kept in
   localStorage only and written into the page as text; it is never put in a URL, a request or the
   search. The device comes from the browser's own signals; no request leaves the page.
   Without JavaScript none of this runs and every page reads as it always did.
   An ES module (mkdocs.yml, extra_javascript): each page is set up when Material's `document$`
   shows it, the first one and each one instant navigation swaps in. */

import { isAddress, isAddressChange, storeAddress, storedAddress } from "./address.js";

const EXAMPLES = "[data-example-address]";
const REPEAT_MS = 50; // a status message cleared and written again is heard again

// --------------------------------------------------------------------------------------------
// The reader's own address (address.js keeps it)
// --------------------------------------------------------------------------------------------

/* Every example address on the page shows `address`, or the example again when it is "".
   A page that shows the examples already is left as it is (no work for the browser). */
const showAddress = (address) => {
  if (!address && !document.querySelector(".reader-own-address")) return;
  for (const element of document.querySelectorAll(EXAMPLES)) {
    element.dataset.readerExample ??= element.textContent;
    element.textContent = address || element.dataset.readerExample;
    element.classList.toggle("reader-own-address", Boolean(address));
  }
};

const fill = (text, name, value) => text.replace(`{${name}}`, () => value);

const setUpForms = new WeakSet(); // a page shown again by instant navigation is a new page

/* The address field is in the page from the start (hooks/settings.py puts it after the first
   example address), so nothing moves when it is set up here. */
const setUpAddressField = () => {
  const form = document.querySelector("article form.reader-address");
  const first = document.querySelector(`article ${EXAMPLES}`);
  if (!form || !first || setUpForms.has(form)) return;
  setUpForms.add(form);
  const input = form.querySelector("input");
  const forget = form.querySelector(".reader-address__forget");
  const status = form.querySelector("[role=status]");
  const example = first.dataset.readerExample || first.textContent;

  const say = (text) => {
    status.textContent = "";
    window.setTimeout(() => {
      status.textContent = text;
    }, REPEAT_MS);
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault(); // never sent anywhere
    const address = input.value.trim();
    if (!isAddress(address)) {
      input.setAttribute("aria-invalid", "true");
      say(fill(form.dataset.invalid, "example", example));
      input.focus();
      return;
    }
    input.removeAttribute("aria-invalid");
    storeAddress(address);
    showAddress(address);
    forget.hidden = false;
    say(fill(form.dataset.saved, "address", address));
  });

  forget.addEventListener("click", () => {
    storeAddress("");
    showAddress("");
    input.value = "";
    input.removeAttribute("aria-invalid");
    forget.hidden = true;
    say(form.dataset.forgotten);
    input.focus();
  });

  const address = storedAddress();
  input.value = address;
  forget.hidden = !address;
};

// --------------------------------------------------------------------------------------------
// The guide for the reader's device (overview only)
// --------------------------------------------------------------------------------------------

const HINT_PLATFORMS = { ios: "ios", android: "android", macos: "macos", windows: "windows" };

/* "ios", "ipados", "android", "macos", "windows" or "": User-Agent Client Hints where they name
   a known platform, else the user agent (Safari and Firefox send no hints). */
const readerPlatform = () => {
  const hinted = navigator.userAgentData?.platform;
  const named = hinted ? HINT_PLATFORMS[hinted.toLowerCase()] : "";
  const agent = navigator.userAgent || "";
  if (named === "ios" && /iPad/.test(agent)) return "ipados";
  if (named) return named;
  if (/iPad/.test(agent)) return "ipados";
  if (/iPhone|iPod/.test(agent)) return "ios";
  if (/Android/.test(agent)) return "android";
  // iPadOS asks for desktop pages as a Mac; only its touch screen tells it apart.
  if (/Macintosh/.test(agent)) return navigator.maxTouchPoints > 1 ? "ipados" : "macos";
  if (/Windows/.test(agent)) return "windows";
  return "";
};

/* The tile of the reader's device gets a badge on its border ("Your iPhone"): out of the flow, so
   no tile moves under a finger about to tap it (issue 28). */
const suggestGuide = () => {
  const guides = document.querySelector(".reader-guides[data-guide-devices]");
  const platform = readerPlatform();
  if (!guides || !platform || guides.querySelector(".reader-guides__tile--suggested")) return;
  const devices = JSON.parse(guides.dataset.guideDevices || "{}");
  const guide = Object.keys(devices).find((name) => devices[name].includes(platform));
  const tile = guide && guides.querySelector(`[data-guide="${guide}"]`);
  const template = guides.querySelector("template.reader-guides__badges");
  const badge = template?.content.querySelector(`[data-device="${platform}"]`);
  if (!tile || !badge) return;
  tile.classList.add("reader-guides__tile--suggested");
  tile.append(badge.cloneNode(true));
};

// --------------------------------------------------------------------------------------------
// Each page
// --------------------------------------------------------------------------------------------

/* Everything here is quick and reads no layout, so it runs at once, not when the browser is idle
   (issue 28: measured, work put off to idle cost a second layout of the whole page). */
const setUpPage = () => {
  showAddress(storedAddress());
  setUpAddressField();
  suggestGuide();
  document.documentElement.dataset.readerReady = ""; // tests wait for it
};

// Typed or forgotten in another tab, or in this page's QR block: this page follows.
window.addEventListener("storage", (event) => {
  if (!isAddressChange(event)) return;
  const address = storedAddress();
  showAddress(address);
  const input = document.querySelector(".reader-address__input");
  if (input) input.value = address;
  const forget = document.querySelector(".reader-address__forget");
  if (forget) forget.hidden = !address;
});

// Material's `document$` shows each page, the first one too; without it, this page alone.
(window.document$ ?? { subscribe: (setUp) => setUp() }).subscribe(setUpPage);
