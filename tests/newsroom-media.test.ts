import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { User } from '../src/db/schema.js';
import { FieldErrors } from '../src/lib/errors.js';
import { ImageRejected, MAX_UPLOAD_BYTES } from '../src/features/media/media.rules.js';
import { uploadImage } from '../src/features/media/media.upload.js';
import { axeViolations, collectProblems, DEFAULT_CONTEXT, formatViolations, launchBrowser, tabTo } from './helpers/browser.js';
import { createImage, createTestArticle } from './helpers/factories.js';
import { createTestUser, logInInBrowser, multipart, NewsroomClient, type MultipartPart as Part } from './helpers/newsroom.js';
import { testNow } from './helpers/clock.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { DIALECTS, dialectAvailable } from './helpers/test-db.js';
import { startSite, stopSite, type RunningSite } from './helpers/test-server.js';

/**
 * The media library: uploads (the type from the content, limits, alt text), renditions served for
 * a year, search, the image picker's JSON, and who may change what. Route tests run on both
 * dialects; the browser part (axe-core, keyboard, drag and drop, the progress bar) on SQLite.
 */

const picture = (width = 400, height = 300) =>
  sharp({ create: { width, height, channels: 3, background: '#000000', noise: { type: 'gaussian', mean: 120, sigma: 40 } } }).composite([
    { input: { create: { width: Math.round(width / 2), height: Math.round(height / 2), channels: 3, background: { r: 20, g: 90, b: 160 } } }, top: 10, left: 10 },
  ]);

const samples = async (width = 400, height = 300) => ({
  jpeg: await picture(width, height).jpeg().toBuffer(),
  png: await picture(width, height).png().toBuffer(),
  webp: await picture(width, height).webp().toBuffer(),
  gif: await picture(width, height).gif().toBuffer(),
  avif: await picture(width, height).avif({ effort: 0 }).toBuffer(),
});

/** A PNG that only claims its size: a valid header and one tiny compressed row. */
function pngHeader(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body) >>> 0);
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(Buffer.alloc(16))), chunk('IEND', Buffer.alloc(0))]);
}

const fieldError = (page: string, field: string) => new RegExp(`<p class="field-error" id="f-${field}-error"><span class="visually-hidden">Error: </span>([^<]*)</p>`).exec(page)?.[1];
const unescape = (text: string | undefined) => (text ?? '').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const idFrom = (location: string | undefined) => Number(/\/newsroom\/media\/(\d+)\?notice=uploaded$/.exec(location ?? '')?.[1]);

