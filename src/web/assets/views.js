/* global window */
// Counts this article's view for "Most read" (decision 0024): only the page's address is sent,
// with no cookie and nothing about the reader; the server adds it to a count in memory.
(function () {
  try {
    if (navigator.sendBeacon) navigator.sendBeacon('/views', window.location.pathname);
  } catch {
    // A refused beacon costs the count, never the page.
  }
})();
