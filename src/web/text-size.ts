/** The reader's text-size control: 16 px by default, steps of 2 px from 12 to 28. */
export const TEXT_SIZE = Object.freeze({ min: 12, max: 28, step: 2, default: 16, storageKey: 'dateline.textSize' });

/** The size after a press of +/−, kept within bounds and on the 2 px grid. */
export function stepTextSize(current: number, direction: 1 | -1): number {
  return clampTextSize(current + direction * TEXT_SIZE.step);
}

/** Any stored value made valid: off-grid values snap down, out-of-range values clamp, junk resets. */
export function clampTextSize(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,3}$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n)) return TEXT_SIZE.default;
  const snapped = n - ((n - TEXT_SIZE.min) % TEXT_SIZE.step);
  return Math.min(TEXT_SIZE.max, Math.max(TEXT_SIZE.min, snapped));
}
