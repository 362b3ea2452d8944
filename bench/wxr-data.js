// @ts-check
/**
 * Writes a large WordPress export (WXR 1.2) of invented posts, by streaming: the file is never
 * held in memory, so a 1 GB export is written with a few MB. Shared by bench/imports.js and
 * scripts/wxr-memory.js. Every post is made from a seeded PRNG (same arguments, same bytes):
 * classic text with captions, galleries and unknown shortcodes, or Gutenberg blocks; in nested
 * categories and tags, by one of a few authors; one post in four has a featured image (an
 * attachment listed after it, as WordPress often does); one in ten is a draft, one in fifty
 * scheduled. All words are invented.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { prng } from './kit.js';

const WORDS = (
  'harbour tide ferry quay council estuary lantern pier beacon saltmarsh gull rope cargo skipper ' +
  'timetable crossing storm causeway pontoon regatta market ledger mill orchard bridge lane ' +
  'weather channel signal inlet dune marsh heron reed barge lock sluice granary wharf netting'
).split(' ');
const AUTHORS = ['mara', 'tobin', 'ilse', 'quentin', 'odile'];
const CATEGORIES = ['news', 'harbour', 'weather', 'opinion', 'culture', 'sport'];
const TAGS = Array.from({ length: 40 }, (_, i) => `topic-${i + 1}`);

/**
 * The image file of post `id`: 96 distinct files shared by all posts (12 months × 8 photos), so
 * that an import reads them from an uploads folder (`writeUploads`) without fetching anything.
 * @param {number} id
 */
const imagePath = (id) => `2025/${String((id % 12) + 1).padStart(2, '0')}/photo-${Math.floor(id / 12) % 8}.jpg`;

/**
 * Writes the 96 image files of the exports into `dir`, as a copy of `wp-content/uploads`.
 * @param {string} dir
 */
export async function writeUploads(dir) {
  const { default: sharp } = await import('sharp');
  for (let month = 1; month <= 12; month++) {
    const folder = `${dir}/2025/${String(month).padStart(2, '0')}`;
    fs.mkdirSync(folder, { recursive: true });
    for (let photo = 0; photo < 8; photo++) {
      const background = { r: month * 20, g: photo * 30, b: 120 };
      fs.writeFileSync(`${folder}/photo-${photo}.jpg`, await sharp({ create: { width: 320, height: 200, channels: 3, background } }).jpeg().toBuffer());
    }
  }
}

