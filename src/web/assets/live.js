/* global document, EventSource */
// Live pages and embeds on reader pages (decision 0022). Optional: without it a live page is
// complete and a reload shows the latest, and an embed is a card with a link to the original.
(function () {
  'use strict';

  // ---- Embeds: nothing of the service loads until the reader asks for it. -------------------
  var FRAMES = {
    youtube: { id: /^[\w-]{11}$/, url: function (id) { return 'https://www.youtube-nocookie.com/embed/' + id + '?autoplay=1'; }, video: true },
    vimeo: { id: /^\d{1,12}$/, url: function (id) { return 'https://player.vimeo.com/video/' + id + '?dnt=1'; }, video: true },
    x: { id: /^\d{1,20}$/, url: function (id) { return 'https://platform.twitter.com/embed/Tweet.html?id=' + id + '&dnt=true'; } },
    telegram: { id: /^[A-Za-z]\w{3,31}\/\d{1,12}$/, url: function (id) { return 'https://t.me/' + id + '?embed=1'; } },
    instagram: { id: /^[\w-]{5,40}$/, url: function (id) { return 'https://www.instagram.com/p/' + id + '/embed'; } },
    tiktok: { id: /^\d{1,25}$/, url: function (id) { return 'https://www.tiktok.com/embed/v2/' + id; } },
    facebook: {
      id: /^https:\/\/(www\.facebook\.com|fb\.watch)\/[\w./?=&%-]{1,300}$/,
      url: function (id) { return 'https://www.facebook.com/plugins/' + (/\/videos\/|watch/.test(id) ? 'video' : 'post') + '.php?href=' + encodeURIComponent(id); },
    },
  };

  var labels = document.querySelector('[data-embed-load]');
  var loadTemplate = labels ? labels.getAttribute('data-embed-load') : 'Show the original on {provider}';

  function prepareEmbeds(root) {
    var buttons = root.querySelectorAll('button.embed-load[data-embed-provider]');
    for (var i = 0; i < buttons.length; i++) {
      var b = buttons[i];
      var frame = FRAMES[b.getAttribute('data-embed-provider')];
      if (!frame || !frame.id.test(b.getAttribute('data-embed-id') || '')) continue;
      var figure = b.closest('figure.embed');
      var name = figure && figure.querySelector('.embed-provider');
      b.textContent = loadTemplate.replace('{provider}', name ? name.textContent : '');
      b.hidden = false;
    }
  }

  document.addEventListener('click', function (event) {
    var b = event.target && event.target.closest ? event.target.closest('button.embed-load[data-embed-provider]') : null;
    if (!b) return;
    var frame = FRAMES[b.getAttribute('data-embed-provider')];
    var id = b.getAttribute('data-embed-id') || '';
    if (!frame || !frame.id.test(id)) return;
    var figure = b.closest('figure.embed');
    var iframe = document.createElement('iframe');
    iframe.src = frame.url(id);
    iframe.className = frame.video ? 'embed-frame embed-video' : 'embed-frame embed-post';
    var title = figure && figure.querySelector('.embed-title, .embed-provider');
    iframe.title = title ? title.textContent : b.textContent;
    iframe.setAttribute('allow', 'autoplay; encrypted-media; picture-in-picture; fullscreen');
    iframe.setAttribute('referrerpolicy', 'strict-origin-when-cross-origin');
    b.closest('.embed-actions').before(iframe);
    b.remove();
    iframe.focus();
  });

  prepareEmbeds(document);

  // ---- Live pages ---------------------------------------------------------------------------
  var section = document.querySelector('[data-live-stream]');
  if (!section || typeof EventSource === 'undefined') return;
  var list = section.querySelector('[data-live-entries]');
  var pinnedBox = section.querySelector('[data-live-pinned]');
  var keyEvents = section.querySelector('[data-live-key-events]');
  var button = section.querySelector('[data-live-new]');
  var endedBox = section.querySelector('[data-live-ended]');
  var rules = new Intl.PluralRules(section.getAttribute('data-locale') || 'en');
  /** Entries that arrived and wait for the reader's click, by id. */
  var pending = new Map();

  function parse(html) {
    var t = document.createElement('template');
    t.innerHTML = html;
    return t.content.firstElementChild;
  }
  function findEntry(id) {
    return section.querySelector('[data-entry-id="' + id + '"]');
  }
  /** Into the list, newest first, where its time puts it. */
  function insertSorted(el) {
    var published = el.getAttribute('data-published');
    var children = list.children;
    for (var i = 0; i < children.length; i++) {
      if ((children[i].getAttribute('data-published') || '') < published) {
        list.insertBefore(el, children[i]);
        return;
      }
    }
    list.appendChild(el);
  }
  function place(el, pinned) {
    if (pinned) {
      var old = pinnedBox.firstElementChild;
      if (old && old !== el) {
        old.classList.remove('pinned');
        var flag = old.querySelector('.live-flag-pinned');
        if (flag) flag.remove();
        insertSorted(old);
      }
      pinnedBox.appendChild(el);
    } else {
      insertSorted(el);
    }
  }
  function showButton() {
    var n = pending.size;
    if (!n) {
      button.hidden = true;
      return;
    }
    var template = section.getAttribute('data-' + rules.select(n)) || section.getAttribute('data-other');
    button.textContent = template.replace('{count}', n.toLocaleString(section.getAttribute('data-locale') || 'en'));
    button.hidden = false;
  }
  function setKeyEvents(html) {
    keyEvents.innerHTML = html;
    keyEvents.hidden = !html;
  }

  button.addEventListener('click', function () {
    var items = Array.from(pending.values()).sort(function (a, b) { return a.publishedAt < b.publishedAt ? -1 : 1; });
    pending.clear();
    var first = null;
    items.forEach(function (data) {
      var el = parse(data.html);
      prepareEmbeds(el);
      place(el, data.pinned);
      first = el;
    });
    var empty = section.querySelector('[data-live-empty]');
    if (empty && items.length) empty.remove();
    showButton();
    if (first) {
      first.setAttribute('tabindex', '-1');
      first.focus();
    }
  });

  var since = section.getAttribute('data-since') || '';
  var source = new EventSource(section.getAttribute('data-live-stream') + (since ? '?since=' + encodeURIComponent(since) : ''));

  source.addEventListener('state', function (event) {
    var data = JSON.parse(event.data);
    var ids = new Set(data.ids.map(String));
    var shown = section.querySelectorAll('[data-entry-id]');
    for (var i = 0; i < shown.length; i++) if (!ids.has(shown[i].getAttribute('data-entry-id'))) shown[i].remove();
    pending.forEach(function (_v, id) { if (!ids.has(String(id))) pending.delete(id); });
    setKeyEvents(data.keyEventsHtml);
    showButton();
    section.setAttribute('data-live-connected', '');
  });
  source.addEventListener('entry', function (event) {
    var data = JSON.parse(event.data);
    var existing = findEntry(data.id);
    if (!existing) {
      pending.set(data.id, data);
      showButton();
      return;
    }
    // An edit of what the reader sees: in place (the browser's scroll anchoring keeps the position).
    var el = parse(data.html);
    prepareEmbeds(el);
    var wasPinned = existing.parentNode === pinnedBox;
    if (wasPinned === data.pinned) existing.replaceWith(el);
    else {
      existing.remove();
      place(el, data.pinned);
    }
  });
  source.addEventListener('remove', function (event) {
    var id = JSON.parse(event.data).id;
    pending.delete(id);
    var el = findEntry(id);
    if (el) el.remove();
    showButton();
  });
  source.addEventListener('keyevents', function (event) {
    setKeyEvents(JSON.parse(event.data).html);
  });
  source.addEventListener('ended', function (event) {
    var html = JSON.parse(event.data).html;
    if (html) endedBox.innerHTML = html;
    source.close();
  });
})();
