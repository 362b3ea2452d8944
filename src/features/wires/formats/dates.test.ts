import { describe, expect, it } from 'vitest';
import { parseIsoDate, parseRfc822Date, parseWireDate } from './dates.js';

describe('parseRfc822Date (RSS)', () => {
  it('reads numeric offsets, named zones and no seconds', () => {
    expect(parseRfc822Date('Fri, 04 Dec 2026 09:30:00 +0300')).toBe('2026-12-04T06:30:00.000Z');
    expect(parseRfc822Date('Fri, 04 Dec 2026 09:30:00 GMT')).toBe('2026-12-04T09:30:00.000Z');
    expect(parseRfc822Date('4 Dec 2026 09:30 EST')).toBe('2026-12-04T14:30:00.000Z');
    expect(parseRfc822Date('Friday, 04 December 2026 09:30:00 MSK')).toBe('2026-12-04T06:30:00.000Z');
    expect(parseRfc822Date('Fri, 04 Dec 2026 09:30:00 -05:30')).toBe('2026-12-04T15:00:00.000Z');
  });
  it('reads two-digit years the RFC 2822 way', () => {
    expect(parseRfc822Date('04 Dec 26 09:30:00 Z')).toBe('2026-12-04T09:30:00.000Z');
    expect(parseRfc822Date('04 Dec 99 09:30:00 Z')).toBe('1999-12-04T09:30:00.000Z');
  });
  it('refuses unknown zones, months and days that do not exist', () => {
    expect(parseRfc822Date('Fri, 04 Dec 2026 09:30:00 XYZ')).toBeNull();
    expect(parseRfc822Date('Fri, 04 Foo 2026 09:30:00 GMT')).toBeNull();
    expect(parseRfc822Date('31 Feb 2026 09:30:00 GMT')).toBeNull();
    expect(parseRfc822Date('04 Dec 2026 25:30:00 GMT')).toBeNull();
  });
});

describe('parseIsoDate (Atom, JSON Feed, ninjs, NewsML-G2)', () => {
  it('reads offsets, Z, fractions and the basic form', () => {
    expect(parseIsoDate('2026-12-04T09:30:00+03:00')).toBe('2026-12-04T06:30:00.000Z');
    expect(parseIsoDate('2026-12-04T09:30:00.123456Z')).toBe('2026-12-04T09:30:00.123Z');
    expect(parseIsoDate('20261204T093000Z')).toBe('2026-12-04T09:30:00.000Z');
    expect(parseIsoDate('2026-12-04T09:30:00-0200')).toBe('2026-12-04T11:30:00.000Z');
  });
  it('takes a date or time without a zone as UTC', () => {
    expect(parseIsoDate('2026-12-04')).toBe('2026-12-04T00:00:00.000Z');
    expect(parseIsoDate('2026-12-04 09:30')).toBe('2026-12-04T09:30:00.000Z');
  });
  it('refuses impossible dates and other text', () => {
    expect(parseIsoDate('2026-02-30T00:00:00Z')).toBeNull();
    expect(parseIsoDate('2026-13-01T00:00:00Z')).toBeNull();
    expect(parseIsoDate('yesterday')).toBeNull();
  });
});

describe('parseWireDate', () => {
  it('reads either style whatever the format, and null for nothing', () => {
    expect(parseWireDate('Fri, 04 Dec 2026 09:30:00 +0000')).toBe('2026-12-04T09:30:00.000Z');
    expect(parseWireDate(' 2026-12-04T09:30:00Z ')).toBe('2026-12-04T09:30:00.000Z');
    expect(parseWireDate('')).toBeNull();
    expect(parseWireDate(undefined)).toBeNull();
    expect(parseWireDate('not a date')).toBeNull();
  });
});
