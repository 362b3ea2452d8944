import { describe, expect, it } from 'vitest';
import { recognizeEmbed } from '../articles/embed.js';
import { renderBody } from '../articles/body.js';
import { difference, type HubSnapshot } from './live-hub.js';
import { bodyToEntryText, entryTextToBody } from './live-text.js';

describe('entry text', () => {
  it('reads paragraphs, a quotation with speaker and role, an embed and an image, and back', () => {
    const text = 'Ferries stop at https://port.example/notice.\n\n> We will reopen soon.\n— Ines Marlow, harbour master\n\nhttps://youtu.be/abcdefghijk\n\n[image 12: The quay]';
    const doc = entryTextToBody(text);
    expect(doc.blocks.map((b) => b.type)).toEqual(['paragraph', 'quote', 'embed', 'image']);
    expect(doc.blocks[0]).toEqual({ type: 'paragraph', html: 'Ferries stop at <a href="https://port.example/notice">https://port.example/notice</a>.' });
    expect(doc.blocks[1]).toEqual({ type: 'quote', text: 'We will reopen soon.', speaker: 'Ines Marlow', role: 'harbour master' });
    expect(entryTextToBody(bodyToEntryText(doc))).toEqual(doc);
  });
  it('escapes what is typed', () => {
    expect(renderBody(entryTextToBody('<script>alert(1)</script> & more'))).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</p>');
  });
});

describe('embeds', () => {
  it('recognises single posts and videos, and nothing else', () => {
    expect(recognizeEmbed('https://www.youtube.com/watch?v=abcdefghijk&t=10')?.id).toBe('abcdefghijk');
    expect(recognizeEmbed('https://x.com/harbour/status/1234567890')?.provider).toBe('x');
    expect(recognizeEmbed('https://twitter.com/harbour/status/1234567890')?.url).toBe('https://x.com/harbour/status/1234567890');
    expect(recognizeEmbed('https://t.me/harbourwatch/42')?.id).toBe('harbourwatch/42');
    expect(recognizeEmbed('https://www.instagram.com/p/Cabc123/')?.provider).toBe('instagram');
    expect(recognizeEmbed('https://www.tiktok.com/@port/video/7123456789')?.id).toBe('7123456789');
    expect(recognizeEmbed('https://vimeo.com/123456')?.provider).toBe('vimeo');
    expect(recognizeEmbed('https://www.facebook.com/portvelmar/posts/12345')?.provider).toBe('facebook');
    for (const other of ['https://www.youtube.com/@channel', 'https://x.com/harbour', 'https://example.com/watch?v=abcdefghijk', 'javascript:alert(1)', 'https://user:pw@vimeo.com/1'])
      expect(recognizeEmbed(other), other).toBeUndefined();
  });
  it('renders a card that survives sanitising, with the button hidden and no frame', () => {
    const html = renderBody({ version: 1, blocks: [{ type: 'embed', provider: 'youtube', id: 'abcdefghijk', url: 'https://www.youtube.com/watch?v=abcdefghijk', card: { title: 'A <b>title</b>', author: 'Port', thumbnail: 'data:image/jpeg;base64,AAAA' } }] });
    expect(html).toContain('<button type="button" class="embed-load" data-embed-provider="youtube" data-embed-id="abcdefghijk" hidden="hidden">');
    expect(html).toContain('A &lt;b&gt;title&lt;/b&gt;');
    expect(html).toContain('<img class="embed-thumb" src="data:image/jpeg;base64,AAAA"');
    expect(html).not.toContain('iframe');
    // A data: image anywhere else is dropped.
    expect(renderBody({ version: 1, blocks: [{ type: 'paragraph', html: '<img src="data:image/png;base64,AAAA">' }] })).not.toContain('data:');
  });
});

describe('the hub difference', () => {
  const entry = (id: number, html: string, updatedAt = '2026-01-01T00:00:00.000Z') => ({ id, html, updatedAt, publishedAt: updatedAt, pinned: false, keyEvent: false });
  const snap = (entries: ReturnType<typeof entry>[], ended = false): HubSnapshot => ({ ended, entries, keyEventsHtml: '', endedHtml: ended ? '<p>ended</p>' : '' });
  it('sends additions, edits and removals once, and nothing when nothing changed', () => {
    const a = snap([entry(1, 'one')]);
    expect(difference(a, a)).toBe('');
    const b = snap([entry(2, 'two'), entry(1, 'one, edited', '2026-01-01T00:01:00.000Z')]);
    const out = difference(a, b);
    expect(out.match(/event: entry/g)).toHaveLength(2);
    expect(difference(b, snap([entry(2, 'two')]))).toBe('event: remove\ndata: {"id":1}\n\n');
    expect(difference(b, snap(b.entries, true))).toContain('event: ended');
  });
});
