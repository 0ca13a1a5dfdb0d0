// Hostile and oversized pages for the end-to-end suite (e2e/stress.test.mjs): what the
// page does is named by <body data-stress>. The token (and for "deep", the nesting) is
// built here, after Keyshift's first read, as a single-page app would.
(function () {
  var mode = document.body.dataset.stress;
  var token = document.body.dataset.reveal;

  function reveal(into) {
    var alert = document.createElement('p');
    alert.className = 'alert';
    alert.textContent = 'Copy this token now. It will not be shown again.';
    var p = document.createElement('p');
    p.textContent = 'Your API Token:';
    var code = document.createElement('code');
    code.id = 'token';
    code.textContent = token;
    into.append(alert, p, code);
  }

  // The page's own work is kept out of the heartbeat: it starts counting after it.
  window.heartbeat = { gap: 0, last: performance.now(), on: false };
  function settled() {
    document.body.offsetHeight; // lay out now, as part of the page's own task
    setTimeout(function () {
      window.heartbeat.on = true;
      window.heartbeat.last = performance.now();
    }, 0);
  }

  if (mode === 'nodes') {
    // A list rendered at once by a single-page app: 200,000 text nodes, then the old key.
    var words = ['ticket', 'invoice', 'asset', 'customer', 'estimate', 'lead', 'contact', 'appointment', 'part', 'note'];
    var html = [];
    for (var r = 0; r < Number(document.body.dataset.nodes) / 10; r++) {
      html.push('<p>' + words.map(function (w, j) { return '<span>' + w + ' ' + (r * 10 + j) + '</span>'; }).join('') + '</p>');
    }
    html.push('<div class="field"><label>API Key</label><span class="api-key">' + document.body.dataset.key + '</span></div>');
    document.getElementById('stage').innerHTML = html.join('');
    settled();
  }

  if (mode === 'deep') {
    // 5,000 nested elements, deeper than the HTML parser would build (it stops at 512).
    // Chromium's renderer itself crashes laying out 5,000 nested boxes, so the nested
    // elements make no boxes of their own (display: contents): the token at the bottom
    // is still shown, and Keyshift reads the DOM either way.
    var at = document.getElementById('stage');
    for (var i = 0; i < Number(document.body.dataset.depth); i++) {
      var div = document.createElement(i % 2 ? 'div' : 'section');
      div.className = 'boxless';
      at.append(div);
      at = div;
    }
    reveal(at);
    settled();
  }

  if (mode === 'flood') {
    // Every frame, for as long as the test lets it: 200 cells rewritten, 50 rows added
    // and 50 removed. The token appears in the middle of it.
    var stage = document.getElementById('stage');
    var cells = [];
    for (var c = 0; c < 200; c++) {
      var cell = document.createElement('span');
      cell.textContent = 'cell ' + c;
      stage.append(cell);
      cells.push(cell);
    }
    var n = 0;
    window.flooding = true;
    settled();
    (function frame() {
      if (!window.flooding) return;
      n++;
      for (var k = 0; k < cells.length; k++) cells[k].textContent = 'cell ' + k + ' tick ' + n;
      for (var j = 0; j < 50; j++) {
        var row = document.createElement('div');
        row.textContent = 'row ' + n + '.' + j + ' ' + ((n * 7919 + j) % 100000);
        stage.append(row);
      }
      while (stage.childElementCount > 1200) stage.lastElementChild.previousElementSibling.remove();
      if (n === 30) reveal(document.getElementById('reveal'));
      requestAnimationFrame(frame);
    })();
  }

  if (mode === 'mover') {
    // Moves every Keyshift note to the end of the page and restyles it as it arrives.
    new MutationObserver(function (records) {
      records.forEach(function (r) {
        r.addedNodes.forEach(function (node) {
          if (node.nodeName !== 'KEYSHIFT-NOTE' || node.parentElement === document.body) return;
          node.style.cssText = 'position:absolute;left:-9999px;opacity:0';
          document.body.append(node);
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
    reveal(document.getElementById('stage'));
    settled();
  }

  // The kinds of Keyshift notes seen so far, for the test to poll cheaply.
  window.noted = [];
  new MutationObserver(function (records) {
    records.forEach(function (r) {
      r.addedNodes.forEach(function (node) {
        if (node.nodeName === 'KEYSHIFT-NOTE' && window.noted.indexOf(node.dataset.kind) < 0) window.noted.push(node.dataset.kind);
      });
    });
  }).observe(document.documentElement, { childList: true, subtree: true });

  // A heartbeat: the longest the page had to wait for its own 5 ms timer (ms).
  setInterval(function () {
    var now = performance.now();
    if (window.heartbeat.on) window.heartbeat.gap = Math.max(window.heartbeat.gap, now - window.heartbeat.last);
    window.heartbeat.last = now;
  }, 5);
})();
