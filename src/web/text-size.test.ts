import { describe, expect, it } from 'vitest';
import { clampTextSize, stepTextSize, TEXT_SIZE } from './text-size.js';

describe('text size', () => {
  it('steps by 2 px within 12–28', () => {
    expect(stepTextSize(16, 1)).toBe(18);
    expect(stepTextSize(16, -1)).toBe(14);
    expect(stepTextSize(28, 1)).toBe(28);
    expect(stepTextSize(12, -1)).toBe(12);
  });
  it('repairs stored values', () => {
    expect(clampTextSize('20')).toBe(20);
    expect(clampTextSize('21')).toBe(20);
    expect(clampTextSize('99')).toBe(28);
    expect(clampTextSize('4')).toBe(12);
    expect(clampTextSize('abc')).toBe(TEXT_SIZE.default);
    expect(clampTextSize(null)).toBe(TEXT_SIZE.default);
  });
});
