/* global document, window */
// The import page's one behaviour: while an import runs, its progress is asked for every two
// seconds and shown in the bar and the polite status line; when it has finished, the page is
// loaded again to show the report. Without scripts the page's "Refresh" link does the same.
'use strict';

(function () {
  const block = document.querySelector('[data-import-progress]');
  if (!block) return;
  const url = block.getAttribute('data-import-progress');
  const bar = block.querySelector('progress');
  const status = block.querySelector('[data-import-status]');
  let lastText = status ? status.textContent : '';

  const poll = () => {
    fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then((response) => (response.ok ? response.json() : null))
      .then((data) => {
        if (!data) return window.setTimeout(poll, 5000);
        if (data.status === 'done' || data.status === 'failed') {
          window.location.reload();
          return undefined;
        }
        const total = data.progress.bytesTotal || data.bytes || 1;
        const percent = Math.min(100, Math.round((data.progress.bytesRead / total) * 100));
        if (bar) {
          bar.value = percent;
          bar.textContent = percent + '%';
        }
        // Only a changed sentence is put in the live region, so screen readers are not flooded.
        if (status && data.text !== lastText) {
          status.textContent = data.text;
          lastText = data.text;
        }
        return window.setTimeout(poll, 2000);
      })
      .catch(() => window.setTimeout(poll, 5000));
  };
  window.setTimeout(poll, 2000);
})();
