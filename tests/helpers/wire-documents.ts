import { randomBytes } from 'node:crypto';

/**
 * Small wire documents written for the feed tests: invented reports of invented places, in the
 * formats feeds deliver. Each call makes fresh guids, so documents never collide across tests.
 */

export interface ReportSpec {
  guid?: string;
  title: string;
  body: string;
}

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

let n = 0;
const fresh = () => `${++n}-${randomBytes(3).toString('hex')}`;

/** `count` reports about invented towns, each a different story. */
export function reports(count: number, topic = 'harbour'): ReportSpec[] {
  return Array.from({ length: count }, () => {
    const id = fresh();
    return {
      guid: `urn:test:${topic}:${id}`,
      title: `Council of Veltrano ${id} votes on the ${topic} plan`,
      body: `The council of the invented town Veltrano ${id} voted on its ${topic} plan on Tuesday after a long debate about ferries, lamps and the old fish market number ${id}.`,
    };
  });
}

export function rss(items: readonly ReportSpec[], channel = 'Test Agency wire'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${esc(channel)}</title><link>https://agency.example/</link><description>Invented reports</description>
${items
  .map((i) => `<item><guid isPermaLink="false">${esc(i.guid ?? `urn:test:${fresh()}`)}</guid><title>${esc(i.title)}</title><description>${esc(`<p>${i.body}</p>`)}</description><pubDate>Mon, 15 Jun 2026 08:00:00 GMT</pubDate></item>`)
  .join('\n')}
</channel></rss>`;
}

/** A ninjs 2.x document (one item) as JSON text. */
export function ninjs(item: ReportSpec, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ uri: item.guid ?? `urn:test:${fresh()}`, type: 'text', version: '1', language: 'en', headline: item.title, body_html: `<p>${esc(item.body)}</p>`, ...extra });
}
