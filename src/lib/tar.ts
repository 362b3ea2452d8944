import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';

/**
 * The small part of the POSIX ustar format (POSIX.1-1988, IEEE Std 1003.1 "pax" section
 * "ustar Interchange Format") that archives of our own need: regular files and folders with
 * names of up to 255 bytes, written and read as a stream inside gzip. Reading is deliberately
 * strict, because an archive may come from anywhere: only regular files and folders, relative
 * names without `..`, a size limit per member and in all, checked header checksums, and nothing
 * written outside the target folder. Anything else (links, devices, pax extensions, a truncated
 * file) is refused with a `TarError` saying what and where.
 */

const BLOCK = 512;

export class TarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarError';
  }
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

/** Splits a name into ustar's prefix (155 bytes) and name (100 bytes) at a slash. */
function splitName(name: string): { prefix: string; base: string } {
  if (Buffer.byteLength(name) <= 100) return { prefix: '', base: name };
  for (let i = name.length - 1; i > 0; i--) {
    if (name[i] !== '/') continue;
    const prefix = name.slice(0, i);
    const base = name.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(base) <= 100 && base) return { prefix, base };
  }
  throw new TarError(`The name ${name} is too long for a tar archive (at most 255 bytes, split at a slash).`);
}

/** One ustar header block. `mtime` is in seconds; folders have size 0. */
export function tarHeader(name: string, size: number, type: 'file' | 'dir', mtime: number): Buffer {
  const header = Buffer.alloc(BLOCK, 0);
  const { prefix, base } = splitName(type === 'dir' && !name.endsWith('/') ? `${name}/` : name);
  header.write(base, 0, 100, 'utf8');
  header.write(octal(type === 'dir' ? 0o755 : 0o644, 8), 100, 'ascii');
  header.write(octal(0, 8), 108, 'ascii');
  header.write(octal(0, 8), 116, 'ascii');
  header.write(octal(size, 12), 124, 'ascii');
  header.write(octal(Math.max(0, Math.floor(mtime)), 12), 136, 'ascii');
  header.write('        ', 148, 'ascii');
  header.write(type === 'dir' ? '5' : '0', 156, 'ascii');
  header.write('ustar\0', 257, 'ascii');
  header.write('00', 263, 'ascii');
  header.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return header;
}

/**
 * Writes `files` (paths relative to `root`, in the order given) into a gzipped tar at `target`,
 * one file at a time through streams, so memory does not grow with the archive.
 */
