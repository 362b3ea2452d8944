import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { tarHeader, TarError } from '../../lib/tar.js';
import type { BackupFile } from './backup-manifest.js';

const BLOCK = 512;

export interface ArchiveMember {
  /** The name inside the archive. */
  name: string;
  /** The file on disk to read it from. */
  file: string;
}

/**
 * Writes the members into a tar at `target` (gzipped when asked), hashing each file as it is
 * streamed, then `last(files)` as the final member: the manifest, which needs the checksums.
 * Calls `onBytes` with the bytes of file data written so far.
 */
export async function writeBackupTar(
  members: readonly ArchiveMember[],
  target: string,
  options: { gzip: boolean; mtime: number; last: (files: BackupFile[]) => { name: string; body: Buffer }; onBytes?: (bytes: number, files: number) => void },
): Promise<BackupFile[]> {
  const files: BackupFile[] = [];
  let bytes = 0;
  async function* blocks(): AsyncGenerator<Buffer> {
    const folders = new Set<string>();
    const foldersOf = function* (name: string): Generator<Buffer> {
      const parts = name.split('/');
      for (let i = 1; i < parts.length; i++) {
        const folder = parts.slice(0, i).join('/');
        if (folders.has(folder)) continue;
        folders.add(folder);
        yield tarHeader(folder, 0, 'dir', options.mtime);
      }
    };
    for (const member of members) {
      yield* foldersOf(member.name);
      const { size } = await fs.stat(member.file);
      yield tarHeader(member.name, size, 'file', options.mtime);
      const hash = createHash('sha256');
      let written = 0;
      for await (const chunk of createReadStream(member.file)) {
        const buffer = chunk as Buffer;
        written += buffer.length;
        // A file that grew while being read: stop at the size its header announced.
        if (written > size) throw new TarError(`${member.name} changed while it was being backed up.`);
        hash.update(buffer);
        yield buffer;
      }
      if (written !== size) throw new TarError(`${member.name} changed while it was being backed up.`);
      if (size % BLOCK) yield Buffer.alloc(BLOCK - (size % BLOCK), 0);
      files.push({ name: member.name, size, sha256: hash.digest('hex') });
      bytes += size;
      options.onBytes?.(bytes, files.length);
    }
    const last = options.last(files);
    yield* foldersOf(last.name);
    yield tarHeader(last.name, last.body.length, 'file', options.mtime);
    yield last.body;
    if (last.body.length % BLOCK) yield Buffer.alloc(BLOCK - (last.body.length % BLOCK), 0);
    yield Buffer.alloc(BLOCK * 2, 0);
  }
  const out = createWriteStream(target, { flags: 'wx' });
  if (options.gzip) await pipeline(Readable.from(blocks()), createGzip({ level: 6 }), out);
  else await pipeline(Readable.from(blocks()), out);
  return files;
}

/** The SHA-256 and size of a file, read as a stream. */
export async function hashFile(file: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    size += (chunk as Buffer).length;
    hash.update(chunk as Buffer);
  }
  return { size, sha256: hash.digest('hex') };
}

/** Whether a file starts with gzip's magic bytes (RFC 1952, section 2.3.1). */
export async function isGzip(file: string): Promise<boolean> {
  const handle = await fs.open(file, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}
