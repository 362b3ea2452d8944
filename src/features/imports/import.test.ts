import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { oldPathCandidates } from '../articles/old-address.js';
import { parseBodyHtml } from '../articles/body-html.js';
import { findBodyImages, replaceBodyImages } from './import-body.js';
import { localCopy } from './import-images.js';
import { oldPath } from './import.service.js';

describe('oldPath', () => {
  const site = new URL('https://old.example/');
  it('keeps the path and query of relative addresses and of absolute ones on the old site', () => {
    expect(oldPath('/2019/03/12/some-post/', site)).toBe('/2019/03/12/some-post/');
    expect(oldPath('https://old.example/?p=123', site)).toBe('/?p=123');
    expect(oldPath('http://www.old.example/category/news/some-post#comments', site)).toBe('/category/news/some-post');
    expect(oldPath('/2019/03/12/%d0%bf%d1%80%d0%b8/', site)).toBe('/2019/03/12/%D0%BF%D1%80%D0%B8/');
    expect(oldPath('/2019/03/12/при/', site)).toBe('/2019/03/12/%D0%BF%D1%80%D0%B8/');
  });
  it('refuses another host and other schemes', () => {
    expect(oldPath('https://elsewhere.example/post', site)).toBeUndefined();
    expect(oldPath('javascript:alert(1)', site)).toBeUndefined();
    expect(oldPath('   ', site)).toBeUndefined();
  });
  it('takes any host when the old site is unknown', () => {
    expect(oldPath('https://agency.example/story/1', undefined)).toBe('/story/1');
  });
});

describe('oldPathCandidates', () => {
  it('tries the address with and without its trailing slash, escapes upper-cased', () => {
    expect(oldPathCandidates('/a/b/')).toEqual(['/a/b/', '/a/b']);
    expect(oldPathCandidates('/a/b')).toEqual(['/a/b', '/a/b/']);
    expect(oldPathCandidates('/?p=1')).toEqual(['/?p=1']);
    expect(oldPathCandidates('/x/%d0%bf?q=1')).toEqual(['/x/%D0%BF?q=1', '/x/%D0%BF/?q=1']);
  });
});

describe('body images', () => {
  it('replaces each figure (and a lone img) by a library image block, or drops it', () => {
    const html = '<p>One</p><figure class="wp-block-image"><img src="https://old.example/a.jpg" alt="A &amp; B"><figcaption>Cap <em>tion</em></figcaption></figure><p>Two <img src="/b.png"></p><figure><img src="https://old.example/gone.jpg"></figure>';
    const images = findBodyImages(html);
    expect(images.map((i) => [i.src, i.alt, i.caption])).toEqual([
      ['https://old.example/a.jpg', 'A & B', 'Cap tion'],
      ['/b.png', '', ''],
      ['https://old.example/gone.jpg', '', ''],
    ]);
    const ids: Record<string, number> = { 'https://old.example/a.jpg': 7, '/b.png': 8 };
    const out = replaceBodyImages(html, images, (i) => ids[i.src]);
    expect(out).not.toMatch(/gone\.jpg|old\.example/);
    const blocks = parseBodyHtml(out).blocks;
    expect(blocks.filter((b) => b.type === 'image')).toEqual([
      { type: 'image', mediaId: 7, alt: 'A & B', caption: 'Cap tion', credit: '' },
      { type: 'image', mediaId: 8, alt: '', caption: '', credit: '' },
    ]);
  });
});

describe('localCopy', () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-uploads-'));
  const dir = path.join(parent, 'uploads');
  fs.mkdirSync(path.join(dir, '2019', '03'), { recursive: true });
  fs.writeFileSync(path.join(dir, '2019', '03', 'pier.jpg'), 'x');
  fs.writeFileSync(path.join(parent, 'dateline-outside.txt'), 'secret');
  afterAll(() => fs.rmSync(parent, { recursive: true, force: true }));

  it('finds the file after /wp-content/uploads/, or the longest tail of the path under the folder', async () => {
    expect(await localCopy(dir, 'https://old.example/wp-content/uploads/2019/03/pier.jpg')).toBe(path.join(dir, '2019', '03', 'pier.jpg'));
    expect(await localCopy(dir, 'https://cdn.example/media/2019/03/pier.jpg')).toBe(path.join(dir, '2019', '03', 'pier.jpg'));
    expect(await localCopy(dir, 'https://old.example/wp-content/uploads/2019/04/pier.jpg')).toBeUndefined();
  });
  it('never leaves the folder', async () => {
    expect(await localCopy(dir, 'https://old.example/%2e%2e/dateline-outside.txt')).toBeUndefined();
    expect(await localCopy(dir, 'https://old.example/..%2fdateline-outside.txt')).toBeUndefined();
    expect(await localCopy(dir, '../dateline-outside.txt')).toBeUndefined();
  });
});
