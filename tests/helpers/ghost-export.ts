import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';

/**
 * Invented Ghost exports (Settings → Labs → Export) for the Ghost reader's tests: the shape of
 * Ghost 5's file (`{ db: [ { meta, data } ] }`) with posts in lexical, mobiledoc, HTML and
 * markdown, and the awkward cases an import meets (a page, members-only posts, an internal tag,
 * a missing author, a duplicate and a non-Latin slug, a card Dateline does not have). Everyone and
 * everything in here is made up.
 */

export type GhostRow = Record<string, unknown>;

export interface GhostExport {
  db: { meta: GhostRow; data: Record<string, GhostRow[]> }[];
}

const lexical = (...children: unknown[]) => JSON.stringify({ root: { type: 'root', version: 1, children } });
const p = (...children: unknown[]) => ({ type: 'paragraph', version: 1, children });
const t = (text: string, format = 0) => ({ type: 'text', version: 1, text, format });

/** Ids in Ghost are 24 hex digits (ObjectId); these are readable and still unique. */
const oid = (kind: string, n: number) => `${kind}${String(n).padStart(24 - kind.length, '0')}`;

export interface GhostFixtureOptions {
  /** Where images live when absolute (default: the `__GHOST_URL__` form Ghost 4+ writes). */
  imageBase?: string;
  /** Adds meta.url (not written by Ghost itself; some hosts add it). */
  metaUrl?: string;
}

