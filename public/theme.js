// Sets the theme before first paint, so a dark-mode user never sees a white flash. A file (not
// an inline script) so the Content-Security-Policy can forbid inline scripts altogether.
try {
  var t = localStorage.getItem('mpp-theme');
  if (t === 'light' || t === 'dark') document.documentElement.dataset.theme = t;
} catch (e) {
  /* storage may be off: the system theme applies */
}
