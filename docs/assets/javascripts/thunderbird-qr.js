/* The QR code Thunderbird for Android scans to set up an account (issue 27), drawn in the reader's
   browser because only the browser knows the address. The page carries the servers from
   data/mail-settings.yml (hooks/helpcenter/thunderbird_qr.py); this adds the address and the
   optional name in the app's "Export for Mobile" format, version 1, never a password. The address
   is kept where reader.js keeps it (address.js, localStorage) and never sent: the form is never submitted and
   the encoder (vendor/qrcode-generator, pinned, MIT) loads only when a code is drawn, on a wide
   screen. Loaded as a module by the block that <!-- settings:thunderbird-qr --> puts in the page. */

import { isAddress as isReaderAddress, storeAddress, storedAddress } from "./address.js";

const WIDE = window.matchMedia("screen and (min-width: 60em)"); // reader.css hides the block below
const QUIET_ZONE = 4; // modules of white around the code, as the QR standard asks

// The app's format takes ASCII addresses only.
const isAddress = (text) => isReaderAddress(text) && /^[\x21-\x7e]+$/.test(text);

const fill = (text, value) => text.replace("{address}", () => value);

/* The payload, exactly as thunderbird_qr.qr_payload builds it: [version, [sequence, of],
   [IMAP server..., username], [[[SMTP server..., username], [address, name]]]]. */
const payload = (servers, address, name) => [
  1,
  [1, 1],
  [...servers.incoming, address],
  [[[...servers.outgoing, address], [address, name]]],
];

/* The code as one SVG path, one unit per module, dark on a white square with its quiet zone. */
const drawCode = async (svg, text) => {
  const { default: qrcode } = await import("./vendor/qrcode-generator/qrcode.mjs");
  qrcode.stringToBytes = (string) => Array.from(new TextEncoder().encode(string)); // UTF-8 names
  const code = qrcode(0, "M");
  code.addData(text, "Byte");
  code.make();
  const modules = code.getModuleCount();
  const size = modules + 2 * QUIET_ZONE;
  const path = [];
  for (let row = 0; row < modules; row += 1) {
    for (let column = 0; column < modules; column += 1) {
      if (code.isDark(row, column)) path.push(`M${column + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`);
    }
  }
  const namespace = "http://www.w3.org/2000/svg";
  const background = document.createElementNS(namespace, "rect");
  background.setAttribute("width", String(size));
  background.setAttribute("height", String(size));
  background.setAttribute("fill", "#fff");
  const dark = document.createElementNS(namespace, "path");
  dark.setAttribute("d", path.join(""));
  dark.setAttribute("fill", "#000");
  svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
  svg.replaceChildren(background, dark);
};

const setUp = (block) => {
  const servers = JSON.parse(block.dataset.servers);
  const form = block.querySelector("form");
  const addressInput = block.querySelector(".reader-setup-qr__address");
  const nameInput = block.querySelector(".reader-setup-qr__name");
  const status = block.querySelector("[role=status]");
  const figure = block.querySelector("figure");
  const svg = figure.querySelector("svg");
  let drawn = ""; // the payload the code shows
  let shown = ""; // the address it was drawn for

  const show = async (address) => {
    shown = address;
    if (!address) {
      figure.hidden = true;
      drawn = "";
      status.textContent = block.dataset.missing;
      return;
    }
    if (!WIDE.matches) return; // hidden on a phone: nothing to draw, nothing to load
    const text = JSON.stringify(payload(servers, address, nameInput.value.trim()));
    if (text === drawn) return;
    drawn = text;
    await drawCode(svg, text);
    svg.setAttribute("aria-label", fill(block.dataset.alt, address));
    figure.querySelector("figcaption").textContent = fill(block.dataset.caption, address);
    figure.hidden = false;
    status.textContent = fill(block.dataset.ready, address);
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault(); // never sent anywhere
    const address = addressInput.value.trim();
    if (!isAddress(address)) {
      addressInput.setAttribute("aria-invalid", "true");
      status.textContent = block.dataset.invalid.replace("{example}", block.dataset.example);
      addressInput.focus();
      return;
    }
    addressInput.removeAttribute("aria-invalid");
    storeAddress(address);
    show(address);
  });

  // The address typed or removed in reader.js's field, or in another tab.
  const follow = () => {
    const address = storedAddress();
    addressInput.value = address;
    show(isAddress(address) ? address : "");
  };
  window.addEventListener("storage", follow);
  document.addEventListener("submit", (event) => {
    if (event.target !== form) window.setTimeout(follow);
  });
  nameInput.addEventListener("change", () => {
    if (shown) show(shown); // a changed name redraws the code shown, nothing else
  });
  document.addEventListener("click", (event) => {
    if (event.target.closest(".reader-address__forget")) window.setTimeout(follow);
  });
  WIDE.addEventListener("change", follow);

  block.hidden = false;
  addressInput.value = storedAddress();
  follow();
};

// Each page Material's `document$` shows (instant navigation does not run this module again).
(window.document$ ?? { subscribe: (setUpPage) => setUpPage() }).subscribe(() => {
  for (const block of document.querySelectorAll(".reader-setup-qr:not([data-set-up])")) {
    block.dataset.setUp = "";
    setUp(block);
  }
});
