// @ts-check
// Chrome's worker has no clipboard: a short-lived offscreen document reads and empties
// it. (The Firefox build ships clipboard.firefox.js under this name instead.)

/** @param {import('./pkg/keyshift.js').OffscreenRequest['offscreen']} request
 *  @returns {Promise<import('./pkg/keyshift.js').OffscreenReply | undefined>} */
async function offscreen(request) {
  if (!(await chrome.offscreen.hasDocument())) {
    await chrome.offscreen.createDocument({
      url: 'offscreen.html',
      reasons: [chrome.offscreen.Reason.CLIPBOARD],
      justification: 'Clear a copied API token from the clipboard if it is still there',
    });
  }
  return chrome.runtime.sendMessage({ offscreen: request });
}

export async function readClipboard() {
  const read = await offscreen('read');
  return read && 'text' in read && typeof read.text === 'string' ? read.text : '';
}

export async function clearClipboard() {
  await offscreen('clear');
}

export async function doneWithClipboard() {
  await chrome.offscreen.closeDocument().catch(() => {});
}