/** A small Ghost 5 export with one post of each kind and the awkward cases. */
export function ghostFixture(options: GhostFixtureOptions = {}): GhostExport {
  const img = (name: string) => `${options.imageBase ?? '__GHOST_URL__'}/content/images/2026/03/${name}`;
  const users = [
    { id: oid('u', 1), name: 'Mirela Tosk', slug: 'mirela', email: 'mirela@example.invalid', bio: 'Covers the harbour.', status: 'active' },
    { id: oid('u', 2), name: 'Oskar Brenn', slug: 'oskar', email: 'oskar@example.invalid', bio: null, status: 'active' },
    { id: oid('u', 3), name: 'Staff Only', slug: 'staff', email: 'staff@example.invalid', bio: null, status: 'active' },
  ];
  const tags = [
    { id: oid('t', 1), name: 'Harbour', slug: 'harbour', description: 'News from the port of Veloria.', visibility: 'public' },
    { id: oid('t', 2), name: 'Ferries', slug: 'ferries', description: null, visibility: 'public' },
    { id: oid('t', 3), name: '#import-2019', slug: 'hash-import-2019', description: null, visibility: 'internal' },
    { id: oid('t', 4), name: 'Culture', slug: 'culture', description: null, visibility: 'public' },
  ];
  const posts: GhostRow[] = [
    {
      id: oid('p', 1), uuid: '0b6c1a52-1111-4a8e-9c11-000000000001', title: 'Ferry timetable changes in Veloria', slug: 'ferry-timetable',
      lexical: lexical(
        p(t('The '), t('harbour board', 1), t(' announced new '), { type: 'link', version: 1, url: '__GHOST_URL__/timetables/', children: [t('timetables')] }, t('.')),
        { type: 'heading', version: 1, tag: 'h2', children: [t('What changes')] },
        { type: 'list', version: 1, listType: 'bullet', tag: 'ul', children: [{ type: 'listitem', version: 1, children: [t('Earlier boats')] }, { type: 'listitem', version: 1, children: [t('A night route')] }] },
        { type: 'image', version: 1, src: img('ferry.jpg'), alt: 'The ferry at dawn', caption: '<span>The <b>Aster</b> leaving port</span>' },
        { type: 'bookmark', version: 1, url: 'https://veloria-port.example/notice', metadata: { title: 'Port notice 14' }, caption: '' },
        { type: 'product', version: 1, productTitle: 'Season pass' },
        { type: 'quote', version: 1, children: [t('We are ready,', 2), t(' said the captain.')] },
      ),
      mobiledoc: null, html: '<p>rendered</p>', feature_image: img('lead.jpg'), type: 'post', status: 'published', visibility: 'public',
      created_at: '2026-03-01T08:00:00.000Z', updated_at: '2026-03-02T10:00:00.000Z', published_at: '2026-03-01T09:30:00.000Z',
      custom_excerpt: 'New boats from April.',
    },
    {
      id: oid('p', 2), uuid: '0b6c1a52-1111-4a8e-9c11-000000000002', title: 'Night market returns', slug: 'night-market',
      lexical: null,
      mobiledoc: JSON.stringify({
        version: '0.3.1', atoms: [['soft-return', '', {}]], markups: [['em'], ['a', ['href', 'https://market.example/']]],
        cards: [['gallery', { images: [{ src: img('m1.jpg'), alt: 'Stalls' }, { src: img('m2.jpg'), caption: 'Lanterns' }], caption: 'The market' }], ['markdown', { markdown: '## Hours\n\nOpen **late**, see [the map](/map/).\n\n- Fridays\n- Saturdays' }], ['nft', {}]],
        sections: [[1, 'p', [[0, [0], 1, 'Stalls'], [0, [], 0, ' are back '], [1, [], 0, 0], [0, [1], 1, 'on the quay']]], [10, 0], [10, 1], [10, 2]],
      }),
      html: null, feature_image: null, type: 'post', status: 'draft', visibility: 'members',
      created_at: '2026-03-03T08:00:00.000Z', updated_at: '2026-03-03T08:00:00.000Z', published_at: null,
    },
    {
      id: oid('p', 3), uuid: '0b6c1a52-1111-4a8e-9c11-000000000003', title: 'Harbour festival', slug: 'harbour-festival',
      lexical: null, mobiledoc: null,
      html: '<p>Music on the <a href="/pier/">pier</a>.</p><figure class="kg-card kg-image-card"><img src="' + img('pier.jpg') + '" alt="Pier"><figcaption>Pier at night</figcaption></figure><script>alert(1)</script><div class="kg-card kg-signup-card"><h2>Subscribe</h2></div>',
      feature_image: null, type: 'post', status: 'scheduled', visibility: 'paid',
      created_at: '2026-03-04T08:00:00.000Z', updated_at: '2026-03-04T08:00:00.000Z', published_at: '2026-04-01T07:00:00.000Z',
    },
    {
      id: oid('p', 4), uuid: '0b6c1a52-1111-4a8e-9c11-000000000004', title: 'About us', slug: 'about', lexical: lexical(p(t('We are a small paper.'))),
      type: 'page', status: 'published', visibility: 'public', created_at: '2026-01-01T00:00:00.000Z', published_at: '2026-01-01T00:00:00.000Z',
    },
    {
      // A non-Latin slug and a missing author.
      id: oid('p', 5), uuid: '0b6c1a52-1111-4a8e-9c11-000000000005', title: 'Праздник гавани', slug: 'праздник-гавани', lexical: lexical(p(t('Текст.'))),
      type: 'post', status: 'published', visibility: 'public', created_at: '2026-03-05T08:00:00.000Z', published_at: '2026-03-05T09:00:00.000Z',
    },
    {
      // The same slug as the first post (an import from two Ghost sites into one, or a hand-edited file).
      id: oid('p', 6), uuid: '0b6c1a52-1111-4a8e-9c11-000000000006', title: 'Ferry timetable, again', slug: 'ferry-timetable', html: '<p>Second.</p>',
      type: 'post', status: 'published', visibility: 'public', created_at: '2026-03-06T08:00:00.000Z', published_at: '2026-03-06T09:00:00.000Z',
    },
  ];
  return {
    db: [
      {
        meta: { exported_on: 1772000000000, version: '5.80.0', ...(options.metaUrl ? { url: options.metaUrl } : {}) },
        data: {
          posts,
          posts_authors: [
            { id: 'pa1', post_id: oid('p', 1), author_id: oid('u', 2), sort_order: 1 },
            { id: 'pa2', post_id: oid('p', 1), author_id: oid('u', 1), sort_order: 0 },
            { id: 'pa3', post_id: oid('p', 2), author_id: oid('u', 1), sort_order: 0 },
            { id: 'pa4', post_id: oid('p', 3), author_id: oid('u', 2), sort_order: 0 },
            { id: 'pa5', post_id: oid('p', 4), author_id: oid('u', 3), sort_order: 0 },
            { id: 'pa6', post_id: oid('p', 5), author_id: oid('u', 9), sort_order: 0 },
            { id: 'pa7', post_id: oid('p', 6), author_id: oid('u', 1), sort_order: 0 },
          ],
          posts_meta: [{ id: 'pm1', post_id: oid('p', 1), meta_title: 'Ferry changes | Veloria Post', meta_description: 'What changes for ferry passengers.', feature_image_alt: 'Ferry deck', feature_image_caption: 'On deck' }],
          posts_tags: [
            { id: 'pt1', post_id: oid('p', 1), tag_id: oid('t', 3), sort_order: 0 },
            { id: 'pt2', post_id: oid('p', 1), tag_id: oid('t', 1), sort_order: 1 },
            { id: 'pt3', post_id: oid('p', 1), tag_id: oid('t', 2), sort_order: 2 },
            { id: 'pt4', post_id: oid('p', 2), tag_id: oid('t', 4), sort_order: 0 },
            { id: 'pt5', post_id: oid('p', 3), tag_id: oid('t', 1), sort_order: 0 },
            { id: 'pt6', post_id: oid('p', 4), tag_id: oid('t', 2), sort_order: 0 },
          ],
          settings: [
            { id: 's1', group: 'core', key: 'db_hash', value: 'f1e2d3c4-0000-4000-8000-veloriapost', type: 'string' },
            { id: 's2', group: 'site', key: 'title', value: 'Veloria Post', type: 'string' },
            { id: 's3', group: 'site', key: 'locale', value: 'en', type: 'string' },
            { id: 's4', group: 'site', key: 'codeinjection_head', value: '<script>ignored()</script>', type: 'string' },
          ],
          tags,
          users,
        },
      },
    ],
  };
}

