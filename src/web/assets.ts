import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync } from 'node:zlib';

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

function load(name: string): Asset {
  const body = fs.readFileSync(path.join(DIR, name));
  const ext = path.extname(name);
  const hash = sha(body, 'hex').slice(0, 12);
  return {
    url: `/assets/${path.basename(name, ext)}.${hash}${ext}`,
    type: TYPES[ext] ?? 'application/octet-stream',
    body,
    gzip: gzipSync(body, { level: 9 }),
    br: brotliCompressSync(body),
    etag: `"${hash}"`,
  };
}

export const assets = {
  css: load('site.css'),
  textSize: load('text-size.js'),
  logo: load('logo.svg'),
};

export const assetsByUrl = new Map<string, Asset>(Object.values(assets).map((a) => [a.url, a]));

/**
 * Runs in <head> before the first paint: marks that scripts run (the text-size control may show)
 * and applies the reader's remembered text size, so there is no flash of the wrong size. It is
 * allowed by the CSP through its hash rather than 'unsafe-inline'.
 */
export const INLINE_HEAD_SCRIPT =
  "(function(){var d=document.documentElement;d.className+=' js';try{var s=localStorage.getItem('dateline.textSize');if(s&&/^(1[2468]|2[02468])$/.test(s))d.setAttribute('data-text-size',s)}catch(e){}})();";

export const INLINE_HEAD_SCRIPT_HASH = `'sha256-${sha(INLINE_HEAD_SCRIPT, 'base64')}'`;
