import type { DemoWireReport } from './reports.js';

/**
 * The demo reports written out as the documents agencies deliver: RSS 2.0, Atom 1.0, JSON Feed
 * 1.1, IPTC ninjs 2.x and 3.x, and NewsML-G2. Times are relative to `now`, the moment the demo is
 * seeded, so that a new site always shows a fresh queue (and an embargo still in the future).
 */

export interface ReportTimes {
  sent: Date;
  embargo: Date | null;
}

/** When a report was sent and its embargo ends, to the whole minute (RSS dates carry no fractions). */
export function reportTimes(report: DemoWireReport, now: Date): ReportTimes {
  const minute = Math.floor(now.getTime() / 60_000) * 60_000;
  return {
    sent: new Date(minute - report.minutesAgo * 60_000),
    embargo: report.embargoMinutes === undefined ? null : new Date(minute + report.embargoMinutes * 60_000),
  };
}

const AGENCY_NAMES = { reuters: 'Reuters', afp: 'AFP', tass: 'TASS', anadolu: 'Anadolu Agency' } as const;

/** Text and attribute values for XML: the five predefined entities only (no DTD is ever used). */
export const xmlEscape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** The body as HTML paragraphs (the reports are plain text, so every paragraph is escaped). */
export const bodyHtml = (report: DemoWireReport): string => report.paragraphs.map((p) => `<p>${xmlEscape(p)}</p>`).join('\n');

const iso = (at: Date) => at.toISOString().replace('.000Z', 'Z');

/** An RFC 822 date as RSS wants it, at a numeric offset (the demo RSS is TASS's, at Moscow's +0300). */
function rfc822(at: Date, offsetMinutes: number): string {
  const local = new Date(at.getTime() + offsetMinutes * 60_000);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  const sign = offsetMinutes < 0 ? '-' : '+';
  const zone = `${sign}${two(Math.floor(Math.abs(offsetMinutes) / 60))}${two(Math.abs(offsetMinutes) % 60)}`;
  return `${days[local.getUTCDay()]}, ${two(local.getUTCDate())} ${months[local.getUTCMonth()]} ${local.getUTCFullYear()} ${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())} ${zone}`;
}