/**
 * A large export of `count` generated posts (for the streaming proof), written straight to a file
 * post by post so that the test itself never holds it in memory.
 */
export function writeGeneratedGhostExport(file: string, count: number, bodyChars = 2000): void {
  const filler = 'Tide tables for the outer islands were revised again this week. '.repeat(Math.ceil(bodyChars / 66)).slice(0, bodyChars);
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, '{"db":[{"meta":{"exported_on":1772000000000,"version":"5.80.0"},"data":{"posts":[');
    for (let i = 1; i <= count; i++) {
      const post = {
        id: oid('g', i), uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, title: `Generated report ${i}`, slug: `generated-report-${i}`,
        lexical: lexical(p(t(`${filler} (${i})`))), html: `<p>${filler}</p>`, type: 'post', status: 'published', visibility: 'public',
        created_at: '2026-02-01T08:00:00.000Z', published_at: '2026-02-01T09:00:00.000Z',
      };
      writeSync(fd, (i > 1 ? ',' : '') + JSON.stringify(post));
    }
    writeSync(
      fd,
      '],"posts_authors":[],"tags":[],"users":[{"id":"u1","name":"Generated Desk","slug":"desk"}],"posts_tags":[],"settings":[{"key":"db_hash","value":"generated"}]}}]}',
    );
  } finally {
    closeSync(fd);
  }
}

export function writeGhostExport(file: string, data: unknown): string {
  writeFileSync(file, JSON.stringify(data, null, 1));
  return file;
}
