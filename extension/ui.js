// Helpers shared by the popup and the options page: messages to the background and text.
'use strict';

const t = (id, params) => chrome.i18n.getMessage(id, params) || id;

function localize(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  document.documentElement.lang = chrome.i18n.getUILanguage();
}

// Sends a request to the background; resolves with its reply or throws its error.
async function ask(request) {
  const answer = await chrome.runtime.sendMessage(request);
  if (answer && answer.ok) return answer.ok;
  const error = answer && answer.error;
  const e = new Error(error ? (error.text && chrome.i18n.getMessage(error.text)) || error.message : t('noAnswer'));
  e.name = answer && answer.error ? answer.error.name : 'NoAnswer';
  throw e;
}
