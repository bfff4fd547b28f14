/* Help that fits the reader (issue 16): their own address in the steps, and the guide for their
   device suggested on the overview. Everything stays in this browser: the address is kept in
   localStorage only and written into the page as text; it is never put in a URL, a request or the
   search. The device comes from the browser's own signals; no request leaves the page.
   Without JavaScript none of this runs and every page reads as it always did. */
(function () {
  "use strict";

  var STORAGE_KEY = "email-help.address";
  var EXAMPLES = "[data-example-address]";
  // One @, something on both sides, a dot in the domain; no spaces and none of the characters
  // that cannot stand unquoted in an address (markup typed into the field is refused here).
  var ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/;

  // ------------------------------------------------------------------------------------------
  // The reader's own address
  // ------------------------------------------------------------------------------------------

  function storedAddress() {
    try {
      return window.localStorage.getItem(STORAGE_KEY) || "";
    } catch (error) {
      return ""; // storage blocked: the field still works for this page
    }
  }

  function storeAddress(address) {
    try {
      if (address) window.localStorage.setItem(STORAGE_KEY, address);
      else window.localStorage.removeItem(STORAGE_KEY);
    } catch (error) {
      /* storage blocked: nothing is kept, as the reader's browser wants */
    }
  }

  function isAddress(text) {
    return text.length <= 254 && ADDRESS.test(text);
  }

  /* Every example address on the page shows `address`, or the example again when it is "". */
  function showAddress(address) {
    document.querySelectorAll(EXAMPLES).forEach(function (element) {
      if (element.dataset.readerExample === undefined) element.dataset.readerExample = element.textContent;
      element.textContent = address || element.dataset.readerExample;
      element.classList.toggle("reader-own-address", Boolean(address));
    });
  }

  /* The direct child of the article (or of a fallback page's or the card's wrapper) that holds
     `element`. */
  function blockOf(element) {
    var block = element;
    while (block.parentElement && !block.parentElement.matches("article, article > div[lang], .reader-card")) {
      block = block.parentElement;
    }
    return block.parentElement ? block : null;
  }

  function fill(text, name, value) {
    return text.replace("{" + name + "}", function () { return value; });
  }

  function addAddressField() {
    var template = document.getElementById("reader-address-form");
    var first = document.querySelector("article " + EXAMPLES);
    var block = first && blockOf(first);
    if (!template || !block) return;
    var form = template.content.firstElementChild.cloneNode(true);
    var input = form.querySelector("input");
    var forget = form.querySelector(".reader-address__forget");
    var status = form.querySelector("[role=status]");
    var example = first.dataset.readerExample || first.textContent;

    function say(text) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50); // a repeated message is heard again
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault(); // never sent anywhere
      var address = input.value.trim();
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

    forget.addEventListener("click", function () {
      storeAddress("");
      showAddress("");
      input.value = "";
      input.removeAttribute("aria-invalid");
      forget.hidden = true;
      say(form.dataset.forgotten);
      input.focus();
    });

    var address = storedAddress();
    input.value = address;
    forget.hidden = !address;
    block.after(form);
  }

  // ------------------------------------------------------------------------------------------
  // The guide for the reader's device (overview only)
  // ------------------------------------------------------------------------------------------

  var HINT_PLATFORMS = { ios: "ios", android: "android", macos: "macos", windows: "windows" };

  /* "ios", "ipados", "android", "macos", "windows" or "": User-Agent Client Hints where they name
     a known platform, else the user agent (Safari and Firefox send no hints). */
  function readerPlatform() {
    var hints = navigator.userAgentData;
    var named = hints && hints.platform ? HINT_PLATFORMS[hints.platform.toLowerCase()] : "";
    var agent = navigator.userAgent || "";
    if (named === "ios" && /iPad/.test(agent)) return "ipados";
    if (named) return named;
    if (/iPad/.test(agent)) return "ipados";
    if (/iPhone|iPod/.test(agent)) return "ios";
    if (/Android/.test(agent)) return "android";
    // iPadOS asks for desktop pages as a Mac; only its touch screen tells it apart.
    if (/Macintosh/.test(agent)) return navigator.maxTouchPoints > 1 ? "ipados" : "macos";
    if (/Windows/.test(agent)) return "windows";
    return "";
  }

  function suggestGuide() {
    var guides = document.querySelector(".reader-guides[data-guide-devices]");
    var platform = readerPlatform();
    if (!guides || !platform) return;
    var devices = JSON.parse(guides.dataset.guideDevices || "{}");
    var guide = Object.keys(devices).find(function (name) { return devices[name].indexOf(platform) >= 0; });
    var tile = guide && guides.querySelector('[data-guide="' + guide + '"]');
    var template = guides.querySelector("template.reader-guides__suggestion");
    var sentence = template && template.content.querySelector('[data-device="' + platform + '"]');
    if (!tile || !sentence) return;
    var suggestion = sentence.cloneNode(true);
    var link = suggestion.querySelector("a");
    link.href = tile.getAttribute("href");
    link.textContent = tile.textContent;
    tile.classList.add("reader-guides__tile--suggested");
    guides.insertBefore(suggestion, guides.firstElementChild);
  }

  function start() {
    showAddress(storedAddress());
    addAddressField();
    suggestGuide();
    // Typed or forgotten in another tab: this page follows.
    window.addEventListener("storage", function (event) {
      if (event.key !== STORAGE_KEY && event.key !== null) return;
      var address = storedAddress();
      showAddress(address);
      var input = document.querySelector(".reader-address__input");
      if (input) input.value = address;
      var forget = document.querySelector(".reader-address__forget");
      if (forget) forget.hidden = !address;
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
