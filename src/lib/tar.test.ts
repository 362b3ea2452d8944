import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractTarGz, isSafeMemberName, TarError, writeTarGz } from './tar.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-tar-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const LIMITS = { maxMemberBytes: 1024 ** 2, maxTotalBytes: 10 * 1024 ** 2, maxMembers: 100 };
const LONG = `media/${'a'.repeat(60)}/${'b'.repeat(70)}/original.jpg`;

function stage(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(tmp, 'in-'));
  for (const [name, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), body);
  }
  return dir;
}

describe('tar.gz', () => {
  it('writes what it reads back, long names (ustar prefix), empty and block-sized files included', async () => {
    const files = { 'manifest.json': '{"a":1}\n', 'empty.ndjson': '', 'block.bin': Buffer.alloc(512, 7), [LONG]: Buffer.from([0xff, 0xd8, 0xff, 0x00]) };
    const archive = path.join(tmp, 'a.tar.gz');
    await writeTarGz(stage(files), Object.keys(files), archive, 1_700_000_000);
    const out = fs.mkdtempSync(path.join(tmp, 'out-'));
    expect(await extractTarGz(archive, out, LIMITS)).toEqual(Object.keys(files));
    for (const [name, body] of Object.entries(files)) expect(fs.readFileSync(path.join(out, name)).equals(Buffer.from(body))).toBe(true);
    // The system's tar reads it too: the archive is portable, not only ours.
    expect(execFileSync('tar', ['-tzf', archive], { encoding: 'utf8' }).split('\n')).toEqual(expect.arrayContaining([LONG, 'manifest.json', 'empty.ndjson', 'media/']));
  });

  it('refuses more files than the limit', async () => {
    const files = Object.fromEntries(Array.from({ length: 3 }, (_, i) => [`f${i}.txt`, 'x']));
    const archive = path.join(tmp, 'many.tar.gz');
    await writeTarGz(stage(files), Object.keys(files), archive, 0);
    await expect(extractTarGz(archive, fs.mkdtempSync(path.join(tmp, 'out-')), { ...LIMITS, maxMembers: 2 })).rejects.toThrow(new TarError('The archive holds more than 2 files.'));
  });

  it('knows a safe member name', () => {
    for (const name of ['manifest.json', 'media/2026-06/0b1c-4d/original.jpg', LONG]) expect(isSafeMemberName(name), name).toBe(true);
    for (const name of ['../x', 'a/../b', '/etc/passwd', './a', 'a//b', '', '.hidden', 'a\\b', 'a b']) expect(isSafeMemberName(name), name).toBe(false);
  });
});
