import { describe, expect, it } from 'vitest';
import { fromLocalDateTime, isoInZone, toLocalDateTime, utcOffset } from './dates.js';

describe('dates', () => {
  it('gives ISO 8601 with the zone offset', () => {
    const date = new Date('2026-01-29T10:05:00Z');
    expect(isoInZone(date, 'Asia/Baku')).toBe('2026-01-29T14:05:00+04:00');
    expect(isoInZone(date, 'UTC')).toBe('2026-01-29T10:05:00+00:00');
    expect(isoInZone(date, 'America/St_Johns')).toBe('2026-01-29T06:35:00-03:30');
  });
  it('follows daylight saving time', () => {
    expect(utcOffset(new Date('2026-07-01T12:00:00Z'), 'Europe/London')).toBe('+01:00');
    expect(utcOffset(new Date('2026-01-01T12:00:00Z'), 'Europe/London')).toBe('+00:00');
  });
  it('crosses midnight into the next day', () => {
    expect(isoInZone(new Date('2026-03-31T22:30:00Z'), 'Asia/Baku')).toBe('2026-04-01T02:30:00+04:00');
  });

  it('reads datetime-local values in a time zone, across offset changes', () => {
    expect(fromLocalDateTime('2026-11-24T21:30', 'Asia/Baku')?.toISOString()).toBe('2026-11-24T17:30:00.000Z');
    expect(fromLocalDateTime('2026-07-01T12:00', 'Europe/London')?.toISOString()).toBe('2026-07-01T11:00:00.000Z');
    expect(fromLocalDateTime('2026-01-01T12:00:30', 'Europe/London')?.toISOString()).toBe('2026-01-01T12:00:30.000Z');
    expect(fromLocalDateTime('2026-02-30T12:00', 'UTC')).toBeNull();
    expect(fromLocalDateTime('2026-01-01T24:00', 'UTC')).toBeNull();
    expect(fromLocalDateTime('tomorrow', 'UTC')).toBeNull();
    expect(toLocalDateTime(new Date('2026-11-24T17:30:00Z'), 'Asia/Baku')).toBe('2026-11-24T21:30');
  });
});
