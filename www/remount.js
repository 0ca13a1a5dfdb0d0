// A reveal drawn by a React-style component that re-renders several times after load:
// every render replaces the whole subtree (new input, new Done button) with the same
// token. Done leaves for the token list.
(function () {
  var issued = document.body.dataset.reveal;
  var seed = document.body.dataset.seed;
  var root = document.getElementById('root');
  var renders = 0;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) e.textContent = text;
    return e;
  }

  function render() {
    renders++;
    var field = el('div', { class: 'field' });
    field.append(el('label', { for: 'token' }, 'Your API Token'), el('input', { id: 'token', readonly: '', value: issued }));
    var done = el('button', { class: 'btn', id: 'done', type: 'button' }, 'Done');
    done.addEventListener('click', function () { location.assign('/api_tokens?done=' + encodeURIComponent(seed)); });
    root.replaceChildren(
      el('h1', {}, 'API Token Created'),
      el('p', { class: 'alert' }, 'Copy this token now. It will not be shown again.'),
      field,
      el('p', {}, 'Render ' + renders),
      done
    );
    window.renders = renders;
    if (renders < 8) setTimeout(render, 150);
  }
  render();
})();
