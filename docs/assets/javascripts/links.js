/* Links for support chat (hooks/links.py; README.md, "Links for support").
   - A copy button (.links-copy) says "copied" for a moment; Material's clipboard script does
     the copying (data-clipboard-text) and shows its own notice.
   - The language switcher's links take the #section the reader is on along.
   - An old heading id whose section moved to another page sends the reader there.
   An ES module (mkdocs.yml, extra_javascript): the listeners sit on the document, so they serve
   every page, also after Material's instant navigation swaps the content (`document$`). */

const COPIED_MS = 2000;

document.addEventListener("click", (event) => {
  const button = event.target.closest?.(".links-copy");
  if (!button) return;
  const label = button.dataset.label ?? button.getAttribute("aria-label");
  button.dataset.label = label; // a second click while "copied" must not keep "copied" for good
  const copied = button.getAttribute("data-copied");
  button.setAttribute("data-state", "copied");
  button.setAttribute("aria-label", copied);
  button.title = copied;
  clearTimeout(button.linksTimer);
  button.linksTimer = setTimeout(() => {
    button.removeAttribute("data-state");
    button.setAttribute("aria-label", label);
    button.title = label;
  }, COPIED_MS);
});

const keepSection = (event) => {
  const link = event.target.closest?.("a[data-links-switch]");
  if (link) link.href = link.href.split("#")[0] + location.hash;
};
for (const type of ["click", "auxclick", "contextmenu", "focusin", "mouseover"]) {
  document.addEventListener(type, keepSection, true);
}

const followMovedSection = () => {
  const id = decodeURIComponent(location.hash.slice(1));
  const movedTo = id && document.getElementById(id)?.getAttribute("data-links-moved-to");
  if (movedTo) location.replace(movedTo);
};
window.addEventListener("hashchange", followMovedSection);
// Each page, the first and every one instant navigation shows (Material's `document$`).
(window.document$ ?? { subscribe: (setUp) => setUp() }).subscribe(followMovedSection);