export function rssDocument(title: string, site: string, language: string, reports: readonly DemoWireReport[], now: Date): string {
  const items = reports.map((r) => {
    const { sent } = reportTimes(r, now);
    return `    <item>
      <title>${xmlEscape(r.headline)}</title>
      <link>${xmlEscape(r.url)}</link>
      <guid isPermaLink="true">${xmlEscape(r.url)}</guid>
      <pubDate>${rfc822(sent, 180)}</pubDate>
${r.byline ? `      <dc:creator>${xmlEscape(r.byline)}</dc:creator>\n` : ''}${(r.subjects ?? []).map((s) => `      <category>${xmlEscape(s)}</category>\n`).join('')}      <description>${xmlEscape(r.paragraphs[0] ?? '')}</description>
      <content:encoded>${xmlEscape(bodyHtml(r))}</content:encoded>
    </item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>${xmlEscape(title)}</title>
    <link>${xmlEscape(site)}</link>
    <description>${xmlEscape(title)} (invented reports for the Dateline demo)</description>
    <language>${language}</language>
    <lastBuildDate>${rfc822(now, 180)}</lastBuildDate>
${items.join('\n')}
  </channel>
</rss>
`;
}

export function atomDocument(title: string, site: string, language: string, reports: readonly DemoWireReport[], now: Date): string {
  const entries = reports.map((r) => {
    const { sent } = reportTimes(r, now);
    return `  <entry>
    <id>${xmlEscape(r.url)}</id>
    <title type="text">${xmlEscape(r.headline)}</title>
    <link rel="alternate" type="text/html" href="${xmlEscape(r.url)}"/>
    <updated>${iso(sent)}</updated>
    <published>${iso(sent)}</published>
    <author><name>${xmlEscape(r.byline ?? AGENCY_NAMES[r.agency])}</name></author>
${(r.subjects ?? []).map((s) => `    <category term="${xmlEscape(s.toLowerCase())}" label="${xmlEscape(s)}"/>\n`).join('')}    <summary type="text">${xmlEscape(r.paragraphs[0] ?? '')}</summary>
    <content type="html">${xmlEscape(bodyHtml(r))}</content>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${language}">
  <id>${xmlEscape(site)}/demo-feed</id>
  <title>${xmlEscape(title)}</title>
  <link rel="alternate" href="${xmlEscape(site)}"/>
  <updated>${iso(now)}</updated>
${entries.join('\n')}
</feed>
`;
}

export function jsonFeedDocument(title: string, site: string, language: string, reports: readonly DemoWireReport[], now: Date): string {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title,
    home_page_url: site,
    language,
    items: reports.map((r) => {
      const { sent } = reportTimes(r, now);
      return {
        id: r.url,
        url: r.url,
        title: r.headline,
        content_html: bodyHtml(r),
        summary: r.paragraphs[0] ?? '',
        date_published: iso(sent),
        language: r.language,
        ...(r.byline ? { authors: [{ name: r.byline }] } : {}),
        ...(r.subjects ? { tags: r.subjects } : {}),
      };
    }),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}

/** An IPTC ninjs 2.x item (lower-case keys, `body_html`, `located`, `subject`). */
export function ninjs2Item(r: DemoWireReport, now: Date): Record<string, unknown> {
  const { sent, embargo } = reportTimes(r, now);
  return {
    uri: r.url,
    type: 'text',
    version: String(r.version ?? 1),
    firstcreated: iso(sent),
    versioncreated: iso(sent),
    ...(embargo ? { embargoed: iso(embargo) } : {}),
    pubstatus: r.status ?? 'usable',
    ...(r.urgency ? { urgency: r.urgency } : {}),
    copyrightholder: AGENCY_NAMES[r.agency],
    language: r.language,
    headline: r.headline,
    ...(r.byline ? { by: r.byline } : {}),
    located: r.place,
    subject: (r.subjects ?? []).map((name) => ({ name })),
    body_html: bodyHtml(r),
  };
}

/** An IPTC ninjs 3.x item (camel-case keys, `headlines`, `bodies`, `places`, `subjects`). */
export function ninjs3Item(r: DemoWireReport, now: Date): Record<string, unknown> {
  const { sent, embargo } = reportTimes(r, now);
  return {
    uri: r.url,
    type: 'text',
    version: String(r.version ?? 1),
    firstCreated: iso(sent),
    versionCreated: iso(sent),
    ...(embargo ? { embargoed: iso(embargo) } : {}),
    pubStatus: r.status ?? 'usable',
    ...(r.urgency ? { urgency: r.urgency } : {}),
    language: r.language,
    headlines: [{ role: 'main', value: r.headline }],
    ...(r.byline ? { by: r.byline } : {}),
    places: [{ name: r.place }],
    subjects: (r.subjects ?? []).map((name) => ({ name })),
    bodies: [{ role: 'main', contentType: 'text/html', value: bodyHtml(r) }],
  };
}

const G2_NS = 'http://iptc.org/std/nar/2006-10-01/';

function newsItemXml(r: DemoWireReport, now: Date, namespaced: boolean): string {
  const { sent, embargo } = reportTimes(r, now);
  const ns = namespaced ? ` xmlns="${G2_NS}"` : '';
  return `<newsItem${ns} guid="${xmlEscape(r.url)}" version="${r.version ?? 1}" standard="NewsML-G2" standardversion="2.33" conformance="power" xml:lang="${r.language}">
  <catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml"/>
  <itemMeta>
    <itemClass qcode="ninat:text"/>
    <provider literal="${xmlEscape(AGENCY_NAMES[r.agency])}"/>
    <versionCreated>${iso(sent)}</versionCreated>
    <firstCreated>${iso(sent)}</firstCreated>
${embargo ? `    <embargoed>${iso(embargo)}</embargoed>\n` : ''}    <pubStatus qcode="stat:${r.status ?? 'usable'}"/>
  </itemMeta>
  <contentMeta>
${r.urgency ? `    <urgency>${r.urgency}</urgency>\n` : ''}    <located><name>${xmlEscape(r.place)}</name></located>
${(r.subjects ?? []).map((s) => `    <subject type="cpnat:abstract"><name>${xmlEscape(s)}</name></subject>\n`).join('')}${r.byline ? `    <by>${xmlEscape(r.byline)}</by>\n` : ''}    <headline>${xmlEscape(r.headline)}</headline>
    <language tag="${r.language}"/>
  </contentMeta>
  <contentSet>
    <inlineXML contenttype="application/xhtml+xml">
      <html xmlns="http://www.w3.org/1999/xhtml"><head><title>${xmlEscape(r.headline)}</title></head><body>
${bodyHtml(r)}
      </body></html>
    </inlineXML>
  </contentSet>
</newsItem>`;
}

/** One NewsML-G2 newsItem as a document. */
export const newsItemDocument = (r: DemoWireReport, now: Date): string => `<?xml version="1.0" encoding="UTF-8"?>\n${newsItemXml(r, now, true)}\n`;

/** Several NewsML-G2 newsItems in a newsMessage. */
export function newsMessageDocument(reports: readonly DemoWireReport[], now: Date): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<newsMessage xmlns="${G2_NS}">
  <header><sent>${iso(now)}</sent></header>
  <itemSet>
${reports.map((r) => newsItemXml(r, now, false)).join('\n')}
  </itemSet>
</newsMessage>
`;
}
