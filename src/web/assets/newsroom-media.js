/* global document, window */
// The media library's upload form: drag and drop, a preview, quick checks and a progress bar.
// Without this script the form posts as it is and the server says what is wrong; with it, the
// server still decides, and an error leaves the chosen file in place.
'use strict';

(function () {
  const form = document.querySelector('form[data-media-upload]');
  if (!form || !window.FormData || !window.XMLHttpRequest) return;
  const input = form.querySelector('input[type="file"]');
  const zone = form.querySelector('[data-drop-zone]');
  const preview = form.querySelector('[data-drop-preview]');
  const previewImage = form.querySelector('[data-preview-image]');
  const fileName = form.querySelector('[data-file-name]');
  const progressBox = form.querySelector('[data-upload-progress]');
  const progress = progressBox.querySelector('progress');
  const status = form.querySelector('[data-upload-status]');
  const submit = form.querySelector('button[type="submit"]');
  const maxBytes = Number(form.getAttribute('data-max-bytes'));
  const maxPixels = Number(form.getAttribute('data-max-pixels'));
  const minSide = Number(form.getAttribute('data-min-side'));
  const MB = 1024 * 1024;
  const FIELDS = ['alt', 'caption', 'credit', 'file'];
  const ALLOWED = 'JPEG, PNG, WebP, AVIF or GIF';

  const hint = form.querySelector('[data-drop-hint]');
  if (hint) hint.hidden = false;

  const say = (text) => {
    status.textContent = text;
  };
  const megabytes = (bytes) => (Math.round((bytes / MB) * 10) / 10).toFixed(1) + ' MB';
  const size = (bytes) => (bytes < MB ? Math.max(1, Math.round(bytes / 1024)) + ' KB' : megabytes(bytes));

  // ---- errors, in the same markup as the server's ----

  function clearError(name) {
    const field = document.getElementById('f-' + name);
    if (!field) return;
    const old = document.getElementById('f-' + name + '-error');
    if (old) old.remove();
    field.removeAttribute('aria-invalid');
    const ids = (field.getAttribute('aria-describedby') || '').split(/\s+/).filter((id) => id && id !== 'f-' + name + '-error');
    if (ids.length) field.setAttribute('aria-describedby', ids.join(' '));
    else field.removeAttribute('aria-describedby');
    const box = field.closest('.field');
    if (box) box.classList.remove('has-error');
  }

  function setError(name, message) {
    const field = document.getElementById('f-' + name);
    if (!field) return;
    clearError(name);
    const p = document.createElement('p');
    p.className = 'field-error';
    p.id = 'f-' + name + '-error';
    const prefix = document.createElement('span');
    prefix.className = 'visually-hidden';
    prefix.textContent = 'Error: ';
    p.append(prefix, message);
    // After the label and hint, before the control: where the server puts it.
    field.before(p);
    field.setAttribute('aria-invalid', 'true');
    field.setAttribute('aria-describedby', ((field.getAttribute('aria-describedby') || '') + ' ' + p.id).trim());
    const box = field.closest('.field');
    if (box) box.classList.add('has-error');
  }

  function clearAll() {
    FIELDS.forEach(clearError);
    const summary = form.querySelector('.error-summary');
    if (summary) summary.remove();
  }

  /** All problems at once: next to each field, and a summary that takes the focus. */
  function showErrors(fields) {
    clearAll();
    const entries = FIELDS.filter((name) => fields[name]).map((name) => [name, fields[name]]);
    if (!entries.length) return;
    entries.forEach(([name, message]) => setError(name, message));
    const summary = document.createElement('div');
    summary.className = 'error-summary';
    summary.setAttribute('role', 'alert');
    summary.tabIndex = -1;
    const heading = document.createElement('h2');
    heading.textContent = 'There is a problem';
    const list = document.createElement('ul');
    entries.forEach(([name, message]) => {
      const link = document.createElement('a');
      link.href = '#f-' + name;
      link.textContent = message;
      const item = document.createElement('li');
      item.append(link);
      list.append(item);
    });
    summary.append(heading, list);
    const csrf = form.querySelector('input[name="_csrf"]');
    (csrf || form.firstChild).after(summary);
    summary.focus();
  }

  // ---- the chosen file ----

  const ascii = (bytes, start, end) => String.fromCharCode.apply(null, Array.from(bytes.subarray(start, end)));

  /** The same signatures the server checks (src/features/media/media.sniff.ts). */
  function sniff(bytes) {
    if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'JPEG';
    if (ascii(bytes, 0, 8) === '\x89PNG\r\n\x1a\n') return 'PNG';
    if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'GIF';
    if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'WebP';
    if (ascii(bytes, 4, 8) === 'ftyp') {
      const end = Math.min(bytes.length, new DataView(bytes.buffer, bytes.byteOffset).getUint32(0));
      for (let at = 8; at + 4 <= end; at += at === 8 ? 8 : 4) {
        const brand = ascii(bytes, at, at + 4);
        if (brand === 'avif' || brand === 'avis') return 'AVIF';
      }
    }
    return null;
  }

  let checked = null; // the file that passed the quick checks
  let reader = null;

  async function chosen() {
    const file = input.files && input.files[0];
    checked = null;
    clearError('file');
    preview.hidden = true;
    previewImage.hidden = true;
    previewImage.removeAttribute('src');
    if (reader) reader.abort();
    if (!file) return;
    fileName.textContent = file.name + ' (' + size(file.size) + ')';
    preview.hidden = false;
    if (file.size > maxBytes) {
      // As the server says it: just over the limit is 20.1 MB, never "20.0 MB; the limit is 20 MB".
      const shown = Math.max(Math.round((file.size / MB) * 10) / 10, maxBytes / MB + 0.1).toFixed(1) + ' MB';
      setError('file', 'The image is ' + shown + '; the limit is ' + maxBytes / MB + ' MB. Save it smaller and choose it again.');
      return;
    }
    if (file.size === 0) {
      setError('file', 'Choose an image to upload: the file is empty.');
      return;
    }
    const type = sniff(new Uint8Array(await file.slice(0, 256).arrayBuffer()));
    if (input.files[0] !== file) return; // another file was chosen meanwhile
    if (!type) {
      setError('file', 'This file is not a ' + ALLOWED + ' image, whatever its name says. Choose another file.');
      return;
    }
    checked = file;
    say('Chosen: ' + file.name + ', a ' + type + ' image of ' + size(file.size) + '.');
    // A data: URL, not URL.createObjectURL: the newsroom's CSP allows data: images, not blob:.
    reader = new window.FileReader();
    reader.addEventListener('load', () => {
      if (input.files[0] === file) previewImage.src = reader.result;
    });
    reader.readAsDataURL(file);
  }

  previewImage.addEventListener('load', () => {
    previewImage.hidden = false;
    const w = previewImage.naturalWidth;
    const h = previewImage.naturalHeight;
    if (w * h > maxPixels) setError('file', 'The image is ' + w + ' × ' + h + ' pixels; the limit is ' + maxPixels / 1e6 + ' megapixels. Resize it and choose it again.');
    else if (w < minSide || h < minSide) setError('file', 'The image is ' + w + ' × ' + h + ' pixels; it must be at least ' + minSide + ' × ' + minSide + ' pixels.');
  });
  // A browser that cannot show the type (AVIF in older ones) shows the name only; the server decides.
  previewImage.addEventListener('error', () => {
    previewImage.hidden = true;
  });

  input.addEventListener('change', chosen);

  // ---- drag and drop ----

  const hasFiles = (event) => !!event.dataTransfer && Array.from(event.dataTransfer.types || []).includes('Files');
  let depth = 0;
  zone.addEventListener('dragenter', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth++;
    zone.classList.add('is-dragover');
  });
  zone.addEventListener('dragover', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  });
  zone.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (!depth) zone.classList.remove('is-dragover');
  });
  zone.addEventListener('drop', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth = 0;
    zone.classList.remove('is-dragover');
    const files = event.dataTransfer.files;
    if (!files.length) return;
    const transfer = new window.DataTransfer();
    transfer.items.add(files[0]);
    input.files = transfer.files;
    if (files.length > 1) say('Only the first file is used: one image at a time.');
    chosen();
  });
  // A file dropped beside the zone would make the browser leave the page, and the typed text, to show it.
  window.addEventListener('dragover', (event) => {
    if (hasFiles(event) && !zone.contains(event.target)) event.preventDefault();
  });
  window.addEventListener('drop', (event) => {
    if (!hasFiles(event) || zone.contains(event.target)) return;
    event.preventDefault();
    say('Drop the file on the image file field.');
  });

  // ---- the upload ----

  let uploading = false;
  const finish = () => {
    uploading = false;
    submit.disabled = false;
    progressBox.hidden = true;
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (uploading) return;
    const file = input.files && input.files[0];
    const problems = {};
    if (!form.querySelector('[name="alt"]').value.trim()) problems.alt = 'Describe the image for people who cannot see it (alt text).';
    if (!file) problems.file = 'Choose an image to upload.';
    else if (checked !== file) {
      const shown = document.getElementById('f-file-error');
      problems.file = shown ? shown.textContent.replace(/^Error: /, '') : 'Wait a moment: the file is still being checked.';
    }
    if (Object.keys(problems).length) {
      showErrors(problems);
      return;
    }
    clearAll();
    uploading = true;
    submit.disabled = true;
    progress.value = 0;
    progressBox.hidden = false;
    say('Uploading ' + file.name + '…');
    let announced = 0;
    const xhr = new window.XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('x-csrf-token', form.querySelector('input[name="_csrf"]').value);
    xhr.upload.addEventListener('progress', (e) => {
      if (!e.lengthComputable) return;
      const percent = Math.floor((e.loaded / e.total) * 100);
      progress.value = percent;
      // Every quarter, not every event: a screen reader would read nothing else.
      if (percent >= announced + 25 && percent < 100) {
        announced = percent - (percent % 25);
        say('Uploading: ' + announced + '%.');
      }
    });
    xhr.upload.addEventListener('load', () => {
      progress.value = 100;
      say('Uploaded. Making the sizes for the site; this takes a few seconds…');
    });
    xhr.addEventListener('load', () => {
      let body = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status === 201 && body && typeof body.location === 'string' && body.location.startsWith('/newsroom/media/')) {
        say('Done. Opening the image…');
        window.location.assign(body.location);
        return;
      }
      finish();
      say('Not uploaded.');
      if (body && body.errors && typeof body.errors === 'object') showErrors(body.errors);
      else showErrors({ file: (body && body.detail) || 'The upload failed (error ' + xhr.status + '). Try again.' });
    });
    const failed = (text) => () => {
      finish();
      say('Not uploaded.');
      showErrors({ file: text });
    };
    xhr.addEventListener('error', failed('The upload failed: the connection was lost. Your text and file are still here; try again.'));
    xhr.addEventListener('timeout', failed('The upload took too long. Try again, or on a faster connection.'));
    xhr.send(new window.FormData(form));
  });
})();