const cdata = (/** @type {string} */ text) => `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

/** @param {() => number} random @param {number} n */
function sentence(random, n) {
  const words = Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]);
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/**
 * @param {() => number} random
 * @param {number} id
 * @param {number} paragraphs
 * @param {string} site
 */
function body(random, id, paragraphs, site) {
  const parts = [];
  const blocks = random() < 0.4;
  for (let p = 0; p < paragraphs; p++) {
    const text = Array.from({ length: 3 + Math.floor(random() * 4) }, () => sentence(random, 8 + Math.floor(random() * 10))).join(' ');
    if (blocks) parts.push(`<!-- wp:paragraph -->\n<p>${text} <em>${sentence(random, 3)}</em></p>\n<!-- /wp:paragraph -->`);
    else parts.push(p % 3 === 1 ? `${text}\n${sentence(random, 6)}` : text);
    if (p === 1) {
      const image = `${site}/wp-content/uploads/${imagePath(id)}`;
      parts.push(
        blocks
          ? `<!-- wp:image {"id":${id + 1}} -->\n<figure class="wp-block-image"><img src="${image}" alt="" class="wp-image-${id + 1}"/><figcaption>${sentence(random, 5)}</figcaption></figure>\n<!-- /wp:image -->`
          : `[caption id="attachment_${id + 1}" width="640"]<img class="wp-image-${id + 1}" src="${image}" alt="" /> ${sentence(random, 5)}[/caption]`,
      );
    }
    if (p === 2 && !blocks && random() < 0.3) parts.push(`[related_posts count="3"] [gallery ids="${id + 1}"]`);
  }
  return parts.join('\n\n');
}

/**
 * Writes the export to `file`.
 * @param {string} file
 * @param {{ posts?: number, bytes?: number, seed?: number, paragraphs?: number, onProgress?: (posts: number, bytes: number) => void }} options
 *   `posts`: how many posts; or `bytes`: write posts until the file is about that large.
 *   `paragraphs`: paragraphs per post (default 5; more for a larger file with the same posts).
 * @returns {Promise<{ posts: number, items: number, bytes: number }>}
 */
export async function writeLargeWxr(file, options) {
  const random = prng(options.seed ?? 7);
  const site = 'https://bench-gazette.example';
  const paragraphs = options.paragraphs ?? 5;
  const out = fs.createWriteStream(file);
  let bytes = 0;
  let items = 0;
  /** @param {string} text */
  const write = async (text) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  const ns = 'http://wordpress.org/export/1.2/';
  await write(
    `<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" xmlns:excerpt="${ns}excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="${ns}">\n<channel>\n` +
      `<title>Bench Gazette</title>\n<link>${site}</link>\n<language>en-GB</language>\n<wp:wxr_version>1.2</wp:wxr_version>\n<wp:base_site_url>${site}</wp:base_site_url>\n<wp:base_blog_url>${site}</wp:base_blog_url>\n`,
  );
  for (const login of AUTHORS) {
    await write(`<wp:author><wp:author_login>${cdata(login)}</wp:author_login><wp:author_display_name>${cdata(`${login[0]?.toUpperCase()}${login.slice(1)} Invented`)}</wp:author_display_name></wp:author>\n`);
  }
  for (const [i, nicename] of CATEGORIES.entries()) {
    await write(`<wp:category><wp:term_id>${i + 1}</wp:term_id><wp:category_nicename>${cdata(nicename)}</wp:category_nicename><wp:category_parent>${cdata(nicename === 'harbour' || nicename === 'weather' ? 'news' : '')}</wp:category_parent><wp:cat_name>${cdata(nicename)}</wp:cat_name></wp:category>\n`);
  }
  for (const slug of TAGS) await write(`<wp:tag><wp:tag_slug>${cdata(slug)}</wp:tag_slug><wp:tag_name>${cdata(slug.replace('-', ' '))}</wp:tag_name></wp:tag>\n`);
  let posts = 0;
  const limit = options.posts ?? Number.POSITIVE_INFINITY;
  const byteLimit = options.bytes ?? Number.POSITIVE_INFINITY;
  let id = 1000;
  while (posts < limit && bytes < byteLimit) {
    id += 2;
    posts += 1;
    const roll = random();
    const status = roll < 0.1 ? 'draft' : roll < 0.12 ? 'future' : 'publish';
    const day = new Date(Date.UTC(2010, 0, 1) + Math.floor(random() * 5000) * 86_400_000);
    const date = `${day.toISOString().slice(0, 10)} ${String(Math.floor(random() * 24)).padStart(2, '0')}:15:00`;
    const gmt = status === 'draft' ? '0000-00-00 00:00:00' : date;
    const title = sentence(random, 4 + Math.floor(random() * 6)).replace(/\.$/, '');
    const slug = `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${id}`;
    const path = `/${date.slice(0, 10).replace(/-/g, '/')}/${slug}/`;
    const featured = posts % 4 === 0;
    await write(
      [
        '<item>',
        `<title>${cdata(title)}</title>`,
        `<link>${site}${status === 'publish' ? path : `/?p=${id}`}</link>`,
        `<dc:creator>${cdata(AUTHORS[id % AUTHORS.length] ?? 'mara')}</dc:creator>`,
        `<guid isPermaLink="false">${site}/?p=${id}</guid>`,
        `<content:encoded>${cdata(body(random, id, paragraphs, site))}</content:encoded>`,
        `<excerpt:encoded>${cdata(posts % 3 === 0 ? sentence(random, 12) : '')}</excerpt:encoded>`,
        `<wp:post_id>${id}</wp:post_id>`,
        `<wp:post_date>${cdata(date)}</wp:post_date>`,
        `<wp:post_date_gmt>${cdata(gmt)}</wp:post_date_gmt>`,
        `<wp:post_name>${cdata(status === 'draft' ? '' : slug)}</wp:post_name>`,
        `<wp:status>${cdata(status)}</wp:status>`,
        '<wp:post_parent>0</wp:post_parent>',
        '<wp:post_type>post</wp:post_type>',
        '<wp:post_password></wp:post_password>',
        `<category domain="category" nicename="${CATEGORIES[id % CATEGORIES.length]}">${cdata(CATEGORIES[id % CATEGORIES.length] ?? '')}</category>`,
        `<category domain="post_tag" nicename="${TAGS[id % TAGS.length]}">${cdata(TAGS[id % TAGS.length] ?? '')}</category>`,
        featured ? `<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>${cdata(String(id + 1))}</wp:meta_value></wp:postmeta>` : '',
        '</item>\n',
      ].join('\n'),
    );
    items += 1;
    if (featured || posts % 2 === 0) {
      const url = `${site}/wp-content/uploads/${imagePath(id)}`;
      await write(
        `<item><title>${cdata(`photo-${id}`)}</title><wp:post_id>${id + 1}</wp:post_id><wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status><wp:post_parent>${id}</wp:post_parent>` +
          `<wp:attachment_url>${cdata(url)}</wp:attachment_url><excerpt:encoded>${cdata(sentence(random, 6))}</excerpt:encoded><wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value>${cdata(sentence(random, 4))}</wp:meta_value></wp:postmeta></item>\n`,
      );
      items += 1;
    }
    if (posts % 1000 === 0) options.onProgress?.(posts, bytes);
  }
  await write('</channel>\n</rss>\n');
  out.end();
  await once(out, 'finish');
  return { posts, items, bytes };
}
