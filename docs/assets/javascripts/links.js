/* Links for support chat (hooks/links.py; README.md, "Links for support").
   - A copy button (.links-copy) says "copied" for a moment; Material's clipboard script does
     the copying (data-clipboard-text) and shows its own notice.
   - The language switcher's links take the #section the reader is on along.
   - An old heading id whose section moved to another page sends the reader there. */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".links-copy");
    if (!button) return;
    var label = button.getAttribute("aria-label");
    button.setAttribute("data-state", "copied");
    button.setAttribute("aria-label", button.getAttribute("data-copied"));
    button.title = button.getAttribute("data-copied");
    clearTimeout(button.linksTimer);
    button.linksTimer = setTimeout(function () {
      button.removeAttribute("data-state");
      button.setAttribute("aria-label", label);
      button.title = label;
    }, 2000);
  });

  function keepSection(event) {
    var link = event.target.closest && event.target.closest("a[data-links-switch]");
    if (link) link.href = link.href.split("#")[0] + location.hash;
  }
  ["click", "auxclick", "contextmenu", "focusin", "mouseover"].forEach(function (type) {
    document.addEventListener(type, keepSection, true);
  });

  function followMovedSection() {
    var id = decodeURIComponent(location.hash.slice(1));
    var old = id && document.getElementById(id);
    var movedTo = old && old.getAttribute("data-links-moved-to");
    if (movedTo) location.replace(movedTo);
  }
  window.addEventListener("hashchange", followMovedSection);
  followMovedSection();
})();
