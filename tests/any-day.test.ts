import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthOf } from '../src/features/sitemaps/calendar.js';
import { isoInZone, zonedParts } from '../src/lib/dates.js';
import { TestClock } from './helpers/clock.js';
import { createTestArticle, testArticlePath } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/**
 * The calendar-sensitive outputs, built by apps whose clock is set to the awkward instants (the
 * short form of `npm run test:any-day`, which runs the whole suite at them): the last half hour
 * of the year in Baku (UTC+4), just after midnight UTC on 1 January (already 04:30 in Baku), and
 * the nights the clocks change in Europe. Expected dates come from the edition's calendar
 * (Asia/Baku), with the days pinned where Baku's midnight and UTC's part ways.
 */

const SITE = 'https://news.example';
const ZONE = 'Asia/Baku';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const INSTANTS = [
  // Four hours before: 20:30 UTC on 31 December is 00:30 on 1 January in Baku.
  { at: '2026-12-31T19:30:00Z', label: '23:30 on 31 December in Baku', fourHoursAgoDay: '2026/12/31' },
  { at: '2027-01-01T00:30:00Z', label: '00:30 UTC on 1 January', fourHoursAgoDay: '2027/01/01' },
  { at: '2027-03-28T00:30:00Z', label: 'the night the clocks go forward in Europe', fourHoursAgoDay: '2027/03/28' },
  { at: '2027-10-31T00:30:00Z', label: 'the night the clocks go back in Europe', fourHoursAgoDay: '2027/10/31' },
] as const;

/** Slugs and ages of the articles every app gets. */
const AGES = [
  { slug: 'ten-minutes-ago', age: 10 * MINUTE },
  { slug: 'four-hours-ago', age: 4 * HOUR },
  { slug: 'forty-seven-hours-ago', age: 47 * HOUR },
  { slug: 'forty-nine-hours-ago', age: 49 * HOUR },
] as const;

const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => ['url', 'sitemap', 'item'].includes(name) });
const monthFile = (at: Date) => {
  const { year, month } = monthOf(at, ZONE);
  return `${SITE}/sitemaps/articles-${year}-${String(month).padStart(2, '0')}.xml`;
};

describe.each(INSTANTS)('at $at ($label)', ({ at, fourHoursAgoDay }) => {
  const now = new Date(at);
  const published = Object.fromEntries(AGES.map(({ slug, age }) => [slug, new Date(now.getTime() - age)])) as Record<(typeof AGES)[number]['slug'], Date>;
  let t: TestApp;
  const get = (url: string) => t.app.fastify.inject({ method: 'GET', url });

  beforeAll(async () => {
    t = await createTestApp('sqlite', { clock: new TestClock(now) });
    for (const { slug } of AGES) await createTestArticle(t.testDb.db.kysely, t.site, { slug, publishedAt: published[slug], now: published[slug] });
  });
  afterAll(() => t?.close());

  it('files each article under its day in Baku, and shows that day and time on its page', async () => {
    expect(testArticlePath('world', published['four-hours-ago'], 'four-hours-ago')).toBe(`/world/${fourHoursAgoDay}/four-hours-ago`);
    for (const { slug } of AGES) {
      const date = published[slug];
      const res = await get(testArticlePath('world', date, slug));
      expect(res.statusCode, slug).toBe(200);
      const p = zonedParts(date, ZONE);
      const line = /<p class="dateline">.*?<time datetime="([^"]+)">([^<]+)<\/time>/s.exec(res.body);
      expect(line?.[1], slug).toBe(isoInZone(date, ZONE));
      expect(line?.[1]).toMatch(/\+04:00$/);
      expect(line?.[2], slug).toContain(`${Number(p.day)} `);
      expect(line?.[2], slug).toContain(p.year);
      expect(line?.[2], slug).toContain(`${p.hour}:${p.minute}`);
      // The sign-off's year is the year in Baku too (00:30 on 1 January there is still 31 December in UTC).
      expect(res.body, slug).toContain(`<p class="signoff">© ${p.year} Test Herald.`);
    }
  });

  it('lists one sitemap file per month of the Baku calendar, newest first', async () => {
    const index = parser.parse((await get('/sitemap.xml')).body).sitemapindex.sitemap as { loc: string }[];
    const expected = [...new Set(AGES.map(({ slug }) => monthFile(published[slug])))].sort().reverse();
    expect(index.map((s) => s.loc)).toEqual([`${SITE}/sitemaps/pages.xml`, ...expected]);
    for (const loc of expected) expect((await get(loc.slice(SITE.length))).statusCode, loc).toBe(200);
  });

  it('keeps the last 48 hours in the news sitemap', async () => {
    const urls = parser.parse((await get('/news-sitemap.xml')).body).urlset.url as { loc: string; 'news:news': { 'news:publication_date': string } }[];
    expect(urls.map((u) => u.loc.split('/').pop())).toEqual(['ten-minutes-ago', 'four-hours-ago', 'forty-seven-hours-ago']);
    expect(urls[0]!['news:news']['news:publication_date']).toBe(isoInZone(published['ten-minutes-ago'], ZONE));
  });

  it('dates the feeds by the articles, in UTC for RSS and in Baku time for Atom and JSON Feed', async () => {
    const rss = parser.parse((await get('/feed.xml')).body).rss.channel as { lastBuildDate: string; item: { link: string; pubDate: string }[] };
    expect(rss.lastBuildDate).toBe(published['ten-minutes-ago'].toUTCString());
    expect(rss.item.map((i) => [i.link.split('/').pop(), i.pubDate])).toEqual(AGES.map(({ slug }) => [slug, published[slug].toUTCString()]));
    const atom = parser.parse((await get('/atom.xml')).body).feed as { updated: string };
    expect(atom.updated).toBe(isoInZone(published['ten-minutes-ago'], ZONE));
    const json = JSON.parse((await get('/feed.json')).body) as { items: { date_published: string }[] };
    expect(json.items.map((i) => i.date_published)).toEqual(AGES.map(({ slug }) => isoInZone(published[slug], ZONE)));
  });
});
