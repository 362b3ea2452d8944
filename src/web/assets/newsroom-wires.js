/* global document, window */
// The wire queue's one behaviour: new reports are announced without a reload. The page is complete
// without it (reload to see them); this asks /newsroom/wires/new.json every 20 seconds and says
// "N new reports" in the polite live region, with a link that shows them.
'use strict';

(function () {
  const region = document.querySelector('[data-wire-poll]');
  if (!region) return;
  const url = region.getAttribute('data-wire-poll');
  const after = region.getAttribute('data-wire-after') || '0';
  const interval = Number(region.getAttribute('data-wire-interval')) || 20000;
  let last = '';

  const show = (message) => {
    if (message === last) return;
    last = message;
    region.textContent = '';
    if (!message) return;
    const text = document.createElement('span');
    text.textContent = message + '. ';
    const link = document.createElement('a');
    link.href = window.location.pathname + window.location.search.replace(/([?&])before=[^&]*&?/, '$1').replace(/[?&]$/, '');
    link.textContent = 'Show them';
    region.append(text, link);
  };

  const poll = () => {
    const sep = url.indexOf('?') >= 0 ? '&' : '?';
    fetch(url + sep + 'after=' + encodeURIComponent(after), { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then((response) => (response.ok ? response.json() : null))
      .then((data) => {
        if (data && typeof data.message === 'string') show(data.message);
      })
      .catch(() => undefined)
      .then(() => setTimeout(poll, interval));
  };
  setTimeout(poll, Math.min(interval, 2000));
})();
