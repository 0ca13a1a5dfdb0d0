// A token list whose New Token opens a modal of divs, the way React admin UIs draw one:
// Name and Create API Token; the same dialog then shows the token once, with a Done that
// is a link styled as text. Done closes the dialog; the list shows a shortened token.
(function () {
  var issued = document.body.dataset.reveal;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) e.textContent = text;
    return e;
  }

  document.getElementById('new-token').addEventListener('click', function () {
    var dialog = el('div', { role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'dialog-title', class: 'modal', id: 'dialog' });
    var name = el('input', { id: 'token-name', name: 'token[name]', autocomplete: 'off' });
    var label = el('label', { for: 'token-name' }, 'Name');
    var create = el('button', { class: 'btn', id: 'create', type: 'button' }, 'Create API Token');
    var cancel = el('button', { class: 'btn secondary', type: 'button' }, 'Cancel');
    dialog.append(el('h2', { id: 'dialog-title' }, 'New API Token'), el('div', { class: 'field' }), create, cancel);
    dialog.children[1].append(label, name);
    cancel.addEventListener('click', function () { dialog.remove(); });
    create.addEventListener('click', function () {
      var value = el('input', { id: 'token', readonly: '', value: issued });
      var done = el('a', { href: '#', id: 'done', class: 'link' }, 'Done');
      var box = el('div', { class: 'field' });
      box.append(el('label', { for: 'token' }, 'Token'), value);
      dialog.replaceChildren(
        el('h2', { id: 'dialog-title' }, 'API token created'),
        el('p', { class: 'alert' }, 'Copy it now: this token is only shown once.'),
        box,
        done
      );
      done.addEventListener('click', function (ev) {
        ev.preventDefault();
        dialog.remove();
        document.getElementById('created').textContent = 'Token created: ' + issued.slice(0, 8) + '...' + issued.slice(-4);
        window.dialogDone = true;
      });
    });
    document.body.append(dialog);
    name.focus();
  });
})();
