import { describe, expect, it } from 'vitest';
import { generateKey, hashKey, KEY_PATTERN, keyMatches, parseBearer } from './api-key.js';

describe('integration keys', () => {
  it('are dl_<8 hex>_<32 bytes base64url>, different every time, hashed with SHA-256', () => {
    const a = generateKey();
    const b = generateKey();
    expect(a.key).toMatch(KEY_PATTERN);
    expect(a.key.startsWith(`dl_${a.prefix}_`)).toBe(true);
    expect(Buffer.from(a.key.slice(12), 'base64url')).toHaveLength(32);
    expect(a.key).not.toBe(b.key);
    expect(a.hash).toBe(hashKey(a.key));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).not.toContain(a.key.slice(12));
  });

  it('are read from a bearer header, and anything else is refused', () => {
    const { key, prefix } = generateKey();
    expect(parseBearer(`Bearer ${key}`)).toEqual({ key, prefix });
    expect(parseBearer(`bearer  ${key} `)).toEqual({ key, prefix });
    for (const bad of [undefined, '', key, `Basic ${key}`, `Bearer ${key}x`, `Bearer ${key.slice(0, -1)}`, `Bearer ${key} extra`, 'Bearer dl_XYZ12345_' + 'a'.repeat(43), `Bearer ${key.replace('dl_', 'dk_')}`]) {
      expect(parseBearer(bad), String(bad)).toBeNull();
    }
  });

  it('match only their own hash', () => {
    const a = generateKey();
    const b = generateKey();
    expect(keyMatches(a.key, a.hash)).toBe(true);
    expect(keyMatches(b.key, a.hash)).toBe(false);
    expect(keyMatches(a.key, 'not-hex')).toBe(false);
  });
});
