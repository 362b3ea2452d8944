/* global document, window */
// The newsroom's small behaviours, all optional: every page works without them.
'use strict';

(function () {
  const $$ = (selector, root) => Array.from((root || document).querySelectorAll(selector));

  // A form that failed: move focus to the summary of problems, so a screen reader hears it.
  const summary = document.querySelector('[data-error-summary]');
  if (summary) summary.focus();

  // Dangerous actions ask first.
  for (const form of $$('form[data-confirm]')) {
    form.addEventListener('submit', (event) => {
      if (!window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
    });
  }

  const csrf = () => {
    const input = document.querySelector('input[name="_csrf"]');
    return input ? input.value : '';
  };

  const post = (url, body) =>
    fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': csrf(), accept: 'application/json' },
      body,
    });

  // Unsaved changes: warn before leaving a form that was changed and not saved.
  for (const form of $$('form[data-dirty-warn]')) {
    let dirty = false;
    let submitting = false;
    const mark = () => {
      dirty = true;
      form.dataset.dirty = 'true';
    };
    form.addEventListener('input', mark);
    form.addEventListener('change', mark);
    form.addEventListener('submit', () => {
      submitting = true;
    });
    window.addEventListener('beforeunload', (event) => {
      if (dirty && !submitting) {
        event.preventDefault();
        event.returnValue = '';
      }
    });

    // Autosave of drafts: every 10 seconds after a change, the form is saved in the background.
    const url = form.getAttribute('data-autosave-url');
    const status = document.querySelector('[data-autosave-status]');
    const base = form.querySelector('input[name="base_modified_at"]');
    let pending = false;
    let timer = null;
    const say = (text) => {
      if (status) status.textContent = text;
    };
    const autosave = async () => {
      timer = null;
      if (!pending) return;
      pending = false;
      const body = new URLSearchParams(new FormData(form));
      try {
        const response = await post(url, body);
        const result = await response.json();
        if (response.ok) {
          if (base) base.value = result.modifiedAt;
          say('Draft saved at ' + new Date(result.modifiedAt).toLocaleTimeString() + '.');
          dirty = false;
          delete form.dataset.dirty;
        } else {
          say('Not saved automatically: ' + (result.detail || 'the server refused it') + '');
        }
      } catch {
        pending = true;
        say('Not saved automatically: no connection. Your text is still here.');
      }
    };
    if (url) {
      const schedule = () => {
        pending = true;
        if (!timer) timer = setTimeout(autosave, 10_000);
      };
      form.addEventListener('input', schedule);
      form.addEventListener('change', schedule);
      form.addEventListener('submit', () => {
        if (timer) clearTimeout(timer);
        pending = false;
      });
    }
  }

  // The editing lock: kept while the editor is open, given back when it closes.
  const lock = document.querySelector('[data-lock-url]');
  if (lock) {
    const url = lock.getAttribute('data-lock-url');
    setInterval(() => {
      post(url, '').catch(() => undefined);
    }, 30_000);
    window.addEventListener('pagehide', () => {
      const body = new FormData();
      body.append('_csrf', csrf());
      navigator.sendBeacon(lock.getAttribute('data-unlock-url'), body);
    });
  }

  // Tag type-ahead: suggestions for the last name in a comma-separated list, through a datalist
  // whose options are the whole field with that last name completed.
  for (const input of $$('input[data-tag-type]')) {
    const list = document.getElementById(input.getAttribute('list'));
    let last = '';
    input.addEventListener('input', async () => {
      const parts = input.value.split(',');
      const term = parts[parts.length - 1].trim();
      if (term.length < 2 || term === last) return;
      last = term;
      const params = new URLSearchParams({ q: term, type: input.getAttribute('data-tag-type'), edition: input.getAttribute('data-edition') || '' });
      try {
        const response = await fetch('/newsroom/tags.json?' + params, { credentials: 'same-origin' });
        if (!response.ok) return;
        const { items } = await response.json();
        const head = parts.slice(0, -1).map((p) => p.trim()).filter(Boolean);
        list.replaceChildren(
          ...items.map((item) => {
            const option = document.createElement('option');
            option.value = head.concat(item.name).join(', ');
            return option;
          }),
        );
      } catch {
        /* suggestions are a convenience; typing still works */
      }
    });
  }

  // Copy buttons (the secret preview link).
  for (const button of $$('button[data-copy]')) {
    button.addEventListener('click', async () => {
      const target = document.getElementById(button.getAttribute('data-copy'));
      try {
        await navigator.clipboard.writeText(target.value || target.textContent);
        button.textContent = 'Copied';
      } catch {
        target.select();
      }
    });
  }
})();
