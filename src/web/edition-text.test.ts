import { describe, expect, it } from 'vitest';
import { fillEditionText } from './edition-text.js';

describe('fillEditionText', () => {
  it('fills {year} and {site}, every time they appear', () => {
    expect(fillEditionText('© {year} {site}. {site} reprints need leave.', { year: 2026, site: 'Caspian Herald' })).toBe(
      '© 2026 Caspian Herald. Caspian Herald reprints need leave.',
    );
  });
  it('leaves other braces and a text without placeholders alone', () => {
    expect(fillEditionText('{name} {YEAR} {}', { year: 2026, site: 'X' })).toBe('{name} {YEAR} {}');
    expect(fillEditionText('Plain words.', { year: 2026, site: 'X' })).toBe('Plain words.');
  });
});