export async function writeTarGz(root: string, files: readonly string[], target: string, mtime: number): Promise<void> {
  async function* blocks(): AsyncGenerator<Buffer> {
    const folders = new Set<string>();
    for (const name of files) {
      // The folders a file lives in, once each, so that `tar -x` makes them with sane modes.
      const parts = name.split('/');
      for (let i = 1; i < parts.length; i++) {
        const folder = parts.slice(0, i).join('/');
        if (folders.has(folder)) continue;
        folders.add(folder);
        yield tarHeader(folder, 0, 'dir', mtime);
      }
      const file = path.join(root, name);
      const { size } = await fs.stat(file);
      yield tarHeader(name, size, 'file', mtime);
      let written = 0;
      for await (const chunk of createReadStream(file)) {
        written += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
      if (written !== size) throw new TarError(`${name} changed while it was being archived.`);
      if (size % BLOCK) yield Buffer.alloc(BLOCK - (size % BLOCK), 0);
    }
    yield Buffer.alloc(BLOCK * 2, 0);
  }
  await pipeline(Readable.from(blocks()), createGzip({ level: 6 }), createWriteStream(target));
}

export interface ExtractLimits {
  /** The largest member, in bytes. */
  maxMemberBytes: number;
  /** All members together, in bytes. */
  maxTotalBytes: number;
  /** How many members at most. */
  maxMembers: number;
}

const SAFE_NAME = /^(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9_][\w.@-]*(?:\/[A-Za-z0-9_][\w.@-]*)*$/;

/** A member name that stays inside the target folder: relative, no `..` or `.`, no odd characters. */
export const isSafeMemberName = (name: string): boolean => SAFE_NAME.test(name) && name.length <= 255;

function readString(block: Buffer, start: number, length: number): string {
  const slice = block.subarray(start, start + length);
  const end = slice.indexOf(0);
  return slice.subarray(0, end === -1 ? length : end).toString('utf8');
}

function readOctal(block: Buffer, start: number, length: number, what: string): number {
  const text = readString(block, start, length).trim();
  if (!/^[0-7]+$/.test(text)) throw new TarError(`The archive is damaged: a member's ${what} is not a number.`);
  return parseInt(text, 8);
}

function checkHeader(block: Buffer): void {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (block[i] as number);
  if (readOctal(block, 148, 8, 'header checksum') !== sum) throw new TarError('The archive is damaged: a member header fails its checksum.');
}

/**
 * Extracts a gzipped tar into `target` (an empty folder), refusing anything unsafe or damaged
 * before or while it is written there; the caller removes the folder when this throws. Returns
 * the names of the regular files, in archive order.
 */
export async function extractTarGz(
  source: string,
  target: string,
  limits: ExtractLimits,
  /** Asked before each regular file is written (its name, size and place among the files); throws to refuse it. */
  check?: (name: string, size: number, index: number) => void | Promise<void>,
  /** `gzip: false` reads a plain tar (a backup written with `--no-gzip`). */
  options: { gzip?: boolean } = {},
): Promise<string[]> {
  const files: string[] = [];
  let buffered: Buffer[] = [];
  let bufferedBytes = 0;
  let total = 0;
  let ended = false;
  let zeroBlocks = 0;
  // The member being written: its file, how much is left, and the padding after it.
  let current: { out: fs.FileHandle; left: number; pad: number } | undefined;
  let skip = 0;
  let draining: Promise<void> = Promise.resolve();

  const take = (n: number): Buffer => {
    const all = buffered.length === 1 ? (buffered[0] as Buffer) : Buffer.concat(buffered);
    const head = all.subarray(0, n);
    const rest = all.subarray(n);
    buffered = rest.length ? [rest] : [];
    bufferedBytes = rest.length;
    return head;
  };

  async function openMember(header: Buffer): Promise<void> {
    checkHeader(header);
    const magic = readString(header, 257, 6);
    if (magic !== 'ustar') throw new TarError('The archive is not a ustar tar file.');
    const type = String.fromCharCode(header[156] as number);
    const prefix = readString(header, 345, 155);
    const base = readString(header, 0, 100);
    const name = (prefix ? `${prefix}/${base}` : base).replace(/\/$/, '');
    if (!isSafeMemberName(name)) throw new TarError(`The archive holds a member with an unsafe name (${JSON.stringify(name.slice(0, 120))}): only relative names without ".." are allowed.`);
    const size = readOctal(header, 124, 12, 'size');
    if (type === '5') {
      if (size !== 0) throw new TarError(`The archive is damaged: the folder ${name} has a size.`);
      await fs.mkdir(path.join(target, name), { recursive: true });
      return;
    }
    if (type !== '0' && type !== '\0') {
      const kinds: Record<string, string> = { '1': 'a hard link', '2': 'a symbolic link', '3': 'a device', '4': 'a device', '6': 'a named pipe', x: 'a pax extension', g: 'a pax extension', L: 'a long-name extension' };
      throw new TarError(`The archive holds ${kinds[type] ?? 'an unknown kind of member'} (${name}): only regular files and folders are allowed.`);
    }
    if (files.length >= limits.maxMembers) throw new TarError(`The archive holds more than ${limits.maxMembers} files.`);
    if (size > limits.maxMemberBytes) throw new TarError(`The archive member ${name} is ${size} bytes, more than the limit of ${limits.maxMemberBytes}.`);
    await check?.(name, size, files.length);
    total += size;
    if (total > limits.maxTotalBytes) throw new TarError(`The archive unpacks to more than ${limits.maxTotalBytes} bytes.`);
    const file = path.join(target, name);
    await fs.mkdir(path.dirname(file), { recursive: true });
    // 'wx': a name given twice is refused instead of overwriting what was checked before.
    const out = await fs.open(file, 'wx').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') throw new TarError(`The archive holds ${name} twice.`);
      throw error;
    });
    files.push(name);
    current = { out, left: size, pad: (BLOCK - (size % BLOCK)) % BLOCK };
    if (size === 0) await closeMember();
  }

  async function closeMember(): Promise<void> {
    if (!current) return;
    await current.out.close();
    skip = current.pad;
    current = undefined;
  }

  async function drain(): Promise<void> {
    for (;;) {
      if (current) {
        if (bufferedBytes === 0) return;
        const chunk = take(Math.min(current.left, bufferedBytes));
        await current.out.write(chunk);
        current.left -= chunk.length;
        if (current.left === 0) await closeMember();
        continue;
      }
      if (skip) {
        if (bufferedBytes === 0) return;
        skip -= take(Math.min(skip, bufferedBytes)).length;
        continue;
      }
      if (ended) {
        // After the two zero blocks only padding may follow.
        if (bufferedBytes && take(bufferedBytes).some((b) => b !== 0)) throw new TarError('The archive has data after its end.');
        return;
      }
      if (bufferedBytes < BLOCK) return;
      const header = take(BLOCK);
      if (header.every((b) => b === 0)) {
        zeroBlocks++;
        if (zeroBlocks === 2) ended = true;
        continue;
      }
      if (zeroBlocks) throw new TarError('The archive is damaged: a member follows an end marker.');
      await openMember(header);
    }
  }

  try {
    await pipeline(
      createReadStream(source),
      options.gzip === false ? new PassThrough() : createGunzip(),
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          buffered.push(chunk);
          bufferedBytes += chunk.length;
          draining = drain();
          draining.then(() => done(), done);
        },
      }),
    );
  } catch (error) {
    // The gunzip error can end the pipeline while a chunk is still being written out: let that
    // finish first, or it would go on creating files in the folder the caller is removing.
    await draining.catch(() => {});
    await current?.out.close().catch(() => {});
    if (error instanceof TarError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR' || code === 'ERR_STREAM_PREMATURE_CLOSE') {
      throw new TarError('The archive is not a complete gzip file: it may be truncated or damaged.');
    }
    throw error;
  }
  if (current || !ended) throw new TarError('The archive is truncated: it ends before its last member does.');
  return files;
}
