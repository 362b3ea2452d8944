import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/i18n.js';
import { isoInZone } from '../../lib/dates.js';
import { articleFeedId, feedLinks, feedTitle, lastUpdate, parseFullContentSetting, rfc3339, rfc822 } from './feed.js';

describe('feed URLs', () => {
  it('offers all three formats for discovery, titled in the edition’s language', () => {
    const en = feedLinks(translator('en-GB').t, 'Test Herald', '/world', 'World');
    expect(en).toEqual([
      { type: 'application/rss+xml', title: 'Test Herald — World (RSS)', path: '/world/feed.xml' },
      { type: 'application/atom+xml', title: 'Test Herald — World (Atom)', path: '/world/atom.xml' },
      { type: 'application/feed+json', title: 'Test Herald — World (JSON Feed)', path: '/world/feed.json' },
    ]);
    expect(feedLinks(translator('ru').t, 'Вестник', '/ru')[0]).toEqual({ type: 'application/rss+xml', title: 'Вестник (лента RSS)', path: '/ru/feed.xml' });
  });

  it('titles a feed with the site’s name and the list’s', () => {
    expect(feedTitle('Test Herald')).toBe('Test Herald');
    expect(feedTitle('Test Herald', 'Test Herald')).toBe('Test Herald');
    expect(feedTitle('Test Herald', 'Ada Quill')).toBe('Test Herald — Ada Quill');
  });
});

describe('feed content rules', () => {
  it.each([
    [undefined, true],
    ['true', true],
    ['TRUE', true],
    ['false', false],
    [' False ', false],
    ['no', true],
    ['', true],
  ])('feeds.full_content %j -> %j', (value, expected) => {
    expect(parseFullContentSetting(value)).toBe(expected);
  });

  it('mints a tag URI from the host, the creation day and the id, whatever the slug', () => {
    expect(articleFeedId('https://news.example', { id: 42, created_at: '2026-03-10T08:15:00.000Z' })).toBe('tag:news.example,2026-03-10:article-42');
    expect(articleFeedId('http://localhost:3000', { id: 7, created_at: '2026-01-01T23:59:59.000Z' })).toBe('tag:localhost,2026-01-01:article-7');
  });

  it('writes RFC 822 dates with a four-digit year', () => {
    expect(rfc822(new Date('2026-03-10T08:15:00Z'))).toBe('Tue, 10 Mar 2026 08:15:00 GMT');
  });

  it('writes RFC 3339 dates in the edition’s offset, exactly as the article page does', () => {
    expect(rfc3339(new Date('2026-03-10T08:15:00Z'), 'Asia/Baku')).toBe('2026-03-10T12:15:00+04:00');
    expect(rfc3339(new Date('2026-03-10T08:15:00Z'), 'UTC')).toBe('2026-03-10T08:15:00+00:00');
    // Both sides of a daylight-saving change, a half-hour zone and a negative one, midnight.
    const dates = ['2026-03-29T00:59:59Z', '2026-03-29T01:00:00Z', '2026-10-25T00:30:00Z', '2026-12-31T23:59:59Z', '2026-01-01T00:00:00Z'];
    for (const zone of ['Europe/London', 'Asia/Kolkata', 'America/St_Johns', 'Europe/Moscow', 'Pacific/Chatham']) {
      for (const iso of dates) expect(rfc3339(new Date(iso), zone), `${iso} ${zone}`).toBe(isoInZone(new Date(iso), zone));
    }
    expect(Date.parse(rfc3339(new Date('2026-03-10T08:15:00Z'), 'America/St_Johns'))).toBe(Date.parse('2026-03-10T08:15:00Z'));
  });

  it('takes an update only when it is later than publication', () => {
    expect(lastUpdate('2026-03-10T08:15:00.000Z', null)).toBe('2026-03-10T08:15:00.000Z');
    expect(lastUpdate('2026-03-10T08:15:00.000Z', '2026-03-10T14:00:00.000Z')).toBe('2026-03-10T14:00:00.000Z');
    expect(lastUpdate('2026-03-10T08:15:00.000Z', '2026-03-09T14:00:00.000Z')).toBe('2026-03-10T08:15:00.000Z');
  });
});
