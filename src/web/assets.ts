import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { textSizeHeadScript, textSizeScript } from './text-size.js';

/**
 * The reader site's static files, read once at start-up and served from memory under names that
 * carry a hash of their content, so that browsers and CDNs may keep them for a year.
 */
export interface Asset {
  readonly url: string;
  readonly type: string;
  readonly body: Buffer;
  readonly gzip: Buffer;
  readonly br: Buffer;
  readonly etag: string;
}

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/web/assets');
const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

const sha = (data: string | Buffer, encoding: 'hex' | 'base64') => createHash('sha256').update(data).digest(encoding);

/**
 * Reads an asset. Its compressed forms (the best gzip and brotli: made once, served for a year)
 * are made when first asked for: about 10 ms each, which every start paid for every asset (0.12 s)
 * when they were made here.
 */
function load(name: string, content?: string): Asset {
  const body = content === undefined ? fs.readFileSync(path.join(DIR, name)) : Buffer.from(content);
  const ext = path.extname(name);
  const hash = sha(body, 'hex').slice(0, 12);
  let gzip: Buffer | undefined;
  let br: Buffer | undefined;
  return {
    url: `/assets/${path.basename(name, ext)}.${hash}${ext}`,
    type: TYPES[ext] ?? 'application/octet-stream',
    body,
    get gzip() {
      return (gzip ??= gzipSync(body, { level: 9 }));
    },
    get br() {
      return (br ??= brotliCompressSync(body));
    },
    etag: `"${hash}"`,
  };
}

export const assets = {
  css: load('site.css'),
  textSize: load('text-size.js', textSizeScript()),
  logo: load('logo.svg'),
  /** Article pages: counts the view for "Most read" (decision 0024). */
  views: load('views.js'),
  newsroomCss: load('newsroom.css'),
  newsroomJs: load('newsroom.js'),
  newsroomEditor: load('newsroom-editor.js'),
  newsroomMedia: load('newsroom-media.js'),
  newsroomWires: load('newsroom-wires.js'),
  newsroomImports: load('newsroom-imports.js'),
  live: load('live.js'),
  newsroomLive: load('newsroom-live.js'),
};

export const assetsByUrl = new Map<string, Asset>(Object.values(assets).map((a) => [a.url, a]));

export const INLINE_HEAD_SCRIPT = textSizeHeadScript();

export const INLINE_HEAD_SCRIPT_HASH = `'sha256-${sha(INLINE_HEAD_SCRIPT, 'base64')}'`;
