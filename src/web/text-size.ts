/**
 * The reader's text-size control: 16 px by default, steps of 2 px from 12 to 28, remembered in
 * localStorage. The rules below are the ones the browser runs: the client script is built from
 * these functions' own source (see `textSizeScript`), so the unit tests test what readers get.
 */
export const TEXT_SIZE = Object.freeze({ min: 12, max: 28, step: 2, default: 16, storageKey: 'dateline.textSize' });

export type TextSizeRules = typeof TEXT_SIZE;

/** Any stored value made valid: off-grid values snap down, out-of-range values clamp, junk resets. */
export function clampTextSize(value: unknown, rules: TextSizeRules): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,3}$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n)) return rules.default;
  const snapped = n - ((n - rules.min) % rules.step);
  return Math.min(rules.max, Math.max(rules.min, snapped));
}

/** The size after a press of + (1), reset (0) or − (-1). */
export function stepTextSize(current: number, direction: 1 | 0 | -1, rules: TextSizeRules): number {
  return direction === 0 ? rules.default : clampTextSize(current + direction * rules.step, rules);
}

/** Every size the control can set, for the head script's check of a stored value. */
export const allowedTextSizes = (rules: TextSizeRules): number[] =>
  Array.from({ length: (rules.max - rules.min) / rules.step + 1 }, (_, i) => rules.min + i * rules.step);

/**
 * Runs in the browser (deferred): wires up the +, reset and − buttons and the readout of every
 * control on the page, stores the choice and follows changes made in other tabs. Written in the
 * plain JavaScript subset that TypeScript emits unchanged, because its source text is served.
 */
function textSizeClient(rules: TextSizeRules, clamp: typeof clampTextSize, step: typeof stepTextSize): void {
  const root = document.documentElement;
  const current = () => clamp(root.getAttribute('data-text-size') ?? rules.default, rules);

  const render = (size: number) => {
    document.querySelectorAll('[data-text-size-control]').forEach((control) => {
      const readout = control.querySelector('[data-readout]');
      if (readout) readout.textContent = (readout.getAttribute('data-template') ?? '{size} px').replace('{size}', String(size));
      control.querySelectorAll('[data-step]').forEach((button) => {
        const direction = Number(button.getAttribute('data-step'));
        const atBound = (direction > 0 && size >= rules.max) || (direction < 0 && size <= rules.min);
        // aria-disabled rather than disabled: the button keeps keyboard focus at the bound.
        button.setAttribute('aria-disabled', atBound ? 'true' : 'false');
      });
    });
  };

  const apply = (size: number, remember: boolean) => {
    root.setAttribute('data-text-size', String(size));
    root.style.setProperty('--text-size', `${size}px`);
    if (remember) {
      try {
        localStorage.setItem(rules.storageKey, String(size));
      } catch {
        // Storage may be refused (private browsing): the size still applies to this page.
      }
    }
    render(size);
  };

  document.addEventListener('click', (event) => {
    const target = event.target as Element | null;
    const button = target?.closest?.('[data-text-size-control] [data-step]');
    if (!button || button.getAttribute('aria-disabled') === 'true') return;
    apply(step(current(), Number(button.getAttribute('data-step')) as 1 | 0 | -1, rules), true);
  });

  window.addEventListener('storage', (event) => {
    if (event.key === rules.storageKey) apply(clamp(event.newValue ?? rules.default, rules), false);
  });

  render(current());
}

/** The deferred client script, served as a static asset. */
export function textSizeScript(): string {
  // The rules are function declarations, so they can call each other by name inside the wrapper.
  return `(function () {\n${clampTextSize.toString()}\n${stepTextSize.toString()}\n(${textSizeClient.toString()})(${JSON.stringify(TEXT_SIZE)}, clampTextSize, stepTextSize);\n})();\n`;
}

/**
 * Runs in <head> before the first paint: marks that scripts run (so the control may show) and
 * applies a remembered size, so the text never flashes at the wrong size. Only an exact allowed
 * value is taken; anything else in storage leaves the default. Allowed by the CSP through its hash.
 */
export function textSizeHeadScript(): string {
  const allowed = JSON.stringify(allowedTextSizes(TEXT_SIZE).map(String));
  return `(function(){var d=document.documentElement;d.className+=' js';try{var s=localStorage.getItem(${JSON.stringify(TEXT_SIZE.storageKey)});if(${allowed}.indexOf(s)>=0){d.setAttribute('data-text-size',s);d.style.setProperty('--text-size',s+'px')}}catch(e){}})();`;
}
