/* The reader's own address, kept in this browser only (localStorage), for reader.js (the steps
   and the address field) and thunderbird-qr.js (the set-up code): one key, one check, one place
   that reads and writes it. It is never put in a URL, a request or the search. */

const STORAGE_KEY = "email-help.address";
// One @, something on both sides, a dot in the domain; no spaces and none of the characters
// that cannot stand unquoted in an address (markup typed into the field is refused here).
const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/;

/* A "storage" event for a change of the address (another tab's, or this page's own). */
export const isAddressChange = (event) => event.key === STORAGE_KEY || event.key === null;

export const storedAddress = () => {
  try {
    return window.localStorage.getItem(STORAGE_KEY) || "";
  } catch {
    return ""; // storage blocked: the page still works, nothing is kept
  }
};

/* Keep `address` ("" forgets it) and tell this page's other scripts, as another tab would. */
export const storeAddress = (address) => {
  try {
    if (address) window.localStorage.setItem(STORAGE_KEY, address);
    else window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    return; /* storage blocked: nothing is kept, as the reader's browser wants */
  }
  window.dispatchEvent(new StorageEvent("storage", { key: STORAGE_KEY }));
};

export const isAddress = (text) => text.length <= 254 && ADDRESS.test(text);
