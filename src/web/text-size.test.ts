import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { allowedTextSizes, clampTextSize, stepTextSize, TEXT_SIZE, textSizeHeadScript, textSizeScript } from './text-size.js';

describe('text size', () => {
  it('steps by 2 px within 12–28 and resets to 16', () => {
    expect(stepTextSize(16, 1, TEXT_SIZE)).toBe(18);
    expect(stepTextSize(16, -1, TEXT_SIZE)).toBe(14);
    expect(stepTextSize(28, 1, TEXT_SIZE)).toBe(28);
    expect(stepTextSize(12, -1, TEXT_SIZE)).toBe(12);
    expect(stepTextSize(24, 0, TEXT_SIZE)).toBe(16);
  });

  it('repairs stored values', () => {
    expect(clampTextSize('20', TEXT_SIZE)).toBe(20);
    expect(clampTextSize('21', TEXT_SIZE)).toBe(20);
    expect(clampTextSize('99', TEXT_SIZE)).toBe(28);
    expect(clampTextSize('4', TEXT_SIZE)).toBe(12);
    expect(clampTextSize('abc', TEXT_SIZE)).toBe(16);
    expect(clampTextSize('', TEXT_SIZE)).toBe(16);
    expect(clampTextSize(null, TEXT_SIZE)).toBe(16);
  });

  it('lists every size the control can reach', () => {
    expect(allowedTextSizes(TEXT_SIZE)).toEqual([12, 14, 16, 18, 20, 22, 24, 26, 28]);
  });

  it('serves a client script that runs on its own, with the rules inside it', () => {
    const readout = { textContent: '16 px', getAttribute: () => '{size} px' };
    const control = { querySelector: () => readout, querySelectorAll: () => [] };
    const document = {
      documentElement: { getAttribute: () => '21', setAttribute: () => {}, style: { setProperty: () => {} } },
      querySelectorAll: () => [control],
      addEventListener: () => {},
    };
    vm.runInNewContext(textSizeScript(), { document, window: { addEventListener: () => {} }, localStorage: {} });
    // A stored 21 is rendered as the valid 20: the clamp rule ran in the script's own scope.
    expect(readout.textContent).toBe('20 px');
  });

  it('applies only an allowed stored size before first paint', () => {
    for (const [stored, expected] of [['22', '22'], ['17', null], ['999', null], [null, null]] as const) {
      const attributes = new Map<string, string>();
      const root = { className: '', setAttribute: (k: string, v: string) => attributes.set(k, v), style: { setProperty: () => {} } };
      vm.runInNewContext(textSizeHeadScript(), { document: { documentElement: root }, localStorage: { getItem: () => stored } });
      expect(attributes.get('data-text-size') ?? null).toBe(expected);
      expect(root.className).toBe(' js');
    }
  });
});
