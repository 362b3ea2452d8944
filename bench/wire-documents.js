// @ts-check
/**
 * Invented wire items and the documents that carry them, for bench/wires-parse.js and
 * bench/wires-ingest.js: deterministic (a seeded PRNG), so every run reads the same bytes. Stories
 * come in several versions from different agencies (a few words changed, a sentence added), the way
 * wires rewrite each other, so that the store has groups to find. About one item in six is in a
 * Russian-like language, the rest in an English-like one (with English function words, so that
 * language detection has something to do). No real news, people or quotes.
 */

import { prng } from './kit.js';

/**
 * @typedef {object} WireStory
 * @property {string} guid
 * @property {string} headline
 * @property {string} byline
 * @property {string[]} paragraphs
 * @property {'en' | 'ru'} language
 * @property {string[]} subjects
 * @property {string} place
 * @property {string} sentAt ISO 8601
 * @property {string} url
 * @property {number} urgency
 * @property {number} version
 */

/**
 * `count` invented items: stories of 1 to 4 versions each, in order of sending from `start`.
 * @param {number} count
 * @param {{ seed?: number, start?: number, prefix?: string, paragraphs?: [number, number] }} [options] paragraphs: how many per item (default 4 to 8)
 * @returns {WireStory[]}
 */
export function inventItems(count, options = {}) {
  const random = prng(options.seed ?? 20261204);
  /** @template T @param {readonly T[]} list @returns {T} */
  const pick = (list) => /** @type {T} */ (list[Math.floor(random() * list.length)]);
  const between = (/** @type {number} */ lo, /** @type {number} */ hi) => lo + Math.floor(random() * (hi - lo + 1));
  const syllables = {
    en: { onsets: ['b', 'br', 'd', 'dr', 'f', 'g', 'gr', 'k', 'l', 'm', 'n', 'p', 'pr', 'r', 's', 'st', 't', 'tr', 'v', 'w'], vowels: ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ou'], codas: ['n', 'r', 's', 'l', 't', 'nd', 'st', 'm', 'ng'] },
    ru: { onsets: ['б', 'в', 'г', 'д', 'з', 'к', 'л', 'м', 'н', 'п', 'р', 'с', 'т', 'пр', 'ст', 'тр'], vowels: ['а', 'е', 'и', 'о', 'у', 'ы', 'я'], codas: ['н', 'р', 'с', 'л', 'т', 'й', 'м', 'ть'] },
  };
  /** @param {'en' | 'ru'} lang */
  const vocabulary = (lang) => {
    const parts = syllables[lang];
    const words = new Set();
    while (words.size < 8000) {
      let word = '';
      for (let s = between(1, 3); s > 0; s--) word += pick(parts.onsets) + pick(parts.vowels) + (random() < 0.4 ? pick(parts.codas) : '');
      words.add(word);
    }
    return [...words];
  };
  const words = { en: vocabulary('en'), ru: vocabulary('ru') };
  const glue = { en: ['the', 'and', 'of', 'to', 'in', 'said', 'on', 'with', 'for', 'was'], ru: ['и', 'в', 'на', 'не', 'что', 'по', 'с', 'он'] };
  /** @param {'en' | 'ru'} lang @param {number} n */
  const sentence = (lang, n) => {
    const out = [];
    for (let i = 0; i < n; i++) out.push(random() < 0.3 ? pick(glue[lang]) : pick(words[lang]));
    const text = out.join(' ');
    return `${text[0]?.toUpperCase()}${text.slice(1)}.`;
  };
  const agencies = ['Velmar Wire', 'Ostrapol Agency', 'Marenko Press', 'Kostrava News Service'];
  const places = ['Port Velmar', 'Kostrava', 'Ostrapol', 'Dunhelm', 'Teslavin'];
  const topics = ['Politics', 'Economy', 'Transport', 'Weather', 'Sport', 'Culture', 'Health'];
  const prefix = options.prefix ?? 'bench';
  const start = options.start ?? Date.UTC(2026, 11, 4, 6, 0, 0);
  /** @type {WireStory[]} */
  const items = [];
  let story = 0;
  while (items.length < count) {
    story++;
    const language = random() < 1 / 6 ? 'ru' : 'en';
    const headline = sentence(language, between(6, 11)).slice(0, -1);
    const [fewest, most] = options.paragraphs ?? [4, 8];
    const paragraphs = Array.from({ length: between(fewest, most) }, () => Array.from({ length: between(2, 4) }, () => sentence(language, between(8, 20))).join(' '));
    const versions = Math.min(between(1, 4), count - items.length);
    for (let v = 0; v < versions; v++) {
      const n = items.length;
      // Each agency's version: a word or two changed in places, sometimes a sentence more.
      const rewritten = paragraphs.map((p) => (random() < 0.25 ? p.replace(/\S+$/, `${pick(words[language])}.`) : p));
      if (random() < 0.4) rewritten.push(sentence(language, between(8, 16)));
      items.push({
        guid: `urn:${prefix}:${story}:${v + 1}`,
        headline: v === 0 ? headline : `${headline} ${pick(words[language])}`,
        byline: `${pick(agencies)}`,
        paragraphs: rewritten,
        language,
        subjects: [pick(topics), pick(topics)].filter((t, i, all) => all.indexOf(t) === i),
        place: pick(places),
        sentAt: new Date(start + n * 7_000).toISOString(),
        url: `https://example.org/${prefix}/${story}/${v + 1}`,
        urgency: between(1, 8),
        version: 1,
      });
    }
  }
  return items;
}

/** @param {string} text */
const esc = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The body as HTML with a little inline markup and a link, as agencies send it. @param {WireStory} item */
export function bodyHtml(item) {
  return item.paragraphs
    .map((p, i) => (i === 1 ? `<p>${esc(p)} <a href="${item.url}#more">More</a></p>` : i === 2 ? `<p><em>${esc(p)}</em></p>` : `<p>${esc(p)}</p>`))
    .join('');
}

const rfc822 = (/** @type {string} */ iso) => new Date(iso).toUTCString().replace('GMT', '+0000');

/** @param {WireStory[]} items */
export function rssDocument(items) {
  const entries = items.map(
    (i) => `<item><guid isPermaLink="false">${i.guid}</guid><title>${esc(i.headline)}</title><link>${i.url}</link>` +
      `<dc:creator>${esc(i.byline)}</dc:creator>${i.subjects.map((s) => `<category>${s}</category>`).join('')}` +
      `<pubDate>${rfc822(i.sentAt)}</pubDate><content:encoded><![CDATA[${bodyHtml(i)}]]></content:encoded></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Bench</title>${entries.join('\n')}</channel></rss>`;
}

/** @param {WireStory[]} items */
export function atomDocument(items) {
  const entries = items.map(
    (i) => `<entry xml:lang="${i.language}"><id>${i.guid}</id><title>${esc(i.headline)}</title><link href="${i.url}"/><updated>${i.sentAt}</updated>` +
      `<author><name>${esc(i.byline)}</name></author>${i.subjects.map((s) => `<category term="${s}"/>`).join('')}` +
      `<content type="html">${esc(bodyHtml(i))}</content></entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Bench</title><id>urn:bench</id><updated>2026-12-04T06:00:00Z</updated>${entries.join('\n')}</feed>`;
}

/** @param {WireStory[]} items */
export function jsonFeedDocument(items) {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Bench',
    items: items.map((i) => ({
      id: i.guid,
      url: i.url,
      title: i.headline,
      content_html: bodyHtml(i),
      date_published: i.sentAt,
      authors: [{ name: i.byline }],
      tags: i.subjects,
      language: i.language,
    })),
  });
}

/** ninjs 3.x in an `items` list (camelCase keys, headlines and bodies arrays). @param {WireStory[]} items */
export function ninjsDocument(items) {
  return JSON.stringify({
    items: items.map((i) => ({
      uri: i.guid,
      type: 'text',
      version: String(i.version),
      versionCreated: i.sentAt,
      pubStatus: 'usable',
      urgency: i.urgency,
      language: i.language,
      by: i.byline,
      located: i.place,
      headlines: [{ role: 'main', value: i.headline }],
      bodies: [{ role: 'main', contentType: 'text/html', value: bodyHtml(i) }],
      subjects: i.subjects.map((s) => ({ name: s, uri: `http://example.org/topics/${s.toLowerCase()}` })),
    })),
  });
}

/** A NewsML-G2 newsMessage whose itemSet holds one newsItem with inline XHTML per item. @param {WireStory[]} items */
export function newsmlDocument(items) {
  const entries = items.map(
    (i) => `<newsItem guid="${i.guid}" version="${i.version}" standard="NewsML-G2" standardversion="2.33" xml:lang="${i.language}">` +
      `<itemMeta><itemClass qcode="ninat:text"/><provider qcode="nprov:BENCH"/><versionCreated>${i.sentAt}</versionCreated><pubStatus qcode="stat:usable"/>` +
      `<link rel="irel:canonical" href="${i.url}"/></itemMeta>` +
      `<contentMeta><urgency>${i.urgency}</urgency><located><name>${esc(i.place)}</name></located><by>${esc(i.byline)}</by>` +
      `<headline>${esc(i.headline)}</headline>${i.subjects.map((s) => `<subject qcode="topic:${s.toLowerCase()}"><name>${s}</name></subject>`).join('')}</contentMeta>` +
      `<contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body>${bodyHtml(i)}</body></html></inlineXML></contentSet></newsItem>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><header><sent>2026-12-04T06:00:00Z</sent></header><itemSet>${entries.join('\n')}</itemSet></newsMessage>`;
}

export const DOCUMENTS = Object.freeze({ rss: rssDocument, atom: atomDocument, jsonfeed: jsonFeedDocument, ninjs: ninjsDocument, newsml: newsmlDocument });