describe.each(DIALECTS)('newsroom media on %s', (dialect) => {
  let t: TestApp;
  let writerUser: User;
  let editorUser: User;
  let writer: NewsroomClient;
  let editor: NewsroomClient;
  let images: Awaited<ReturnType<typeof samples>>;

  beforeAll(async () => {
    if (!dialectAvailable(dialect)) return;
    t = await createTestApp(dialect);
    const db = t.testDb.db.kysely;
    writerUser = await createTestUser(db, 'writer', t.site, { name: 'Wren Writer' });
    editorUser = await createTestUser(db, 'editor', t.site, { name: 'Eddie Editor', authorId: t.site.authors.boris });
    writer = await NewsroomClient.login(t.app.fastify, writerUser.email);
    editor = await NewsroomClient.login(t.app.fastify, editorUser.email);
    images = await samples();
  });
  afterAll(async () => t?.close());

  const db = () => t.testDb.db.kysely;
  const dataDir = () => t.testDb.dataDir;
  const cookie = (client: NewsroomClient) => [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

  /** Every stored file, renditions and originals, relative to DATA_DIR. */
  const storedFiles = () =>
    ['media', 'originals'].flatMap((top) => {
      const dir = path.join(dataDir(), top);
      if (!fs.existsSync(dir)) return [];
      return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()).map((f) => `${top}/${f}`);
    });
  const mediaCount = async () => Number((await db().selectFrom('media').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  interface UploadOptions {
    alt?: string;
    caption?: string;
    credit?: string;
    file?: Buffer;
    filename?: string;
    type?: string;
    csrf?: string | null;
    /** As the page's script sends it: the token in a header, JSON back. */
    script?: boolean;
    parts?: Part[];
  }
  const upload = async (client: NewsroomClient, o: UploadOptions = {}) => {
    const parts: Part[] = o.parts ?? [
      ...(o.csrf === null || o.script ? [] : [{ name: '_csrf', value: o.csrf ?? client.csrf }]),
      { name: 'alt', value: o.alt ?? 'Fishing boats leave the harbour at dawn' },
      { name: 'caption', value: o.caption ?? 'Boats leave Port Velmar before sunrise.' },
      { name: 'credit', value: o.credit ?? 'Photo: Lev Orr' },
      { name: 'file', filename: o.filename ?? 'boats.jpg', type: o.type ?? 'image/jpeg', data: o.file ?? images.jpeg },
    ];
    const { payload, contentType } = multipart(parts);
    return t.app.fastify.inject({
      method: 'POST',
      url: '/newsroom/media',
      remoteAddress: client.address,
      headers: {
        cookie: cookie(client),
        'content-type': contentType,
        ...(o.script ? { 'x-csrf-token': o.csrf ?? client.csrf, accept: 'application/json' } : {}),
      },
      payload,
    });
  };

  it.runIf(dialectAvailable(dialect))('uploads JPEG, PNG, WebP, GIF and AVIF, typed by their content, and keeps the description', async () => {
    await writer.get('/newsroom/media');
    for (const [type, data] of Object.entries(images)) {
      const response = await upload(writer, { file: data, filename: `harbour.${type}`, type: `image/${type}`, alt: `Harbour at dawn (${type})`, caption: `The ${type} harbour`, credit: 'Photo: Lev Orr' });
      expect(response.statusCode, `${type}: ${response.body.slice(0, 400)}`).toBe(303);
      const id = idFrom(response.headers.location);
      const row = await db().selectFrom('media').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ mime: `image/${type}`, width: 400, height: 300, alt: `Harbour at dawn (${type})`, caption: `The ${type} harbour`, credit: 'Photo: Lev Orr' });
      // Narrower than the smallest width: one rendition at its own width, in each format.
      expect(JSON.parse(row.rendition_widths)).toEqual([400]);
      for (const format of ['jpg', 'webp', 'avif']) expect(fs.existsSync(path.join(dataDir(), 'media', row.storage_key, `400.${format}`)), format).toBe(true);
      const page = await writer.get(response.headers.location as string);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Uploaded. The renditions are ready to use.');
    }
  });

  it.runIf(dialectAvailable(dialect))('makes renditions at several widths, served for a year, and keeps the original out of the public folder', async () => {
    const big = await picture(1300, 900).jpeg({ quality: 90 }).toBuffer();
    const response = await upload(writer, { file: big });
    expect(response.statusCode).toBe(303);
    const row = await db().selectFrom('media').selectAll().where('id', '=', idFrom(response.headers.location)).executeTakeFirstOrThrow();
    expect(JSON.parse(row.rendition_widths)).toEqual([480, 800, 1200]);
    for (const width of [480, 800, 1200]) {
      for (const [format, mime] of [['jpg', 'image/jpeg'], ['webp', 'image/webp'], ['avif', 'image/avif']] as const) {
        const served = await t.app.fastify.inject(`/media/${row.storage_key}/${width}.${format}`);
        expect(served.statusCode, `${width}.${format}`).toBe(200);
        expect(served.headers['content-type']).toBe(mime);
        expect(served.headers['cache-control']).toContain('immutable');
        expect(served.headers['cache-control']).toContain('max-age=31536000');
        const meta = await sharp(served.rawPayload).metadata();
        expect(meta.width).toBe(width);
        // Renditions carry no camera metadata.
        expect(meta.exif).toBeUndefined();
      }
    }
    // The original, byte for byte, outside /media: only the newsroom hands it out.
    const original = path.join(dataDir(), 'originals', row.storage_key, 'original.jpg');
    expect(fs.readFileSync(original).equals(big)).toBe(true);
    expect(fs.readdirSync(path.join(dataDir(), 'media', row.storage_key)).filter((f) => f.startsWith('original'))).toEqual([]);
    const download = await writer.get(`/newsroom/media/${row.id}/original`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toBe(`attachment; filename="image-${row.id}-original.jpg"`);
    expect(download.rawPayload.equals(big)).toBe(true);
    expect((await t.app.fastify.inject(`/newsroom/media/${row.id}/original`)).statusCode).toBe(303);
  });

  it.runIf(dialectAvailable(dialect))('accepts a PNG named .jpg as a PNG, and refuses HTML, SVG and text named .jpg with 415, storing nothing', async () => {
    const renamed = await upload(writer, { file: images.png, filename: 'photo.jpg', type: 'image/jpeg' });
    expect(renamed.statusCode).toBe(303);
    const row = await db().selectFrom('media').select(['mime', 'storage_key']).where('id', '=', idFrom(renamed.headers.location)).executeTakeFirstOrThrow();
    expect(row.mime).toBe('image/png');
    expect(fs.existsSync(path.join(dataDir(), 'originals', row.storage_key, 'original.png'))).toBe(true);

    const before = { rows: await mediaCount(), files: storedFiles() };
    const fakes: [string, Buffer, string][] = [
      ['an HTML page', Buffer.from('<!doctype html>\n<html><head><title>x</title></head><body><script>alert(1)</script></body></html>'), 'This looks like an HTML page, not an image we can use.'],
      ['an SVG file', Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><script>alert(1)</script></svg>'), 'This looks like an SVG file, not an image we can use.'],
      ['a text file', Buffer.from('Notes from the council meeting, not a photo at all.\n'), 'This looks like a text file, not an image we can use.'],
      ['a PDF', Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1'), 'This looks like a PDF document, not an image we can use.'],
      ['random bytes', Buffer.from([0x00, 0x13, 0x37, 0x00, 0x99, 0xfe, 0x01, 0x02, 0x00, 0x00, 0xaa, 0xbb]), 'This file is not an image we can use, whatever its name says.'],
    ];
    for (const [what, data, message] of fakes) {
      const response = await upload(writer, { file: data, filename: 'photo.jpg', type: 'image/jpeg', alt: 'A kept alt text', caption: 'A kept caption' });
      expect(response.statusCode, what).toBe(415);
      expect(unescape(fieldError(response.body, 'file')), what).toBe(`${message} Upload a JPEG, PNG, WebP, AVIF or GIF image.`);
      expect(response.body).toContain('value="A kept alt text"');
      expect(response.body).toContain('>A kept caption</textarea>');
    }
    expect(await mediaCount()).toBe(before.rows);
    expect(storedFiles()).toEqual(before.files);
  });

  it.runIf(dialectAvailable(dialect))('refuses more than 20 MB with 413 and a clear message, without reading the rest', async () => {
    const before = { rows: await mediaCount(), files: storedFiles() };
    // A JPEG signature and then nothing in particular: the size is refused before anything decodes.
    const huge = Buffer.alloc(Math.round(23.4 * 1024 * 1024));
    huge.set([0xff, 0xd8, 0xff, 0xe0]);
    const response = await upload(writer, { file: huge, caption: 'Caption typed before the big file' });
    expect(response.statusCode).toBe(413);
    expect(response.headers.connection).toBe('close');
    expect(unescape(fieldError(response.body, 'file'))).toBe('The image is 23.4 MB; the limit is 20 MB. Save it smaller (a JPEG at quality 85 is usually plenty) and upload it again.');
    expect(response.body).toContain('>Caption typed before the big file</textarea>');
    expect(response.body).not.toMatch(/request file too large|FST_|at .*\.js:\d+/);
    const json = await upload(writer, { file: huge, script: true });
    expect(json.statusCode).toBe(413);
    expect(json.json()).toMatchObject({ status: 413, code: 'upload_refused', errors: { file: expect.stringContaining('The image is 23.4 MB; the limit is 20 MB.') } });
    // Exactly the limit is accepted as far as size goes (and then fails as the garbage it is).
    const atLimit = Buffer.alloc(MAX_UPLOAD_BYTES);
    atLimit.set([0xff, 0xd8, 0xff, 0xe0]);
    const edge = await upload(writer, { file: atLimit });
    expect(edge.statusCode).toBe(400);
    expect(unescape(fieldError(edge.body, 'file'))).toContain('could not be read');
    expect(await mediaCount()).toBe(before.rows);
    expect(storedFiles()).toEqual(before.files);
  });

  it.runIf(dialectAvailable(dialect))('refuses images over 50 megapixels or under 100 × 100 pixels, naming the dimensions', async () => {
    const before = await mediaCount();
    const huge = await upload(writer, { file: pngHeader(20000, 20000), filename: 'huge.png', type: 'image/png' });
    expect(huge.statusCode).toBe(400);
    expect(unescape(fieldError(huge.body, 'file'))).toBe('The image is 20000 × 20000 pixels (400 megapixels); the limit is 50 megapixels. Resize it (6000 × 4000 is plenty) and upload it again.');
    const tiny = await upload(writer, { file: await picture(120, 80).png().toBuffer(), filename: 'tiny.png', type: 'image/png' });
    expect(tiny.statusCode).toBe(400);
    expect(unescape(fieldError(tiny.body, 'file'))).toBe('The image is 120 × 80 pixels; it must be at least 100 × 100 pixels.');
    expect(await mediaCount()).toBe(before);
  });

  it.runIf(dialectAvailable(dialect))('needs alt text: the message is next to the field and everything typed stays', async () => {
    const before = { rows: await mediaCount(), files: storedFiles() };
    const response = await upload(writer, { alt: '   ', caption: 'Crowds on the "new" pier & the old one <b>today</b>', credit: 'Photo: Mara Quay / AFP' });
    expect(response.statusCode).toBe(400);
    expect(fieldError(response.body, 'alt')).toBe('Describe the image for people who cannot see it (alt text).');
    // As typed, spaces and all: the field shows what was sent.
    expect(response.body).toContain('<input id="f-alt" name="alt" type="text" value="   " maxlength="300" aria-describedby="f-alt-hint f-alt-error" aria-invalid="true" required>');
    expect(response.body).toContain('>Crowds on the &quot;new&quot; pier &amp; the old one &lt;b&gt;today&lt;/b&gt;</textarea>');
    expect(response.body).toContain('value="Photo: Mara Quay / AFP"');
    expect(response.body).toContain('href="#f-alt"');
    expect(await mediaCount()).toBe(before.rows);
    expect(storedFiles()).toEqual(before.files);

    // Too long everywhere, and a bad file at the same time: every message at once.
    const all = await upload(writer, { alt: 'a'.repeat(301), caption: 'c'.repeat(1001), credit: 'r'.repeat(201), file: Buffer.from('<svg></svg>') });
    expect(all.statusCode).toBe(415);
    expect(fieldError(all.body, 'alt')).toBe('Alt text may have at most 300 characters (this has 301). Move the detail into the caption.');
    expect(fieldError(all.body, 'caption')).toBe('A caption may have at most 1000 characters (this has 1001).');
    expect(fieldError(all.body, 'credit')).toBe('A credit may have at most 200 characters (this has 201).');
    expect(fieldError(all.body, 'file')).toContain('This looks like an SVG file');
    const missing = await upload(writer, { parts: [{ name: '_csrf', value: writer.csrf }, { name: 'alt', value: 'No file chosen' }, { name: 'file', filename: '', type: 'application/octet-stream', data: Buffer.alloc(0) }] });
    expect(missing.statusCode).toBe(400);
    expect(fieldError(missing.body, 'file')).toBe('Choose an image to upload.');
    expect(missing.body).toContain('value="No file chosen"');
  });

  it.runIf(dialectAvailable(dialect))('refuses a forged or missing CSRF token with 403 before reading the file, storing nothing', async () => {
    const before = { rows: await mediaCount(), files: storedFiles() };
    const forged = await upload(writer, { csrf: 'forged-token' });
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain('This form has expired or did not come from this site.');
    expect((await upload(writer, { csrf: null })).statusCode).toBe(403);
    expect((await upload(writer, { script: true, csrf: 'forged-token' })).statusCode).toBe(403);
    // The token after the file does not count: the file would have been read first.
    const late = await upload(writer, {
      parts: [{ name: 'alt', value: 'Late token' }, { name: 'file', filename: 'a.jpg', type: 'image/jpeg', data: images.jpeg }, { name: '_csrf', value: writer.csrf }],
    });
    expect(late.statusCode).toBe(403);
    // Another user's token in this user's session.
    expect((await upload(writer, { csrf: editor.csrf })).statusCode).toBe(403);
    // Not logged in at all.
    const { payload, contentType } = multipart([{ name: '_csrf', value: writer.csrf }, { name: 'alt', value: 'x' }, { name: 'file', filename: 'a.jpg', type: 'image/jpeg', data: images.jpeg }]);
    const anonymous = await t.app.fastify.inject({ method: 'POST', url: '/newsroom/media', headers: { 'content-type': contentType }, payload });
    expect(anonymous.statusCode).toBe(401);
    expect(await mediaCount()).toBe(before.rows);
    expect(storedFiles()).toEqual(before.files);
  });

  it.runIf(dialectAvailable(dialect))('refuses forged forms with messages, not stack traces', async () => {
    const two = await upload(writer, {
      parts: [
        { name: '_csrf', value: writer.csrf },
        { name: 'alt', value: 'Two files' },
        { name: 'file', filename: 'a.jpg', type: 'image/jpeg', data: images.jpeg },
        { name: 'file', filename: 'b.jpg', type: 'image/jpeg', data: images.jpeg },
      ],
    });
    expect(two.statusCode).toBe(400);
    expect(fieldError(two.body, 'file')).toBe('Upload one image at a time.');
    const many = await upload(writer, { parts: [{ name: '_csrf', value: writer.csrf }, ...Array.from({ length: 12 }, (_, i) => ({ name: `extra${i}`, value: 'x' }))] });
    expect(many.statusCode).toBe(400);
    expect(fieldError(many.body, 'file')).toContain('Reload the page and try again.');
    const broken = await t.app.fastify.inject({
      method: 'POST',
      url: '/newsroom/media',
      headers: { cookie: cookie(writer), 'content-type': 'multipart/form-data; boundary=nothing-like-the-body', 'x-csrf-token': writer.csrf },
      payload: '--other\r\nContent-Disposition: form-data; name="alt"\r\n\r\nHello',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.body).not.toMatch(/FST_|Unexpected end|at .*\.js:\d+/);
    // A file sent to a form that takes none (the edit form): refused, and the image is untouched.
    const target = await createImage(db(), dataDir(), { alt: 'Untouched' });
    const { payload, contentType } = multipart([{ name: 'alt', value: 'Changed' }]);
    for (const url of [`/newsroom/media/${target.id}`, `/newsroom/media/${target.id}/delete`]) {
      const response = await t.app.fastify.inject({ method: 'POST', url, headers: { cookie: cookie(editor), 'content-type': contentType }, payload });
      expect(response.statusCode, url).toBe(415);
    }
    expect((await db().selectFrom('media').select('alt').where('id', '=', target.id).executeTakeFirst())?.alt).toBe('Untouched');
  });

  it.runIf(dialectAvailable(dialect))('answers the page script with JSON: 201 with the address, or the field messages', async () => {
    await writer.get('/newsroom/media');
    const ok = await upload(writer, { script: true, alt: 'Gulls over the breakwater' });
    expect(ok.statusCode).toBe(201);
    const body = ok.json() as { id: number; location: string; thumbUrl: string };
    expect(body.location).toBe(`/newsroom/media/${body.id}?notice=uploaded`);
    expect(body.thumbUrl).toMatch(/^\/media\/\d{4}-\d{2}\/[0-9a-f-]{36}\/400\.jpg$/);
    const refused = await upload(writer, { script: true, alt: '' });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'Describe the image for people who cannot see it (alt text).',
      instance: '/newsroom/media',
      code: 'upload_refused',
      errors: { alt: 'Describe the image for people who cannot see it (alt text).' },
    });
  });

  it.runIf(dialectAvailable(dialect))('lets a writer upload and fix their own images’ descriptions but not delete; an editor edits any, and deletes what nothing uses', async () => {
    const uploaded = await upload(writer, { alt: 'Ferry at the quay', caption: 'The winter ferry' });
    const id = idFrom(uploaded.headers.location);
    expect(await db().selectFrom('media').select('created_by').where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ created_by: writerUser.id });
    const page = await writer.get(`/newsroom/media/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<form method="post" action="/newsroom/media/${id}" class="media-meta-form"`);
    expect(page.body).toContain('You can change the description of images you uploaded; only editors can delete an image.');
    expect(page.body).not.toContain(`action="/newsroom/media/${id}/delete"`);
    const badOwn = await writer.post(`/newsroom/media/${id}`, { alt: ' ', caption: 'The winter ferry, kept', credit: '' });
    expect(badOwn.statusCode).toBe(400);
    expect(fieldError(badOwn.body, 'alt')).toBe('Describe the image for people who cannot see it (alt text).');
    expect(badOwn.body).toContain('>The winter ferry, kept</textarea>');
    const fixed = await writer.post(`/newsroom/media/${id}`, { alt: 'Ferry at the quay in winter', caption: 'The winter ferry', credit: 'Photo: Wren Writer' });
    expect(fixed.statusCode).toBe(303);
    expect(fixed.headers.location).toBe(`/newsroom/media/${id}?notice=saved`);
    expect(await db().selectFrom('media').select(['alt', 'credit']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ alt: 'Ferry at the quay in winter', credit: 'Photo: Wren Writer' });
    expect((await writer.post(`/newsroom/media/${id}/delete`)).statusCode).toBe(403);
    expect(await db().selectFrom('media').select('id').where('id', '=', id).executeTakeFirst()).toBeDefined();

    // Someone else's image (here one with no known uploader): no form, and a direct request is refused.
    const other = await createImage(db(), dataDir(), { alt: 'Someone else’s image' });
    const otherPage = await writer.get(`/newsroom/media/${other.id}`);
    expect(otherPage.body).toContain('Only editors and the person who uploaded it can change an image’s description; only editors can delete it.');
    expect(otherPage.body).not.toContain(`action="/newsroom/media/${other.id}"`);
    const edit = await writer.post(`/newsroom/media/${other.id}`, { alt: 'Mine now', caption: '', credit: '' });
    expect(edit.statusCode).toBe(403);
    expect(edit.body).toContain('Your role (writer) may change the description of images you uploaded yourself, not of this one.');
    const editorsUpload = await upload(editor, { alt: 'Cranes on the container quay' });
    const editorsId = idFrom(editorsUpload.headers.location);
    expect((await writer.post(`/newsroom/media/${editorsId}`, { alt: 'Mine now', caption: '', credit: '' })).statusCode).toBe(403);
    expect((await db().selectFrom('media').select('alt').where('id', 'in', [other.id, editorsId]).orderBy('id').execute()).map((r) => r.alt)).toEqual(['Someone else’s image', 'Cranes on the container quay']);
    // The library offers "Edit" on the writer's own image only.
    const library = (await writer.get('/newsroom/media')).body;
    expect(library).toContain(`<a href="/newsroom/media/${id}">Edit<span class="visually-hidden"> of image ${id}:`);
    expect(library).toContain(`<a href="/newsroom/media/${other.id}">Details<span class="visually-hidden"> of image ${other.id}:`);
    expect(library).toContain(`<a href="/newsroom/media/${editorsId}">Details<span class="visually-hidden"> of image ${editorsId}:`);

    await editor.get(`/newsroom/media/${id}`);
    const bad = await editor.post(`/newsroom/media/${id}`, { alt: '', caption: 'Kept caption', credit: 'Kept credit' });
    expect(bad.statusCode).toBe(400);
    expect(fieldError(bad.body, 'alt')).toBe('Describe the image for people who cannot see it (alt text).');
    expect(bad.body).toContain('>Kept caption</textarea>');
    const saved = await editor.post(`/newsroom/media/${id}`, { alt: '  The winter ferry at the quay ', caption: 'Line one\r\nLine two', credit: 'Photo: Lev Orr' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/newsroom/media/${id}?notice=saved`);
    expect(await db().selectFrom('media').select(['alt', 'caption', 'credit']).where('id', '=', id).executeTakeFirst()).toEqual({ alt: 'The winter ferry at the quay', caption: 'Line one\nLine two', credit: 'Photo: Lev Orr' });

    // In use as a lead image and in another article's body: not deletable, with where.
    const lead = await createTestArticle(db(), t.site, { headline: 'Ferry leads the page', leadMediaId: id });
    await createTestArticle(db(), t.site, { headline: 'Ferry in the body', body: { version: 1, blocks: [{ type: 'image', mediaId: id, alt: 'Ferry', caption: 'c', credit: '' }] } });
    // An image whose id starts the same is not "used" by those.
    const detail = await editor.get(`/newsroom/media/${id}`);
    expect(detail.body).toContain(`<a href="/newsroom/articles/${lead}">Ferry leads the page</a> <span class="muted">(published, lead image)</span>`);
    expect(detail.body).toContain('Ferry in the body');
    const refused = await editor.post(`/newsroom/media/${id}/delete`);
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('This image is used in 2 articles. Remove it from there first; the list is on this page.');
    const row = await db().selectFrom('media').select('storage_key').where('id', '=', id).executeTakeFirstOrThrow();
    expect(fs.existsSync(path.join(dataDir(), 'media', row.storage_key))).toBe(true);

    const unused = await db().selectFrom('media').select('storage_key').where('id', '=', other.id).executeTakeFirstOrThrow();
    const deleted = await editor.post(`/newsroom/media/${other.id}/delete`);
    expect(deleted.statusCode).toBe(303);
    expect(deleted.headers.location).toBe('/newsroom/media?notice=deleted');
    expect(await db().selectFrom('media').select('id').where('id', '=', other.id).executeTakeFirst()).toBeUndefined();
    expect(fs.existsSync(path.join(dataDir(), 'media', unused.storage_key))).toBe(false);
    expect(fs.existsSync(path.join(dataDir(), 'originals', unused.storage_key))).toBe(false);
    const audit = await db().selectFrom('audit_log').select(['action', 'subject', 'actor']).where('action', '=', 'media.delete').execute();
    expect(audit).toEqual([{ action: 'media.delete', subject: `media ${other.id}`, actor: 'Eddie Editor' }]);
    expect((await editor.get(`/newsroom/media/${other.id}`)).statusCode).toBe(404);
  });

  it.runIf(dialectAvailable(dialect))('finds images by words of the caption, alt text or credit, in any case; the picker gets JSON', async () => {
    const made = await Promise.all([
      createImage(db(), dataDir(), { alt: 'Lighthouse on the cape', caption: 'The Velmar lighthouse keeper retires after forty winters', credit: 'Photo: Ines Arkwright' }),
      createImage(db(), dataDir(), { alt: 'Lighthouse in fog', caption: 'Fog over the cape', credit: 'Photo: 100%_Sure Agency' }),
    ]);
    const [keeper, fog] = made as [(typeof made)[0], (typeof made)[0]];
    const search = async (q: string) => (await editor.get(`/newsroom/media.json?q=${encodeURIComponent(q)}`)).json() as { items: { id: number }[]; total: number };
    expect((await search('KEEPER retires')).items.map((i) => i.id)).toEqual([keeper.id]);
    expect((await search('lighthouse')).items.map((i) => i.id).sort()).toEqual([keeper.id, fog.id].sort());
    expect((await search('arkwright')).items.map((i) => i.id)).toEqual([keeper.id]);
    expect((await search('lighthouse fog')).items.map((i) => i.id)).toEqual([fog.id]);
    // LIKE's wildcards are plain characters.
    expect((await search('100%_sure')).items.map((i) => i.id)).toEqual([fog.id]);
    expect((await search('100%')).total).toBe(1);
    expect((await search('_')).total).toBe(1);
    expect((await search('nothing-like-this')).total).toBe(0);

    const json = await editor.get('/newsroom/media.json?q=keeper');
    expect(json.statusCode).toBe(200);
    expect(json.json()).toEqual({
      items: [
        {
          id: keeper.id,
          thumbUrl: `/media/${keeper.storage_key}/480.jpg`,
          alt: 'Lighthouse on the cape',
          caption: 'The Velmar lighthouse keeper retires after forty winters',
          credit: 'Photo: Ines Arkwright',
          width: 800,
          height: 500,
        },
      ],
      total: 1,
    });
    expect((await editor.get('/newsroom/media.json?page=0')).statusCode).toBe(400);
    expect((await t.app.fastify.inject('/newsroom/media.json')).statusCode).toBe(401);

    const page = await writer.get('/newsroom/media?q=keeper');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('1 image matching “keeper”.');
    expect(page.body).toContain(`<img src="/media/${keeper.storage_key}/480.jpg" width="480" height="300" alt="Lighthouse on the cape" loading="lazy" decoding="async">`);
    expect(page.body).toContain('<p class="media-facts">800 × 500 px · JPEG</p>');
    expect(page.body).toContain(`<a href="/newsroom/media/${keeper.id}">Details<span class="visually-hidden"> of image ${keeper.id}: Lighthouse on the cape</span></a>`);
    expect(page.body).toContain(`<script src="/assets/newsroom-media.`);
    expect(page.body).toContain('enctype="multipart/form-data"');
  });

  it.runIf(dialectAvailable(dialect))('pages through the library newest first, 24 a page', async () => {
    const tag = randomBytes(4).toString('hex');
    const ids: number[] = [];
    for (let i = 0; i < 26; i++) {
      const row = await db()
        .insertInto('media')
        .values({ storage_key: `2026-01/${tag}-${i}`, mime: 'image/jpeg', width: 800, height: 600, rendition_widths: '[480,800]', alt: `Page test ${tag} ${i}`, caption: '', credit: '', created_at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    const first = await editor.get(`/newsroom/media?q=${tag}`);
    expect(first.body).toContain(`26 images matching “${tag}”, page 1 of 2.`);
    expect([...first.body.matchAll(/alt="Page test [0-9a-f]+ (\d+)"/g)].map((m) => Number(m[1]))).toEqual(Array.from({ length: 24 }, (_, i) => 25 - i));
    expect(first.body).toContain(`<a href="/newsroom/media?q=${tag}&amp;page=2" rel="next">Next page</a>`);
    const second = await editor.get(`/newsroom/media?q=${tag}&page=2`);
    expect([...second.body.matchAll(/alt="Page test [0-9a-f]+ (\d+)"/g)].map((m) => Number(m[1]))).toEqual([1, 0]);
    expect((await editor.get(`/newsroom/media.json?q=${tag}&page=2`)).json().items.map((i: { id: number }) => i.id)).toEqual([ids[1], ids[0]]);
    await db().deleteFrom('media').where('id', 'in', ids).execute();
  });

  it.runIf(dialectAvailable(dialect))('uploadImage, for the admin API too: exact sizes, field errors, damaged files leave nothing behind', async () => {
    const actor = { userId: writerUser.id, role: 'writer' as const, name: 'Wren Writer' };
    const before = { rows: await mediaCount(), files: storedFiles() };
    const big = Buffer.alloc(21 * 1024 * 1024 + 1);
    big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    await expect(uploadImage(db(), dataDir(), actor, big, { alt: 'x' }, testNow())).rejects.toMatchObject({ status: 413, message: expect.stringMatching(/^The image is 21\.0 MB; the limit is 20 MB\./) });
    const fields = await uploadImage(db(), dataDir(), actor, images.jpeg, { alt: '', credit: 'x'.repeat(201) }, testNow()).catch((e: unknown) => e);
    expect(fields).toBeInstanceOf(FieldErrors);
    expect(Object.keys((fields as FieldErrors).fields)).toEqual(['alt', 'credit']);
    // A header that decodes and pixel data that does not: the renditions fail, the folders go.
    const damaged = Buffer.concat([images.jpeg.subarray(0, Math.floor(images.jpeg.length / 2)), Buffer.alloc(64)]);
    const error = await uploadImage(db(), dataDir(), actor, damaged, { alt: 'Half a photo' }, testNow()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageRejected);
    expect(error).toMatchObject({ status: 400, message: expect.stringContaining('could not be read') });
    const garbage = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), randomBytes(2000)]);
    await expect(uploadImage(db(), dataDir(), actor, garbage, { alt: 'Noise' }, testNow())).rejects.toMatchObject({ status: 400 });
    expect(await mediaCount()).toBe(before.rows);
    expect(storedFiles()).toEqual(before.files);
  });
});

describe.skipIf(!inject('chromium'))('the media library in Chromium', () => {
  let browser: Browser;
  let running: RunningSite<{ email: string; imageId: number }> | undefined;
  const contexts: BrowserContext[] = [];
  let files: Record<'jpeg' | 'svg', Buffer>;

  beforeAll(async () => {
    browser = await launchBrowser();
    files = { jpeg: await picture(900, 600).jpeg().toBuffer(), svg: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>') };
    running = await startSite('sqlite', async (db, site, dataDir) => {
      const user = await createTestUser(db, 'editor', site, { name: 'Ines Axe' });
      const image = await createImage(db, dataDir, { alt: 'Harbour wall in the rain', caption: 'Rain on the harbour wall', credit: 'Photo: Test' });
      await createTestArticle(db, site, { headline: 'Rain again', leadMediaId: image.id });
      return { email: user.email, imageId: image.id };
    });
  });
  afterAll(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    await stopSite(running);
    await browser?.close();
  });

  async function loggedIn(options: { bypassCSP?: boolean; colorScheme?: 'light' | 'dark' } = {}): Promise<Page> {
    const context = await browser.newContext({ ...DEFAULT_CONTEXT, baseURL: running!.server.url, ...options });
    contexts.push(context);
    const page = await context.newPage();
    await logInInBrowser(page, running!.data.email);
    return page;
  }

  it.each(['light', 'dark'] as const)('has no axe violations on the library and image pages, also with errors shown (%s)', async (colorScheme) => {
    const page = await loggedIn({ bypassCSP: true, colorScheme });
    const failures: string[] = [];
    const check = async (name: string) => {
      const violations = await axeViolations(page);
      if (violations.length) failures.push(formatViolations(violations, `${name} (${colorScheme})`));
    };
    for (const url of ['/newsroom/media', '/newsroom/media?q=nothing', `/newsroom/media/${running!.data.imageId}`]) {
      expect((await page.goto(url))?.status(), url).toBe(200);
      await check(url);
    }
    // The server's errors (script off for this form: the plain post).
    await page.goto('/newsroom/media');
    // form.submit() skips the script's submit handler: the plain post, as without JavaScript.
    await page.getByLabel('Caption (optional)').fill('Kept');
    await page.locator('#f-file').setInputFiles({ name: 'x.jpg', mimeType: 'image/jpeg', buffer: files.svg });
    await page.evaluate(() => (document.querySelector('form[enctype="multipart/form-data"]') as HTMLFormElement).submit());
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('.field-error').count()).toBe(2);
    expect(await page.getByLabel('Caption (optional)').inputValue()).toBe('Kept');
    await check('upload with server errors');
    // The script's own errors.
    await page.goto('/newsroom/media');
    await page.locator('#f-file').setInputFiles({ name: 'x.jpg', mimeType: 'image/jpeg', buffer: files.svg });
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.locator('.error-summary').waitFor();
    await check('upload with script errors');
    await page.goto(`/newsroom/media/${running!.data.imageId}`);
    await page.getByLabel('Alt text', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.error-summary').waitFor();
    await check('image page with errors');
    expect(failures).toEqual([]);
  });

  it('uploads by keyboard with progress, and by drag and drop, without console or CSP errors', async () => {
    const page = await loggedIn();
    const problems = collectProblems(page);
    await page.goto('/newsroom/media');
    expect(await page.locator('[data-drop-hint]').isVisible()).toBe(true);
    await tabTo(page, '#f-alt');
    await page.keyboard.type('Harbour cranes against a grey sky');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Cranes at the container terminal');
    await tabTo(page, '#f-file');
    // The file dialog is the operating system's; choosing the file stands in for it.
    await page.locator('#f-file').setInputFiles({ name: 'cranes.jpg', mimeType: 'image/jpeg', buffer: files.jpeg });
    await page.locator('[data-preview-image]:not([hidden])').waitFor();
    expect(await page.locator('[data-file-name]').textContent()).toMatch(/^cranes\.jpg \(\d+ KB\)$/);
    expect(await page.getByRole('status').first().textContent()).toMatch(/Chosen: cranes\.jpg, a JPEG image/);
    const progressSeen = page.waitForFunction(() => !(document.querySelector('[data-upload-progress]') as HTMLElement).hidden);
    await tabTo(page, 'button.primary');
    await page.keyboard.press('Enter');
    await progressSeen;
    await page.waitForURL(/\/newsroom\/media\/\d+\?notice=uploaded$/);
    expect(await page.locator('.notice').textContent()).toContain('Uploaded.');
    expect(await page.locator('#f-alt').inputValue()).toBe('Harbour cranes against a grey sky');

    // Drag and drop: an SVG first (refused at once, in place), then the JPEG.
    await page.goto('/newsroom/media');
    await page.getByLabel('Alt text', { exact: true }).fill('Dropped: a tug boat');
    const drop = async (name: string, type: string, data: Buffer) => {
      const transfer = await page.evaluateHandle(
        ([n, t, bytes]) => {
          const dt = new DataTransfer();
          dt.items.add(new File([new Uint8Array(bytes)], n, { type: t }));
          return dt;
        },
        [name, type, [...data]] as const,
      );
      for (const event of ['dragenter', 'dragover', 'drop']) await page.locator('[data-drop-zone]').dispatchEvent(event, { dataTransfer: transfer });
    };
    await drop('tug.svg', 'image/svg+xml', files.svg);
    await page.locator('#f-file-error').waitFor();
    expect(await page.locator('#f-file-error').textContent()).toContain('This file is not a JPEG, PNG, WebP, AVIF or GIF image');
    await drop('tug.jpg', 'image/jpeg', files.jpeg);
    await page.locator('[data-preview-image]:not([hidden])').waitFor();
    expect(await page.locator('#f-file-error').count()).toBe(0);
    expect(await page.locator('#f-file').evaluate((input: HTMLInputElement) => input.files?.[0]?.name)).toBe('tug.jpg');
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.waitForURL(/notice=uploaded$/);
    expect(await page.locator('#f-alt').inputValue()).toBe('Dropped: a tug boat');

    // A server refusal through the script keeps the typed text and the chosen file.
    await page.goto('/newsroom/media');
    await page.getByLabel('Alt text', { exact: true }).fill('Tiny');
    await page.getByLabel('Credit (optional)').fill('Photo: Kept Credit');
    await page.locator('#f-file').setInputFiles({ name: 'tiny.png', mimeType: 'image/png', buffer: await picture(50, 50).png().toBuffer() });
    await page.locator('[data-preview-image]').waitFor({ state: 'attached' });
    await page.waitForFunction(() => !!document.querySelector('#f-file-error') || !(document.querySelector('[data-preview-image]') as HTMLElement).hidden);
    await page.evaluate(() => document.querySelector('#f-file-error')?.remove());
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('#f-file-error').textContent()).toContain('The image is 50 × 50 pixels');
    expect(await page.getByLabel('Credit (optional)').inputValue()).toBe('Photo: Kept Credit');
    expect(await page.locator('#f-file').evaluate((input: HTMLInputElement) => input.files?.[0]?.name)).toBe('tiny.png');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    expect(problems.messages.filter((m) => !/HTTP 400|status of 400/.test(m))).toEqual([]);
  });
});
