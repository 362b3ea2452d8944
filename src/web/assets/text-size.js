// The reader's text-size control. The size is applied before first paint by the small inline
// script in <head>; this file wires up the buttons and the readout. Without it the page reads
// at the default 16 px and the control stays hidden.
(function () {
  'use strict';
  var KEY = 'dateline.textSize';
  var MIN = 12;
  var MAX = 28;
  var STEP = 2;
  var DEFAULT = 16;
  var root = document.documentElement;

  function clamp(value) {
    var n = Number(value);
    if (!isFinite(n) || String(value).trim() === '') return DEFAULT;
    n = n - ((n - MIN) % STEP);
    return Math.min(MAX, Math.max(MIN, n));
  }

  function current() {
    return clamp(root.getAttribute('data-text-size') || DEFAULT);
  }

  function render(size) {
    var controls = document.querySelectorAll('[data-text-size-control]');
    for (var i = 0; i < controls.length; i++) {
      var control = controls[i];
      var readout = control.querySelector('[data-readout]');
      if (readout) readout.textContent = (readout.getAttribute('data-template') || '{size} px').replace('{size}', String(size));
      var buttons = control.querySelectorAll('[data-step]');
      for (var j = 0; j < buttons.length; j++) {
        var step = Number(buttons[j].getAttribute('data-step'));
        var atBound = (step > 0 && size >= MAX) || (step < 0 && size <= MIN);
        buttons[j].setAttribute('aria-disabled', atBound ? 'true' : 'false');
      }
    }
  }

  function apply(size, remember) {
    root.setAttribute('data-text-size', String(size));
    if (remember) {
      try {
        localStorage.setItem(KEY, String(size));
      } catch {
        // Private browsing may refuse storage: the size still applies to this page.
      }
    }
    render(size);
  }

  document.addEventListener('click', function (event) {
    var target = event.target;
    var button = target && target.closest ? target.closest('[data-text-size-control] [data-step]') : null;
    if (!button || button.getAttribute('aria-disabled') === 'true') return;
    var step = Number(button.getAttribute('data-step'));
    apply(step === 0 ? DEFAULT : clamp(current() + step * STEP), true);
  });

  // Another tab changed the size: follow it.
  window.addEventListener('storage', function (event) {
    if (event.key === KEY) apply(clamp(event.newValue || DEFAULT), false);
  });

  render(current());
})();
