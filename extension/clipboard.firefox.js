// @ts-check
// Firefox runs the background as an event page, which reaches the clipboard itself with
// the optional clipboardRead/clipboardWrite permissions. (The Chrome build ships
// clipboard.chrome.js under this name instead.)

export async function readClipboard() {
  return navigator.clipboard.readText().catch(() => '');
}

export async function clearClipboard() {
  await navigator.clipboard.writeText('');
}

export async function doneWithClipboard() {}
