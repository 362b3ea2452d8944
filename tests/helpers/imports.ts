import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import sharp from 'sharp';
import type { Database } from '../../src/db/schema.js';
import { ImportFileError, type ImportArticle, type ImportReader, type ImportRecord } from '../../src/features/imports/import-record.js';

/** A small generated image (sharp draws it): a coloured rectangle, so each colour is another file. */
export const testImage = (colour: string, format: 'png' | 'jpeg' = 'png'): Promise<Buffer> =>
  sharp({ create: { width: 160, height: 120, channels: 3, background: colour } })[format]().toBuffer();

export interface ImageServer {
  /** http://127.0.0.1:port */
  base: string;
  /** Requests received per path. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

/**
 * A real loopback server for imported images: `files` by path, 404 for anything else, and
 * `/hang/...` answers never (the importer's timeout must cut it off).
 */
export async function startImageServer(files: Record<string, Buffer>): Promise<ImageServer> {
  const hits = new Map<string, number>();
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] as string;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path.startsWith('/hang/')) {
      hanging.add(res);
      return;
    }
    const file = files[path];
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
      return;
    }
    res.writeHead(200, { 'content-type': path.endsWith('.png') ? 'image/png' : 'image/jpeg', 'content-length': file.length }).end(file);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    hits,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A reader that yields the given records (then, optionally, fails as a truncated file would). */
export function fakeReader(records: ImportRecord[], options: { origin?: string; siteUrl?: string; failWith?: string } = {}): ImportReader {
  return {
    format: 'test',
    origin: () => options.origin ?? 'https://old.example',
    siteUrl: () => options.siteUrl,
    async *records(readerOptions) {
      let done = 0;
      for (const record of records) {
        yield record;
        readerOptions?.onProgress?.(++done, records.length);
      }
      if (options.failWith) throw new ImportFileError(options.failWith, `after record ${records.length}`);
    },
  };
}

/** An article record with defaults (a published post of 12 March 2019); override anything. */
export function post(key: string, overrides: Partial<ImportArticle> = {}): ImportArticle {
  return {
    kind: 'article',
    key,
    sourceStatus: 'publish',
    status: 'published',
    headline: `Harbour ferry timetable changes ${key}`,
    bodyHtml: '<p>The ferry to the outer islands now leaves at seven.</p>',
    publishedAt: '2019-03-12T09:30:00Z',
    authorKeys: [],
    sectionKeys: [],
    tagKeys: [],
    oldUrls: [],
    warnings: [],
    ...overrides,
  };
}

/** Row counts of what an import writes, to compare runs. */
export type ContentCounts = Record<(typeof COUNTED)[number], number>;

const COUNTED = ['articles', 'sections', 'tags', 'authors', 'media', 'redirects', 'article_tags', 'article_authors', 'publications', 'import_records', 'revisions'] as const;

export async function contentCounts(db: Kysely<Database>): Promise<ContentCounts> {
  const counts = {} as ContentCounts;
  for (const table of COUNTED) {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}
