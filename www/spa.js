// A single-page imitation of Syncro's token screens: list → New Token → created (the
// token inserted by script, no page load) → Done (history.pushState, truncated token).
(function () {
  var app = document.getElementById('app');
  var issued = document.getElementById('issued').content.textContent.trim();
  var created = null;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) e.textContent = text;
    return e;
  }

  function list() {
    app.replaceChildren(el('h1', {}, 'API Tokens'));
    var btn = el('button', { class: 'btn', id: 'new-token' }, 'New Token');
    btn.addEventListener('click', form);
    app.append(btn);
    if (created) app.append(el('p', { class: 'alert' }, 'Token created: ' + created.slice(0, 7) + '...' + created.slice(-4)));
  }

  function form() {
    app.replaceChildren(el('h1', {}, 'New API Token'), el('h2', {}, 'Custom Permissions'));
    var go = el('button', { class: 'btn', id: 'create' }, 'Create API Token');
    go.addEventListener('click', reveal);
    app.append(go);
  }

  function reveal() {
    app.replaceChildren(el('h1', {}, 'API Token Created'), el('p', { class: 'alert' }, 'Copy this token now. It will not be shown again.'));
    setTimeout(function () {
      var box = el('div', { class: 'field' });
      box.append(el('label', {}, 'Your API Token'), el('code', { id: 'token' }, issued));
      var done = el('button', { class: 'btn', id: 'done' }, 'Done');
      done.addEventListener('click', function () {
        created = issued;
        history.pushState({}, '', '/settings/api?list=1');
        list();
      });
      app.append(box, done);
    }, 250);
  }

  list();
})();
