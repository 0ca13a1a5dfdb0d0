// Benchmark instrumentation for the scaled replicas (`make bench` only): records when
// the DOM was ready and when Keyshift's notes appeared, from the page's own side.
window.scale = { dcl: 0, notes: 0, last: 0, captured: 0, painted: 0 };
document.addEventListener('DOMContentLoaded', function () {
  window.scale.dcl = performance.now();
  // The page's own first frame after the DOM is ready: the browser's share of the time.
  requestAnimationFrame(function () {
    setTimeout(function () {
      window.scale.painted = performance.now();
    }, 0);
  });
});
new MutationObserver(function (records) {
  records.forEach(function (r) {
    r.addedNodes.forEach(function (n) {
      if (n.nodeName !== 'KEYSHIFT-NOTE') return;
      window.scale.notes++;
      window.scale.last = performance.now();
      if (n.dataset.kind === 'captured-token') window.scale.captured = performance.now();
    });
  });
}).observe(document.documentElement, { childList: true, subtree: true });
