// @ts-check
// Chrome's offscreen document for the clipboard: reads it for the engine's check, and
// empties it when the engine says so. It keeps nothing.
'use strict';

const board = /** @type {HTMLTextAreaElement} */ (document.getElementById('board'));

function read() {
  board.value = '';
  board.focus();
  document.execCommand('paste'); // needs the optional clipboardRead permission
  const text = board.value;
  board.value = '';
  return text;
}

function clear() {
  const empty = (/** @type {ClipboardEvent} */ ev) => {
    ev.clipboardData?.clearData();
    ev.clipboardData?.setData('text/plain', '');
    ev.preventDefault();
  };
  document.addEventListener('copy', empty, { once: true });
  document.execCommand('copy'); // needs the optional clipboardWrite permission
}

// Content scripts' messages reach this document too: answer only the service worker.
const WORKER = chrome.runtime.getURL('bg.js');

/** A request from the worker (`OffscreenRequest`), answered with an `OffscreenReply`.
 * @param {any} message @param {chrome.runtime.MessageSender} sender
 * @param {(answer: import('./pkg/keyshift.js').OffscreenReply) => void} reply */
function answerWorker(message, sender, reply) {
  if (!message || !message.offscreen || sender.tab || sender.url !== WORKER) return false;
  if (message.offscreen === 'read') reply({ text: read() });
  else if (message.offscreen === 'clear') reply({ cleared: (clear(), true) });
  return false;
}
chrome.runtime.onMessage.addListener(answerWorker);
