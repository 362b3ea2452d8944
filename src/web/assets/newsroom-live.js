/* global document, window, EventSource */
// The live desk (decision 0022): publish, edit and delete entries without reloading; entries
// written by others appear by themselves (the readers' stream tells the desk when to refresh).
(function () {
  'use strict';
  var desk = document.querySelector('[data-live-desk]');
  if (!desk) return;
  var form = desk.querySelector('[data-live-form]');
  var list = desk.querySelector('[data-live-list]');
  var status = desk.querySelector('[data-live-status]');
  var csrf = document.querySelector('input[name="_csrf"]');
  var newAction = form ? form.getAttribute('action').replace(/\/entries\/\d+$/, '/entries') : '';

  function say(text) {
    status.textContent = text;
  }
  function headers() {
    return { accept: 'application/json', 'x-csrf-token': csrf ? csrf.value : '', 'content-type': 'application/x-www-form-urlencoded' };
  }
  function clearErrors() {
    if (!form) return;
    form.querySelectorAll('.field-error[data-js]').forEach(function (e) { e.remove(); });
    form.querySelectorAll('[aria-invalid]').forEach(function (e) { e.removeAttribute('aria-invalid'); });
  }
  function showErrors(errors) {
    var first = null;
    Object.keys(errors || {}).forEach(function (name) {
      var input = form.querySelector('[name="' + name + '"]');
      if (!input) return;
      var p = document.createElement('p');
      p.className = 'field-error';
      p.setAttribute('data-js', '');
      p.id = 'js-error-' + name;
      p.textContent = errors[name];
      input.before(p);
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', p.id);
      if (!first) first = input;
    });
    if (first) first.focus();
  }
  function refresh() {
    return fetch(desk.getAttribute('data-fragment'), { headers: { accept: 'text/html' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(new Error(String(r.status))); })
      .then(function (html) { list.innerHTML = html; });
  }
  function post(action, body) {
    return fetch(action, { method: 'POST', headers: headers(), body: body, credentials: 'same-origin' }).then(function (r) {
      return r.json().then(function (data) { return { ok: r.ok, data: data }; });
    });
  }
  function resetForm() {
    form.reset();
    form.setAttribute('action', newAction);
    form.querySelector('[data-live-submit]').textContent = 'Publish entry';
    var cancel = form.querySelector('[data-live-cancel]');
    if (cancel) cancel.remove();
  }

  if (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      clearErrors();
      var button = form.querySelector('[data-live-submit]');
      button.disabled = true;
      post(form.getAttribute('action'), new URLSearchParams(new FormData(form)).toString())
        .then(function (result) {
          if (!result.ok) {
            showErrors(result.data.errors);
            say(result.data.detail || 'The entry was not saved.');
            return;
          }
          list.innerHTML = result.data.listHtml;
          resetForm();
          say(result.data.notice);
          form.querySelector('[name="text"]').focus();
        })
        .catch(function () { say('The entry was not sent: check the connection and try again; the text is still in the form.'); })
        .finally(function () { button.disabled = false; });
    });
    // Ctrl+Enter (or Cmd+Enter) publishes from any field of the form.
    form.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
  }

  list.addEventListener('click', function (event) {
    var edit = event.target.closest('[data-live-edit]');
    if (!edit || !form) return;
    event.preventDefault();
    fetch(edit.getAttribute('href'), { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.json(); })
      .then(function (values) {
        form.querySelector('[name="headline"]').value = values.headline;
        form.querySelector('[name="text"]').value = values.text;
        form.querySelector('[name="keyEvent"]').checked = values.keyEvent;
        form.querySelector('[name="pinned"]').checked = values.pinned;
        var authors = form.querySelector('[name="authors"]');
        Array.prototype.forEach.call(authors.options, function (o) { o.selected = values.authorIds.indexOf(Number(o.value)) >= 0; });
        form.setAttribute('action', edit.getAttribute('href'));
        form.querySelector('[data-live-submit]').textContent = 'Save entry';
        if (!form.querySelector('[data-live-cancel]')) {
          var cancel = document.createElement('button');
          cancel.type = 'button';
          cancel.className = 'button secondary';
          cancel.setAttribute('data-live-cancel', '');
          cancel.textContent = 'Cancel';
          cancel.addEventListener('click', function () { resetForm(); say('Editing cancelled.'); });
          form.querySelector('[data-live-submit]').after(cancel);
        }
        say('Editing the entry; Save entry sends the change.');
        form.querySelector('[name="text"]').focus();
      });
  });

  // The forms there at load already ask through newsroom.js; the ones that came later ask here.
  var initial = new Set(list.querySelectorAll('form'));
  list.addEventListener('submit', function (event) {
    var f = event.target;
    if (!/\/(delete|breakout)$/.test(f.getAttribute('action'))) return;
    if (event.defaultPrevented) return;
    event.preventDefault();
    if (!initial.has(f) && f.hasAttribute('data-confirm') && !window.confirm(f.getAttribute('data-confirm'))) return;
    post(f.getAttribute('action'), new URLSearchParams(new FormData(f)).toString()).then(function (result) {
      if (!result.ok) return say(result.data.detail || 'That did not work.');
      list.innerHTML = result.data.listHtml;
      say(result.data.notice);
    });
  });

  // Others' entries: any change on the readers' stream refreshes the list (once per burst).
  var stream = desk.getAttribute('data-live-stream');
  if (stream && typeof EventSource !== 'undefined') {
    var timer = null;
    var source = new EventSource(stream);
    var later = function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 150);
    };
    ['entry', 'remove'].forEach(function (name) { source.addEventListener(name, later); });
  }
})();
