import { describe, expect, it } from 'vitest';
import { monthOf, monthRange, monthsBetween, monthStart, nextMonth } from './calendar.js';

const ZONES = ['Asia/Baku', 'UTC', 'Europe/London', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns'];

describe('calendar months in a time zone', () => {
  it('starts a month at midnight on the 1st in the zone', () => {
    expect(monthStart({ year: 2026, month: 3 }, 'Asia/Baku').toISOString()).toBe('2026-02-28T20:00:00.000Z');
    expect(monthStart({ year: 2026, month: 1 }, 'UTC').toISOString()).toBe('2026-01-01T00:00:00.000Z');
    // New York is on winter time (UTC−5) on 1 March and summer time (UTC−4) on 1 April.
    expect(monthStart({ year: 2026, month: 3 }, 'America/New_York').toISOString()).toBe('2026-03-01T05:00:00.000Z');
    expect(monthStart({ year: 2026, month: 4 }, 'America/New_York').toISOString()).toBe('2026-04-01T04:00:00.000Z');
    expect(monthStart({ year: 2026, month: 1 }, 'Asia/Kolkata').toISOString()).toBe('2025-12-31T18:30:00.000Z');
  });

  it.each(ZONES)('puts the start in its month and the millisecond before it in the previous one (%s)', (zone) => {
    for (let month = 1; month <= 12; month++) {
      const start = monthStart({ year: 2026, month }, zone);
      expect(monthOf(start, zone)).toEqual({ year: 2026, month });
      expect(monthOf(new Date(start.getTime() - 1), zone)).toEqual(month === 1 ? { year: 2025, month: 12 } : { year: 2026, month: month - 1 });
    }
  });

  it('gives a month as a half-open range of instants', () => {
    expect(monthRange({ year: 2026, month: 12 }, 'Asia/Baku')).toEqual({ from: '2026-11-30T20:00:00.000Z', before: '2026-12-31T20:00:00.000Z' });
  });

  it('steps through months across years, and lists them newest first', () => {
    expect(nextMonth({ year: 2026, month: 12 })).toEqual({ year: 2027, month: 1 });
    expect(nextMonth({ year: 2026, month: 3 })).toEqual({ year: 2026, month: 4 });
    expect(monthsBetween({ year: 2025, month: 11 }, { year: 2026, month: 2 })).toEqual([
      { year: 2026, month: 2 },
      { year: 2026, month: 1 },
      { year: 2025, month: 12 },
      { year: 2025, month: 11 },
    ]);
    expect(monthsBetween({ year: 2026, month: 2 }, { year: 2026, month: 2 })).toEqual([{ year: 2026, month: 2 }]);
  });
});
