// The reveal page's own script. In the "late" variant the token arrives after load, as a
// single-page app would insert it; a copy button's click is the page's business.
(function () {
  var late = document.getElementById('late-token');
  if (late) {
    setTimeout(function () {
      var code = document.createElement('code');
      code.id = 'token';
      code.textContent = late.content.textContent;
      document.getElementById('reveal').append(code);
      window.tokenInsertedAt = performance.now(); // read by `make bench`
    }, 400);
  }
  document.addEventListener('click', function (ev) {
    if (ev.target.closest('[data-clipboard-text]')) ev.preventDefault();
  });
})();
