// @ts-check
// Where Chrome keeps settings, the salt and dismissals: storage.local, closed to content
// scripts (a compromised renderer on a matched host could otherwise turn capture off or
// read the salt). The Firefox build ships store.firefox.js under this name instead.

// `managed`: the administrator's policy as last read (see bg.js), not the user's.
// `health`: what each account's token list last said (no secret in it).
const KEYS = ['settings', 'dismissed', 'salt', 'managed', 'health'];

// Feature-detected: Chrome has had it since 102; trusted contexts are the extension's
// own pages and its worker.
const locked = chrome.storage.local.setAccessLevel
  ? chrome.storage.local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' })
  : Promise.resolve();

/** @returns {Promise<Record<string, unknown>>} */
export async function loadLocal() {
  await locked;
  return chrome.storage.local.get(KEYS);
}

/** @param {Record<string, unknown>} values */
export async function saveLocal(values) {
  await locked;
  await chrome.storage.local.set(values);
}
