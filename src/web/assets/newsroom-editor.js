/* global document, window, DOMParser, Node */
// The article body's rich-text editor: an enhancement of <textarea data-rich-editor>, which keeps
// working as a plain HTML field without this script. The textarea stays the form's field: every
// change is written back to it, so saving, autosave and the unsaved-changes warning see the body.
// The server parses and sanitises what is posted (body-html.ts); the cleaning here only keeps the
// editor tidy and inert (no pasted scripts, handlers, styles or foreign images in the page).
'use strict';

(function () {
  const MEDIA_URL = /^\/media\/[A-Za-z0-9][\w-]*(?:\/[A-Za-z0-9][\w.-]*)*$/;
  const DROP = new Set(['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript', 'svg', 'math', 'head', 'title',
    'meta', 'link', 'img', 'picture', 'video', 'audio', 'canvas', 'form', 'input', 'button', 'select', 'textarea', 'xml']);
  const BLOCK = { p: 'p', div: 'p', h1: 'h2', h2: 'h2', h3: 'h2', h4: 'h2', h5: 'h2', h6: 'h2', ul: 'ul', ol: 'ol', li: 'li', blockquote: 'blockquote' };
  const INLINE = { a: 'a', strong: 'strong', b: 'strong', em: 'em', i: 'em', q: 'q', br: 'br' };
  const BLOCKISH = 'p,div,h1,h2,h3,h4,h5,h6,ul,ol,li,blockquote,figure,table';

  /** An element with attributes and children (strings become text nodes: never parsed as HTML). */
  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
    node.append(...(children || []));
    return node;
  }

  /** The URL if it is absolute http(s) or mailto, else null. */
  function safeUrl(value) {
    try {
      const url = new URL(String(value || '').trim());
      return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : null;
    } catch {
      return null;
    }
  }

  /** "— Speaker, role"; with spans when the name has a comma of its own (the server splits at the first). */
  function setAttribution(figcaption, speaker, role) {
    if (speaker.includes(',')) {
      figcaption.replaceChildren('— ', el('span', { class: 'speaker' }, [speaker]), ...(role ? [', ', el('span', { class: 'speaker-role' }, [role])] : []));
    } else {
      figcaption.replaceChildren('— ' + speaker + (role ? ', ' + role : ''));
    }
  }

  function quoteFigure(text, speaker, role) {
    const figure = el('figure', { class: 'quote' }, [el('blockquote', {}, [el('p', {}, [text])])]);
    if (speaker) {
      const figcaption = el('figcaption');
      setAttribution(figcaption, speaker, role);
      figure.append(figcaption);
    }
    return figure;
  }

  // An image block is atomic (deleted or moved whole); only its caption is editable.
  function imageFigure(id, src, alt, caption, credit) {
    const img = el('img', { alt: alt || '' });
    if (MEDIA_URL.test(src || '')) img.setAttribute('src', src);
    return el('figure', { class: 'image', 'data-media-id': String(id), contenteditable: 'false' }, [
      img,
      el('figcaption', { contenteditable: 'true' }, [(caption || '') + ' ', el('span', { class: 'credit' }, [credit || ''])]),
    ]);
  }

  const ENTITY_ID = /^[1-9]\d{0,9}$/;

  const squash = (text) => String(text || '').replace(/\s+/g, ' ').trim();

  function cleanFigure(figure) {
    const holder = figure.matches('[data-media-id]') ? figure : figure.querySelector('[data-media-id]');
    const figcaption = figure.querySelector('figcaption');
    if (holder && /^[1-9]\d{0,14}$/.test(holder.getAttribute('data-media-id'))) {
      const img = figure.querySelector('img');
      const credit = figcaption && figcaption.querySelector('.credit');
      const caption = figcaption ? figcaption.cloneNode(true) : null;
      if (caption) caption.querySelectorAll('.credit').forEach((c) => c.remove());
      return imageFigure(holder.getAttribute('data-media-id'), img && img.getAttribute('src'), img && squash(img.getAttribute('alt')),
        squash(caption && caption.textContent), squash(credit && credit.textContent));
    }
    const blockquote = figure.querySelector('blockquote');
    if (!blockquote) return null;
    const figure2 = quoteFigure(squash(blockquote.textContent));
    // The person linked as the speaker (decision 0027) stays linked.
    if (ENTITY_ID.test(figure.getAttribute('data-speaker-entity') || '')) figure2.setAttribute('data-speaker-entity', figure.getAttribute('data-speaker-entity'));
    const speaker = figcaption && figcaption.querySelector('.speaker');
    if (speaker) {
      const role = figcaption.querySelector('.speaker-role');
      figure2.append(el('figcaption'));
      setAttribution(figure2.lastChild, squash(speaker.textContent), squash(role && role.textContent));
    } else if (figcaption && squash(figcaption.textContent)) {
      figure2.append(el('figcaption', {}, [squash(figcaption.textContent)]));
    }
    return figure2;
  }

  // The attribution clause marker: an atomic chip. It counts on the server only with this form's
  // token (body-html.ts), so it is kept when the body is loaded and never taken from a paste.
  const CLAUSE_ATTR = 'data-attribution-clause';
  function clauseChip(token) {
    return el('span', { class: 'attribution-clause', [CLAUSE_ATTR]: token, contenteditable: 'false' }, ['Attribution']);
  }

  /** Copies what the body may hold from `source` into `target`: a rough pass (see the top). */
  function cleanInto(source, target, clauseToken) {
    for (const node of Array.from(source.childNodes)) {
      if (node.nodeType === Node.TEXT_NODE) {
        target.append(node.data.replace(/[\t\n\r ]+/g, ' '));
        continue;
      }
      if (node.nodeType !== Node.ELEMENT_NODE) continue; // comments, Word's conditional comments
      const name = node.localName;
      const style = node.getAttribute('data-dl-style') || '';
      if (DROP.has(name) || /^[ovwm]:/.test(name) || node.hasAttribute('hidden') || /display\s*:\s*none|mso-hide\s*:\s*all|mso-list\s*:\s*ignore/i.test(style)) continue;
      if (node.hasAttribute(CLAUSE_ATTR)) {
        if (clauseToken && node.getAttribute(CLAUSE_ATTR) === clauseToken) target.append(clauseChip(clauseToken));
        continue;
      }
      if (name === 'figure') {
        const figure = cleanFigure(node);
        if (figure) target.append(figure);
        continue;
      }
      let tag = BLOCK[name] || INLINE[name] || null;
      if (name === 'div' && node.querySelector(BLOCKISH)) tag = null;
      // Google Docs wraps a copied fragment in <b style="font-weight:normal">, and marks bold and
      // italic with styles on spans.
      if (tag === 'strong' && /font-weight\s*:\s*(normal|[1-5]00)/i.test(style)) tag = null;
      if (!tag && /font-weight\s*:\s*(bold|[6-9]00)/i.test(style)) tag = 'strong';
      if (!tag && /font-style\s*:\s*italic/i.test(style)) tag = 'em';
      const href = tag === 'a' ? safeUrl(node.getAttribute('href')) : null;
      if (tag === 'a' && !href) tag = null;
      // Word writes list items as paragraphs with the bullet or number typed out in them.
      const wordItem = tag === 'p' && (/MsoListParagraph/i.test(node.className) || /mso-list\s*:\s*l\d/i.test(style));
      if (wordItem) tag = 'li';
      if (!tag) {
        cleanInto(node, target, clauseToken);
        continue;
      }
      const copy = el(tag, href ? { href } : {});
      // A quotation in running text keeps the person it is linked to (decision 0032).
      if (tag === 'q' && ENTITY_ID.test(node.getAttribute('data-speaker') || '')) copy.setAttribute('data-speaker', node.getAttribute('data-speaker'));
      if (wordItem) {
        const marker = node.querySelector('[data-dl-style*="mso-list" i]');
        copy.dataset.wordList = /^\s*\(?(\d+|[a-z]{1,4})[.)]/i.test(marker ? marker.textContent : '') ? 'ol' : 'ul';
      }
      if (tag !== 'br') cleanInto(node, copy, clauseToken);
      target.append(copy);
    }
    // Word's list paragraphs, one after another, become one list.
    let list = null;
    for (const item of Array.from(target.children)) {
      const kind = item.dataset && item.dataset.wordList;
      if (!kind) continue;
      delete item.dataset.wordList;
      if (!list || list.localName !== kind || item.previousElementSibling !== list) item.replaceWith((list = el(kind)));
      list.append(item);
    }
    return target;
  }

  // Even an inert document (DOMParser) makes Chromium report a CSP violation for every style and
  // on* attribute it parses: nothing runs, but the console fills with errors. Inside tags they are
  // renamed before parsing; the cleaner reads the style back as data-dl-style.
  const defang = (html) =>
    html.replace(/<[a-zA-Z][^>]*>/g, (tag) => tag.replace(/(\s)(style|on[a-z]+)(\s*=)/gi, (m, space, name, equals) => space + 'data-dl-' + name.toLowerCase() + equals));

  /** HTML (from the textarea or the clipboard) cleaned into a fragment, parsed inertly; clause markers only with `clauseToken`. */
  function cleanHtml(html, clauseToken) {
    const parsed = new DOMParser().parseFromString(defang(html), 'text/html');
    return cleanInto(parsed.body, document.createDocumentFragment(), clauseToken);
  }

  function textToParagraphs(text) {
    const fragment = document.createDocumentFragment();
    for (const part of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
      const lines = part.split('\n').map((line) => line.trim());
      if (!lines.some(Boolean)) continue;
      const p = el('p');
      lines.forEach((line, i) => p.append(...(i ? [el('br'), line] : [line])));
      fragment.append(p);
    }
    return fragment;
  }

  const fragmentHtml = (fragment) => el('div', {}, [fragment]).innerHTML;

  // ----- the person picker: an ARIA 1.2 combobox with a listbox popup
  // (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/examples/combobox-autocomplete-list/).
  // Searches the site's people by every name and alias, in every script; the chosen person is
  // shown with Unlink. Without JS the body's HTML carries the link (data-speaker-entity, data-speaker).
  const getJson = async (url) => {
    const response = await window.fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(String(response.status));
    return response.json();
  };

  function personPicker(id) {
    const input = el('input', {
      id, type: 'text', role: 'combobox', autocomplete: 'off', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
      'aria-controls': id + '-list', 'aria-describedby': id + '-linked',
    });
    const list = el('ul', { id: id + '-list', role: 'listbox', 'aria-label': 'People', class: 'person-options', hidden: '' });
    const linked = el('p', { id: id + '-linked', class: 'person-linked', 'aria-live': 'polite' });
    const root = el('div', { class: 'field person-picker' }, [el('label', { for: id }, ['Person who said it (optional)']), input, list, linked]);
    let chosen = null;
    let items = [];
    let active = -1;
    let timer = null;
    let asked = 0;

    const close = () => {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    };
    const describe = (p) => p.name + (p.role ? ' — ' + p.role : '') + (p.matched ? ' (' + p.matched + ')' : '');
    const showLinked = () => {
      if (!chosen) {
        linked.replaceChildren('Not linked to a person.');
        return;
      }
      const unlink = el('button', { type: 'button', class: 'secondary' }, ['Unlink']);
      unlink.addEventListener('click', () => {
        chosen = null;
        showLinked();
        input.focus();
      });
      linked.replaceChildren('Linked to ', el('strong', {}, [chosen.name]), chosen.role ? ', ' + chosen.role + ' ' : ' ', unlink);
    };
    const choose = (p) => {
      chosen = p;
      input.value = '';
      close();
      showLinked();
    };
    const highlight = (index) => {
      active = index;
      Array.from(list.children).forEach((option, i) => option.setAttribute('aria-selected', String(i === index)));
      if (index >= 0) {
        input.setAttribute('aria-activedescendant', list.children[index].id);
        list.children[index].scrollIntoView({ block: 'nearest' });
      } else input.removeAttribute('aria-activedescendant');
    };
    async function search() {
      const q = input.value.trim();
      const ask = ++asked;
      if (!q) {
        close();
        return;
      }
      let found = [];
      try {
        found = (await getJson('/newsroom/entities/search.json?q=' + encodeURIComponent(q))).items || [];
      } catch {
        found = [];
      }
      if (ask !== asked) return; // a newer search is on its way
      items = found.filter((p) => Number.isInteger(p.id) && p.id > 0);
      list.replaceChildren(...(items.length
        ? items.map((p, i) => {
          const option = el('li', { id: id + '-option-' + i, role: 'option', 'aria-selected': 'false' }, [describe(p)]);
          option.addEventListener('mousedown', (event) => event.preventDefault()); // keep focus in the input
          option.addEventListener('click', () => choose(p));
          return option;
        })
        : [el('li', { role: 'option', 'aria-disabled': 'true', id: id + '-none', 'aria-selected': 'false' }, ['No person found'])]));
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      highlight(-1);
    }
    input.addEventListener('input', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, 200);
    });
    input.addEventListener('keydown', (event) => {
      const open = !list.hidden && items.length > 0;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        if (!open) {
          search();
          return;
        }
        const step = event.key === 'ArrowDown' ? 1 : -1;
        highlight((active + step + items.length + (active < 0 && step < 0 ? 1 : 0)) % items.length);
      } else if (event.key === 'Enter' && open && active >= 0) {
        event.preventDefault(); // choose, do not submit the dialog
        choose(items[active]);
      } else if (event.key === 'Escape' && !list.hidden) {
        event.preventDefault(); // close the list, not the dialog
        event.stopPropagation();
        close();
      }
    });
    input.addEventListener('blur', () => window.setTimeout(close, 150));

    return {
      root,
      value: () => chosen,
      /** Shows the person with this id as linked (looked up by id), or none. */
      async set(entityId) {
        chosen = null;
        input.value = '';
        close();
        showLinked();
        if (!ENTITY_ID.test(entityId || '')) return;
        chosen = { id: Number(entityId), name: 'Person ' + entityId, role: '' };
        showLinked();
        try {
          const found = ((await getJson('/newsroom/entities/search.json?id=' + entityId)).items || [])[0];
          if (found && chosen && chosen.id === found.id) chosen = found;
        } catch {
          // keep the number shown
        }
        showLinked();
      },
    };
  }

  function enhance(textarea) {
    const label = textarea.labels && textarea.labels[0];
    if (label && !label.id) label.id = textarea.id + '-label';
    const editor = el('div', { id: textarea.id + '-editor', class: 'rich-editor-area', contenteditable: 'true', role: 'textbox', 'aria-multiline': 'true', spellcheck: 'true' });
    if (label) editor.setAttribute('aria-labelledby', label.id);
    for (const name of ['aria-describedby', 'aria-invalid', 'aria-required']) {
      if (textarea.hasAttribute(name)) editor.setAttribute(name, textarea.getAttribute(name));
    }
    const clauseToken = textarea.getAttribute('data-clause-token') || '';
    editor.append(cleanHtml(textarea.value, clauseToken));
    if (!editor.firstChild) editor.append(el('p', {}, [el('br')]));

    const BUTTONS = [
      ['paragraph', 'Paragraph'], ['heading', 'Heading'], ['bold', 'Bold', 'Control+B Meta+B'], ['italic', 'Italic', 'Control+I Meta+I'],
      ['link', 'Link', 'Control+K Meta+K'], ['bulleted', 'Bulleted list'], ['numbered', 'Numbered list'], ['quote', 'Quotation'], ['inlineQuote', 'Said by a person'], ['image', 'Image'],
    ];
    if (clauseToken) BUTTONS.push(['attribution', 'Attribution', 'Alt+Shift+A']);
    const toolbar = el('div', { role: 'toolbar', 'aria-label': 'Formatting', 'aria-controls': editor.id, class: 'rich-editor-toolbar' });
    const buttons = BUTTONS.map(([command, text, keys], i) => {
      const button = el('button', { type: 'button', 'data-command': command, tabindex: i === 0 ? '0' : '-1' }, [text]);
      if (keys) button.setAttribute('aria-keyshortcuts', keys);
      if (command === 'bold' || command === 'italic') button.setAttribute('aria-pressed', 'false');
      return button;
    });
    toolbar.append(...buttons);
    textarea.before(el('div', { class: 'rich-editor' }, [toolbar, editor]));
    textarea.hidden = true;

    // Keep the textarea the source of truth for the form and tell other scripts it changed.
    const sync = () => {
      textarea.value = editor.innerHTML;
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    };
    editor.addEventListener('input', sync);
    if (textarea.form) textarea.form.addEventListener('submit', () => { textarea.value = editor.innerHTML; }, true);
    if (label) label.addEventListener('click', () => editor.focus());
    // The error summary links to the textarea, which is hidden now: send its links here.
    document.addEventListener('click', (event) => {
      const link = event.target.closest && event.target.closest('a[href="#' + textarea.id + '"]');
      if (link) {
        event.preventDefault();
        editor.focus();
      }
    });

    // The selection inside the editor, kept while the toolbar or a dialog has focus.
    let saved = null;
    document.addEventListener('selectionchange', () => {
      const selection = window.getSelection();
      if (!selection.rangeCount || !editor.contains(selection.anchorNode)) return;
      saved = selection.getRangeAt(0).cloneRange();
      for (const button of toolbar.querySelectorAll('[aria-pressed]')) {
        button.setAttribute('aria-pressed', String(document.queryCommandState(button.dataset.command)));
      }
    });
    const restore = () => {
      editor.focus();
      if (!saved) return;
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(saved);
    };
    /** The editor's child (a block) that holds the caret, or null. */
    const currentBlock = () => {
      let node = saved && saved.startContainer;
      while (node && node.parentNode !== editor) node = node.parentNode;
      return node && node.nodeType === Node.ELEMENT_NODE ? node : null;
    };
    const exec = (command, value) => {
      restore();
      document.execCommand(command, false, value);
      sync();
    };
    const inFigure = () => Boolean(currentBlock() && currentBlock().localName === 'figure');
    const blockExec = (command, value) => inFigure() || exec(command, value);
    // Paragraphs (not divs) on Enter, and <b>/<i> rather than styled spans.
    document.execCommand('defaultParagraphSeparator', false, 'p');
    document.execCommand('styleWithCSS', false, false);

    // ----- dialogs: native modal <dialog>s (Escape closes; focus goes back where it came from)
    let dialogCount = 0;
    function dialog(title, fields, submitText, onSubmit) {
      const id = textarea.id + '-dialog-' + ++dialogCount;
      const error = el('p', { id: id + '-error', class: 'field-error', role: 'alert' });
      const inputs = {};
      const rows = fields.map(([name, text, type]) => {
        inputs[name] = el('input', { id: id + '-' + name, name, type: type || 'text', autocomplete: 'off', 'aria-describedby': error.id });
        return el('p', { class: 'field' }, [el('label', { for: id + '-' + name }, [text]), inputs[name]]);
      });
      const form = el('form', { method: 'dialog', novalidate: '' }, [
        el('h2', { id: id + '-title' }, [title]), error, ...rows,
        el('p', { class: 'rich-editor-actions' }, [el('button', { type: 'submit', class: 'primary' }, [submitText]), el('button', { type: 'button', value: 'cancel' }, ['Cancel'])]),
      ]);
      const box = el('dialog', { class: 'rich-editor-dialog', 'aria-labelledby': id + '-title' }, [form]);
      document.body.append(box);
      let opener = null;
      let action = null;
      const done = (then) => {
        action = then;
        box.close('ok');
      };
      form.querySelector('button[value="cancel"]').addEventListener('click', () => box.close('cancel'));
      // onSubmit gives a function (run once the dialog is closed: while it is open, the modal
      // dialog makes the editor inert), a problem to show, or nothing (the dialog stays open).
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const result = onSubmit(inputs);
        if (typeof result === 'function') done(result);
        else if (result) error.textContent = result;
      });
      box.addEventListener('close', () => {
        if (box.returnValue === 'ok' && action) {
          action();
          sync();
        } else if (opener === editor) restore();
        else if (opener) opener.focus();
        action = null;
      });
      return {
        box, form, inputs, done,
        open(values) {
          opener = document.activeElement;
          error.textContent = '';
          for (const [name, value] of Object.entries(values || {})) inputs[name].value = value;
          box.returnValue = '';
          box.showModal();
        },
      };
    }

    const linkDialog = dialog('Link', [['url', 'Web address (https://…) or mailto: (empty removes the link)', 'url']], 'Save link', (inputs) => {
      const value = inputs.url.value.trim();
      const url = safeUrl(value);
      if (value && !url) return 'Use a full address that starts with https://, http:// or mailto:.';
      return () => {
        restore();
        if (!url) document.execCommand('unlink');
        else if (saved && !saved.collapsed) document.execCommand('createLink', false, url);
        else document.execCommand('insertHTML', false, fragmentHtml(el('a', { href: url }, [value])));
      };
    });

    let quoteTarget = null;
    const quoteDialog = dialog('Quotation', [['speaker', 'Speaker'], ['role', 'Role (optional)']], 'Save', (inputs) => () => {
      const person = quotePicker.value();
      const speaker = squash(inputs.speaker.value) || (person ? person.name : '');
      const role = squash(inputs.role.value);
      if (person) quoteTarget.setAttribute('data-speaker-entity', String(person.id));
      else quoteTarget.removeAttribute('data-speaker-entity');
      let figcaption = quoteTarget.querySelector('figcaption');
      if (!speaker && figcaption) figcaption.remove();
      if (speaker && !figcaption) quoteTarget.append((figcaption = el('figcaption')));
      if (speaker) setAttribution(figcaption, speaker, role);
      restore();
    });

    const quotePicker = personPicker(textarea.id + '-quote-person');
    quoteDialog.form.querySelector('.rich-editor-actions').before(quotePicker.root);

    // A quotation inside a paragraph: the selected words become <q>, linked to the person who said them.
    let inlineTarget = null;
    const inlinePicker = personPicker(textarea.id + '-inline-person');
    const inlineDialog = dialog('Words said by a person', [], 'Save', () => () => {
      const person = inlinePicker.value();
      let q = inlineTarget;
      if (!q) {
        restore();
        const range = saved && saved.cloneRange();
        if (!range || range.collapsed) return;
        const words = range.extractContents();
        words.querySelectorAll('q').forEach((inner) => inner.replaceWith(...inner.childNodes));
        q = el('q', {}, [words]);
        range.insertNode(q);
      }
      if (person) q.setAttribute('data-speaker', String(person.id));
      else q.removeAttribute('data-speaker');
      saved = document.createRange();
      saved.setStartAfter(q);
      saved.collapse(true);
      restore();
    });
    inlineDialog.form.querySelector('.rich-editor-actions').before(inlinePicker.root);
    const inlineHint = el('p', { class: 'hint' }, ['Select the quoted words in a paragraph first; the quotation marks are added on the page.']);
    inlineDialog.form.querySelector('h2').after(inlineHint);

    function inlineQuote() {
      const node = saved && saved.commonAncestorContainer;
      const element = node && (node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement);
      inlineTarget = element && element.closest('q') && editor.contains(element.closest('q')) ? element.closest('q') : null;
      const block = currentBlock();
      if (!inlineTarget && (!saved || saved.collapsed || !block || !block.matches('p, ul, ol'))) {
        inlineHint.textContent = 'Select the quoted words in a paragraph first, then choose Said by a person again.';
        inlineHint.setAttribute('role', 'alert');
      } else {
        inlineHint.textContent = 'The person who said the selected words; the quotation marks are added on the page.';
        inlineHint.removeAttribute('role');
      }
      inlineDialog.open({});
      inlinePicker.set(inlineTarget ? inlineTarget.getAttribute('data-speaker') : null);
      if (!inlineTarget && (!saved || saved.collapsed)) inlineDialog.form.querySelector('button[type="submit"]').disabled = true;
      else inlineDialog.form.querySelector('button[type="submit"]').disabled = false;
    }

    // The image dialog: a search box and the matching images from the media library as buttons.
    const imageDialog = dialog('Insert an image', [['q', 'Search images', 'search']], 'Search', () => {
      search(); // and the dialog stays open
    });
    const status = el('p', { class: 'rich-editor-status', role: 'status' });
    const results = el('ul', { class: 'rich-editor-results' });
    imageDialog.form.querySelector('.rich-editor-actions').before(status, results);
    let controller = null;
    let timer = null;
    async function search() {
      if (controller) controller.abort();
      controller = new AbortController();
      status.textContent = 'Searching…';
      try {
        const response = await window.fetch('/newsroom/media.json?q=' + encodeURIComponent(imageDialog.inputs.q.value.trim()), {
          credentials: 'same-origin', headers: { accept: 'application/json' }, signal: controller.signal,
        });
        if (!response.ok) throw new Error(String(response.status));
        const items = ((await response.json()).items || []).filter((item) => Number.isInteger(item.id) && item.id > 0);
        results.replaceChildren(...items.map((item) => {
          const thumb = el('img', { alt: item.alt || '', loading: 'lazy' });
          if (MEDIA_URL.test(item.thumbUrl || '')) thumb.setAttribute('src', item.thumbUrl);
          const choose = el('button', { type: 'button', class: 'rich-editor-result' }, [thumb, el('span', {}, [item.caption || item.alt || 'Image ' + item.id])]);
          choose.addEventListener('click', () => insertImage(item));
          return el('li', {}, [choose]);
        }));
        status.textContent = items.length ? items.length + (items.length === 1 ? ' image' : ' images') + ' found.' : 'No images found.';
      } catch (error) {
        if (error.name !== 'AbortError') status.textContent = 'The images could not be loaded. Try again.';
      }
    }
    imageDialog.inputs.q.addEventListener('input', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, 300);
    });

    const insertImage = (item) => imageDialog.done(() => {
      const figure = imageFigure(item.id, item.thumbUrl, item.alt, item.caption, item.credit);
      const block = currentBlock();
      // An image is a block of its own: after the caret's block (or instead of an empty paragraph).
      if (block && !squash(block.textContent) && block.localName === 'p') block.replaceWith(figure);
      else if (block) block.after(figure);
      else editor.append(figure);
      if (!figure.nextElementSibling) figure.after(el('p', {}, [el('br')]));
      saved = document.createRange();
      saved.selectNodeContents(figure.querySelector('figcaption'));
      saved.collapse(false);
      restore();
    });

    function quote() {
      let block = currentBlock();
      if (!block || !block.matches('p, h2, blockquote, figure.quote')) return;
      if (!block.matches('figure.quote')) {
        const figure = quoteFigure(squash(block.textContent));
        block.replaceWith(figure);
        block = figure;
        saved = document.createRange();
        saved.selectNodeContents(figure.querySelector('blockquote p'));
        sync();
      }
      quoteTarget = block;
      const caption = squash(block.querySelector('figcaption') && block.querySelector('figcaption').textContent).replace(/^[—–-]\s*/, '');
      const comma = caption.indexOf(',');
      quoteDialog.open({ speaker: comma < 0 ? caption : caption.slice(0, comma), role: comma < 0 ? '' : caption.slice(comma + 1).trim() });
      quotePicker.set(block.getAttribute('data-speaker-entity'));
    }

    // The clause goes where the caret is, inside a paragraph; there is one per article, so placing
    // it again moves it. Inserted as a node at the collapsed caret (never execCommand's HTML, which
    // may split or merge the text around it).
    function attribution() {
      // The live selection when it is in the editor: `saved` follows selectionchange, which comes
      // after the keystrokes just typed, so it may still point into the middle of the last word.
      const live = window.getSelection();
      if (live.rangeCount && editor.contains(live.anchorNode)) saved = live.getRangeAt(0).cloneRange();
      restore();
      const block = currentBlock();
      if (!saved || !block || block.localName !== 'p') return;
      const range = saved.cloneRange();
      range.collapse(false);
      editor.querySelectorAll('[' + CLAUSE_ATTR + ']').forEach((chip) => chip.remove());
      const chip = clauseChip(clauseToken);
      range.insertNode(chip);
      const after = document.createRange();
      after.setStartAfter(chip);
      after.collapse(true);
      saved = after;
      restore();
      sync();
    }

    const COMMANDS = {
      attribution,
      paragraph: () => blockExec('formatBlock', 'p'),
      heading: () => blockExec('formatBlock', currentBlock() && currentBlock().localName === 'h2' ? 'p' : 'h2'),
      bold: () => exec('bold'),
      italic: () => exec('italic'),
      bulleted: () => blockExec('insertUnorderedList'),
      numbered: () => blockExec('insertOrderedList'),
      link: () => {
        const anchor = saved && saved.startContainer.parentElement && saved.startContainer.parentElement.closest('a');
        linkDialog.open({ url: anchor && editor.contains(anchor) ? anchor.getAttribute('href') : '' });
      },
      quote,
      inlineQuote,
      image: () => {
        imageDialog.open({ q: '' });
        search();
      },
    };

    // Toolbar: one tab stop; arrow keys, Home and End move between buttons (WAI-ARIA toolbar pattern).
    toolbar.addEventListener('mousedown', (event) => event.preventDefault()); // keep the editor's selection
    toolbar.addEventListener('click', (event) => {
      const button = event.target.closest('button');
      if (button) COMMANDS[button.dataset.command]();
    });
    toolbar.addEventListener('keydown', (event) => {
      const index = buttons.indexOf(document.activeElement);
      const moves = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: buttons.length - 1 };
      if (index < 0 || !(event.key in moves)) return;
      event.preventDefault();
      const next = buttons[(moves[event.key] + buttons.length) % buttons.length];
      buttons.forEach((b) => b.setAttribute('tabindex', b === next ? '0' : '-1'));
      next.focus();
    });

    editor.addEventListener('keydown', (event) => {
      // Enter in an image caption goes on to the paragraph after the image, not a new caption line.
      if (event.key === 'Enter' && inFigure() && currentBlock().matches('figure.image')) {
        event.preventDefault();
        const figure = currentBlock();
        const next = figure.nextElementSibling || el('p', {}, [el('br')]);
        if (!next.parentNode) figure.after(next);
        saved = document.createRange();
        saved.setStart(next, 0);
        restore();
        return;
      }
      // Alt+Shift+A (by the key's place: on a Mac, Option+Shift+A types "Å").
      if (clauseToken && event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyA') {
        event.preventDefault();
        attribution();
        return;
      }
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const command = { b: 'bold', i: 'italic', k: 'link' }[event.key.toLowerCase()];
      if (!command) return;
      event.preventDefault();
      COMMANDS[command]();
    });

    // Paste and drop: cleaned HTML, or plain text as paragraphs; never files (images go through the library).
    function insertData(data) {
      const html = data.getData('text/html');
      const text = data.getData('text/plain');
      if (inFigure()) document.execCommand('insertText', false, squash(text)); // a caption is one line
      else if (html) document.execCommand('insertHTML', false, fragmentHtml(cleanHtml(html)));
      else if (!/\n/.test(text)) document.execCommand('insertText', false, text);
      else document.execCommand('insertHTML', false, fragmentHtml(textToParagraphs(text)));
      sync();
    }
    editor.addEventListener('paste', (event) => {
      if (!event.clipboardData) return;
      event.preventDefault();
      insertData(event.clipboardData);
    });
    // Text dragged within the editor moves as the browser moves it; anything from outside is cleaned.
    let dragging = false;
    editor.addEventListener('dragstart', () => { dragging = true; });
    editor.addEventListener('dragend', () => { dragging = false; });
    editor.addEventListener('drop', (event) => {
      if (dragging || !event.dataTransfer) return;
      event.preventDefault();
      const caret = document.caretRangeFromPoint ? document.caretRangeFromPoint(event.clientX, event.clientY) : null;
      if (caret && editor.contains(caret.startContainer)) {
        saved = caret;
        restore();
      }
      insertData(event.dataTransfer);
    });

    // Accepting a suggested quotation links its speaker: a quotation block with these words gets
    // the person; words inside a paragraph become a <q> linked to them.
    function linkQuote(words, person) {
      const wanted = squash(words);
      for (const figure of editor.querySelectorAll('figure.quote')) {
        if (!squash(figure.querySelector('blockquote') && figure.querySelector('blockquote').textContent).includes(wanted)) continue;
        figure.setAttribute('data-speaker-entity', String(person.id));
        if (!figure.querySelector('figcaption')) {
          figure.append(el('figcaption'));
          setAttribution(figure.lastChild, person.name, '');
        }
        sync();
        return true;
      }
      const walker = document.createTreeWalker(editor, window.NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.indexOf(wanted);
        if (at < 0 || node.parentElement.closest('figure')) continue;
        const existing = node.parentElement.closest('q');
        if (existing) {
          existing.setAttribute('data-speaker', String(person.id));
        } else {
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + wanted.length);
          const q = el('q', { 'data-speaker': String(person.id) });
          range.surroundContents(q);
        }
        sync();
        return true;
      }
      return false;
    }
    suggestionsPanel(textarea, editor, linkQuote);
  }

  // ----- suggestions (decision 0032): the people, places and organisations the text names, its
  // quotations with their speakers and new English names, each to accept or reject. Accept tags the
  // article (the entity's tag in this edition) or links the quotation's speaker in the body; reject
  // hides it for this article, remembered on the server once the article exists.
  const postForm = async (url, fields) => {
    const token = document.querySelector('input[name="_csrf"]');
    const response = await window.fetch(url, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': token ? token.value : '', accept: 'application/json' },
      body: new URLSearchParams(fields),
    });
    if (!response.ok) {
      let detail = '';
      try {
        detail = (await response.json()).detail || '';
      } catch {
        detail = '';
      }
      throw new Error(detail || 'The server answered ' + response.status + '.');
    }
    return response.status === 204 ? null : response.json();
  };

  const TYPE_WORDS = { person: 'person', place: 'place', organisation: 'organisation' };

  function suggestionsPanel(textarea, editor, linkQuote) {
    const form = textarea.form;
    if (!form) return;
    const match = /\/newsroom\/articles\/(\d+)$/.exec(form.getAttribute('action') || '');
    const articleId = match ? match[1] : '';
    const tagField = (type) => form.querySelector('input[name="tags_' + type + '"]');
    const edition = () => {
      const field = form.querySelector('input[data-tag-type][data-edition]');
      return field ? field.getAttribute('data-edition') : '';
    };
    const id = textarea.id + '-suggestions';
    const run = el('button', { type: 'button', class: 'secondary' }, ['Suggest from the text']);
    const status = el('p', { class: 'rich-editor-status', role: 'status', 'aria-live': 'polite' });
    const lists = el('div', { class: 'suggestion-lists' });
    const panel = el('section', { class: 'panel suggestions', 'aria-labelledby': id + '-title', id }, [
      el('h2', { id: id + '-title' }, ['Suggestions']),
      el('p', { class: 'hint' }, ['The people, places and organisations the text names, its quotations with their speakers, and new names. Accept tags the article or links the speaker; Reject hides it for this article.']),
      run, status, lists,
    ]);
    (textarea.closest('.field') || textarea).after(panel);
    let count = 0;

    const addTag = (type, name) => {
      const field = tagField(type);
      if (!field) return false;
      const names = field.value.split(',').map((n) => n.trim()).filter(Boolean);
      if (!names.some((n) => n.toLowerCase() === name.toLowerCase())) names.push(name);
      field.value = names.join(', ');
      field.dispatchEvent(new Event('input', { bubbles: true }));
      return true;
    };

    /** One suggestion: its words, Accept (when it can be accepted) and Reject. */
    function item(key, words, accept) {
      const n = ++count;
      const text = el('span', { id: id + '-text-' + n }, [words]);
      const li = el('li', {}, [text, ' ']);
      const done = (message) => {
        const next = li.nextElementSibling || li.previousElementSibling;
        const list = li.parentElement;
        li.remove();
        status.textContent = message;
        const target = next && next.querySelector('button');
        if (target) target.focus();
        else run.focus();
        if (list && !list.children.length) {
          list.previousElementSibling.remove();
          list.remove();
        }
      };
      if (accept) {
        const yes = el('button', { type: 'button', class: 'secondary', 'aria-describedby': text.id }, ['Accept']);
        yes.addEventListener('click', async () => {
          try {
            done(await accept());
          } catch (error) {
            status.textContent = 'Not accepted: ' + error.message;
          }
        });
        li.append(yes, ' ');
      }
      const no = el('button', { type: 'button', class: 'secondary', 'aria-describedby': text.id }, ['Reject']);
      no.addEventListener('click', async () => {
        try {
          if (articleId) await postForm('/newsroom/entities/rejections', { article: articleId, key });
          done('Rejected: ' + words + '.' + (articleId ? '' : ' Save the article to remember it.'));
        } catch (error) {
          status.textContent = 'Not rejected: ' + error.message;
        }
      });
      li.append(no);
      return li;
    }
    const group = (title, items) => (items.length ? [el('h3', {}, [title]), el('ul', { class: 'suggestion-list' }, items)] : []);

    run.addEventListener('click', async () => {
      status.textContent = 'Looking for suggestions…';
      const text = [form.querySelector('[name="headline"]'), form.querySelector('[name="standfirst"]')].map((f) => (f ? f.value : '')).concat(editor.innerText).join('\n\n');
      let data;
      try {
        data = await postForm('/newsroom/entities/suggestions.json', { text, edition: edition(), ...(articleId ? { article: articleId } : {}) });
      } catch (error) {
        status.textContent = 'No suggestions: ' + error.message;
        return;
      }
      const entities = (data.entities || []).map((e) => item(e.key, e.name + ' (' + (TYPE_WORDS[e.type] || e.type) + (e.text !== e.name ? ', “' + e.text + '”' : '') + ')', async () => {
        const tag = await postForm('/newsroom/entities/' + e.entityId + '/tag-in', { edition: edition() });
        if (!addTag(tag.type, tag.name)) throw new Error('this form has no field for ' + tag.type + ' tags.');
        return 'Tagged with ' + tag.name + '. Save to keep it.';
      }));
      const quotes = (data.quotes || []).filter((q) => q.speaker || q.entity).map((q) => item(q.key, '“' + q.text + '” — ' + (q.entity ? q.entity.name : q.speaker + ' (not a known person)'), q.entity ? async () => {
        if (!linkQuote(q.text, q.entity)) throw new Error('the quotation’s words were not found in one paragraph or quotation of the body.');
        return 'Linked “' + q.text.slice(0, 40) + '” to ' + q.entity.name + '. Save to keep it.';
      } : null));
      const names = (data.newNames || []).map((nn) => item(nn.key, nn.text + ' (new ' + (TYPE_WORDS[nn.type] || nn.type) + ')', async () => {
        if (!addTag(nn.type, nn.text)) throw new Error('this form has no field for ' + nn.type + ' tags.');
        return 'Tagged with the new name ' + nn.text + '. Save to keep it.';
      }));
      lists.replaceChildren(...group('Named in the text', entities), ...group('Quotations', quotes), ...group('New names', names));
      const total = entities.length + quotes.length + names.length;
      status.textContent = total ? total + (total === 1 ? ' suggestion.' : ' suggestions.') : 'No suggestions for this text.';
    });
  }

  document.querySelectorAll('textarea[data-rich-editor]').forEach((textarea) => {
    if (textarea.id) enhance(textarea);
  });
})();
