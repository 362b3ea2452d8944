import { describe, expect, it } from 'vitest';
import { FieldErrors } from '../../../lib/errors.js';
import { BACKOFF_CAP_S, checkFeedInput, medianGapMs, MIN_SILENCE_MS, nextPollDelayS, silence, spokenDuration, urlProblem } from './wire-feed.js';

const refusal = (run: () => unknown): Record<string, string> => {
  try {
    run();
  } catch (error) {
    if (error instanceof FieldErrors) return error.fields;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('checking a feed form', () => {
  const ok = { name: '  Caspian   Wire ', publicationId: '3', transport: 'http', url: 'https://wire.example/feed.xml' };

  it('fills the defaults and makes the slug from the name', () => {
    expect(checkFeedInput(ok, { allowPrivate: false })).toEqual({
      name: 'Caspian Wire',
      slug: 'caspian-wire',
      publication_id: 3,
      transport: 'http',
      format: 'auto',
      url: 'https://wire.example/feed.xml',
      interval_s: 300,
      language: '',
      enabled: 1,
    });
  });

  it.each([
    [{ intervalS: '29' }, 'interval'],
    [{ intervalS: '86401' }, 'interval'],
    [{ intervalS: '1.5' }, 'interval'],
    [{ transport: 'carrier-pigeon' }, 'transport'],
    [{ format: 'csv' }, 'format'],
    [{ url: 'file:///etc/passwd' }, 'url'],
    [{ url: 'https://user:secret@wire.example/' }, 'url'],
    [{ url: '' }, 'url'],
    [{ language: 'english' }, 'language'],
    [{ publicationId: 'reuters' }, 'publication'],
    [{ slug: 'Not A Slug' }, 'slug'],
  ])('refuses %o on its field', (change, field) => {
    expect(Object.keys(refusal(() => checkFeedInput({ ...ok, ...change }, { allowPrivate: false })))).toEqual([field]);
  });

  it('accepts the interval bounds and a regional language tag', () => {
    expect(checkFeedInput({ ...ok, intervalS: 30, language: 'pt-BR' }, { allowPrivate: false })).toMatchObject({ interval_s: 30, language: 'pt-BR' });
    expect(checkFeedInput({ ...ok, intervalS: '86400' }, { allowPrivate: false }).interval_s).toBe(86_400);
  });

  it('gives folder and push feeds no address, and refuses one typed for them', () => {
    expect(checkFeedInput({ ...ok, transport: 'folder', url: '' }, { allowPrivate: false }).url).toBeNull();
    expect(refusal(() => checkFeedInput({ ...ok, transport: 'push' }, { allowPrivate: false })).url).toContain('push feed has no address');
  });

  it('refuses addresses on this machine or a private network unless allowed', () => {
    for (const url of ['http://localhost:8080/feed', 'http://10.0.0.5/feed', 'http://[::1]/feed', 'http://169.254.169.254/latest']) {
      expect(urlProblem(url, false)).toContain('private network');
      expect(urlProblem(url, true)).toBeNull();
    }
  });
});

describe('backoff after failures', () => {
  it('doubles the interval per failure, up to an hour (or the interval when longer)', () => {
    expect([0, 1, 2, 3, 4, 10].map((f) => nextPollDelayS(300, f))).toEqual([300, 600, 1200, 2400, BACKOFF_CAP_S, BACKOFF_CAP_S]);
    expect(nextPollDelayS(30, 3)).toBe(240);
    expect([0, 1, 5].map((f) => nextPollDelayS(86_400, f))).toEqual([86_400, 86_400, 86_400]);
  });
});

describe('a silent feed', () => {
  const now = new Date('2026-06-15T12:00:00Z');
  const minutesAgo = (...m: number[]) => m.map((x) => new Date(now.getTime() - x * 60_000).toISOString());

  it('needs three arrivals to know a rhythm, and takes the median gap', () => {
    expect(medianGapMs(minutesAgo(10, 20))).toBeNull();
    expect(medianGapMs(minutesAgo(10, 20, 30, 100))).toBe(10 * 60_000);
    expect(medianGapMs(minutesAgo(0, 10, 30, 60))).toBe(20 * 60_000);
    // Items that arrived together are one arrival.
    expect(medianGapMs(minutesAgo(10, 10, 10, 20))).toBeNull();
    expect(medianGapMs(minutesAgo(0, 0, 10, 10, 20, 20))).toBe(10 * 60_000);
  });

  it('warns after three times the usual gap, never before the minimum', () => {
    // Items every 20 minutes, the last 70 minutes ago: silent (3 × 20 = 60).
    const every20 = minutesAgo(70, 90, 110, 130);
    expect(silence(every20, every20[0]!, now)).toEqual({ silentMs: 70 * 60_000, usualGapMs: 20 * 60_000 });
    // The last 50 minutes ago: within the rhythm.
    const recent = minutesAgo(50, 70, 90, 110);
    expect(silence(recent, recent[0]!, now)).toBeNull();
    // Items every minute, the last 20 minutes ago: 3 minutes is below the 30-minute minimum.
    const busy = minutesAgo(20, 21, 22, 23);
    expect(silence(busy, busy[0]!, now)).toBeNull();
    expect(MIN_SILENCE_MS).toBe(30 * 60_000);
  });

  it('says durations for people', () => {
    expect([45_000, 5 * 60_000, 200 * 60_000, 3 * 24 * 3600_000].map(spokenDuration)).toEqual(['45 s', '5 min', '3 h 20 min', '3 days']);
  });
});
