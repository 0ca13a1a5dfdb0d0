// The ticket's own Close button. Keyshift must not hold it back.
document.getElementById('close').addEventListener('click', function () {
  document.getElementById('status').textContent = 'Closed';
});
