import fs from 'node:fs';
import path from 'node:path';

/**
 * What an import did (or, in a dry run, would do): one entry per record with its outcome and
 * warnings, totals, the images, and every old address with its new one. The CLI prints it
 * (`formatReport`) and writes it as JSON (`--report FILE.json`); the newsroom's job keeps it.
 * An import of a whole archive (a 1 GB WordPress export has some 30,000 posts and as many old
 * addresses) keeps its entries in a `ReportSpill` on disk instead, so that its memory does not
 * grow with the archive.
 */

export type ReportKind = 'author' | 'section' | 'tag' | 'article' | 'skipped';

/**
 * created: written (in a dry run: would be); existing: matched to what the site already had
 * (a tag or section with the same slug, a mapped category); already: imported by an earlier run
 * of the same source; skipped: deliberately not imported; failed: could not be imported.
 */
export type Outcome = 'created' | 'existing' | 'already' | 'skipped' | 'failed';

export interface ReportItem {
  kind: ReportKind;
  key: string;
  /** Name, headline or what was skipped. */
  title: string;
  outcome: Outcome;
  /** Why it was skipped or failed; what it was mapped to. */
  reason?: string;
  warnings: string[];
  /** The row it became (absent in a dry run). */
  id?: number;
  /** An article's edition and new address (null until it is published). */
  edition?: string;
  url?: string | null;
}

export interface OldAddress {
  /** As the source gave it. */
  from: string;
  /** The path (and query) that now answers 301. */
  path: string;
  /** The article's new address, or null while it is not published (the redirect waits for it). */
  to: string | null;
  key: string;
}

export type Totals = Record<ReportKind, Record<Outcome, number>>;

export interface ImportReport {
  format: string;
  origin: string;
  edition: string;
  dryRun: boolean;
  startedAt: string;
  finishedAt: string;
  totals: Totals;
  items: ReportItem[];
  images: {
    stored: number;
    /** Stored by an earlier article or run: the same URL is stored once. */
    reused: number;
    failed: number;
    /** In a dry run, the images that would be fetched or read. */
    listed: string[];
  };
  oldAddresses: OldAddress[];
  /** Why the file could not be read to its end (ImportFileError); what came before it is imported. */
  fileError: string | null;
  /** No file error and no failed record. */
  ok: boolean;
}

const OUTCOMES: readonly Outcome[] = ['created', 'existing', 'already', 'skipped', 'failed'];
const KINDS: readonly ReportKind[] = ['article', 'author', 'section', 'tag', 'skipped'];

export function emptyTotals(): Totals {
  const totals = {} as Totals;
  for (const kind of KINDS) totals[kind] = { created: 0, existing: 0, already: 0, skipped: 0, failed: 0 };
  return totals;
}

const WORDS: Record<Outcome, [string, string]> = {
  created: ['created', 'would be created'],
  existing: ['matched to existing', 'would match existing'],
  already: ['already imported', 'already imported'],
  skipped: ['skipped', 'would be skipped'],
  failed: ['failed', 'would fail'],
};

const PLURALS: Record<ReportKind, string> = { article: 'articles', author: 'authors', section: 'sections', tag: 'tags', skipped: 'other records' };

/** Where a run puts its per-record entries: in the report's arrays, or in a spill on disk. */
export interface ReportEntries {
  item(item: ReportItem): void;
  oldAddress(address: OldAddress): void;
}

/** The report's entries kept in its own arrays (small imports, the newsroom's page). */
export function inMemory(report: ImportReport): ReportEntries {
  return { item: (item) => report.items.push(item), oldAddress: (address) => report.oldAddresses.push(address) };
}

const FLUSH_AT = 256 * 1024;

/** One NDJSON file of entries, appended through a buffer and read back line by line. */
class EntryFile<T> {
  private readonly fd: number;
  private buffer = '';
  count = 0;

  constructor(readonly file: string) {
    this.fd = fs.openSync(file, 'w');
  }

  add(entry: T): void {
    this.buffer += `${JSON.stringify(entry)}\n`;
    this.count++;
    if (this.buffer.length >= FLUSH_AT) this.flush();
  }

  flush(): void {
    if (this.buffer) fs.writeSync(this.fd, this.buffer);
    this.buffer = '';
  }

  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }

  *read(): Generator<T> {
    this.flush();
    const fd = fs.openSync(this.file, 'r');
    const chunk = Buffer.alloc(FLUSH_AT);
    let rest = '';
    try {
      for (let n = fs.readSync(fd, chunk); n > 0; n = fs.readSync(fd, chunk)) {
        const lines = (rest + chunk.toString('utf8', 0, n)).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) if (line) yield JSON.parse(line) as T;
      }
      if (rest) yield JSON.parse(rest) as T;
    } finally {
      fs.closeSync(fd);
    }
  }
}

/**
 * A report's items and old addresses written to a folder as they happen (NDJSON), for imports of
 * any size: memory stays flat however large the archive. `formatReport` and `writeReportJson`
 * read them back as they write. `dispose()` removes the files.
 */
export class ReportSpill implements ReportEntries {
  private readonly items: EntryFile<ReportItem>;
  private readonly addresses: EntryFile<OldAddress>;
  /** Old addresses that lead to a published article. */
  published = 0;

  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
    this.items = new EntryFile(path.join(dir, 'items.ndjson'));
    this.addresses = new EntryFile(path.join(dir, 'old-addresses.ndjson'));
  }

  item(item: ReportItem): void {
    this.items.add(item);
  }

  oldAddress(address: OldAddress): void {
    this.addresses.add(address);
    if (address.to) this.published++;
  }

  get oldAddressCount(): number {
    return this.addresses.count;
  }

  readItems(): Generator<ReportItem> {
    return this.items.read();
  }

  readOldAddresses(): Generator<OldAddress> {
    return this.addresses.read();
  }

  dispose(): void {
    this.items.close();
    this.addresses.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A report's entries wherever they are: its arrays, or the spill it was run with. */
function entriesOf(report: ImportReport, spill?: ReportSpill) {
  if (!spill) {
    return {
      items: () => report.items.values(),
      oldAddresses: () => report.oldAddresses.values(),
      count: report.oldAddresses.length,
      published: report.oldAddresses.filter((a) => a.to).length,
    };
  }
  return { items: () => spill.readItems(), oldAddresses: () => spill.readOldAddresses(), count: spill.oldAddressCount, published: spill.published };
}

/** Records that failed, in every kind. */
export function failedCount(report: ImportReport): number {
  return Object.values(report.totals).reduce((n, outcomes) => n + outcomes.failed, 0);
}

/** The report as text for a person: totals first, then what needs attention, then every old address. */
export function formatReport(report: ImportReport, spill?: ReportSpill): string {
  return [...reportLines(report, spill)].join('\n');
}

/** `formatReport` line by line, for reports too long to hold as one string. */
export function* reportLines(report: ImportReport, spill?: ReportSpill): Generator<string> {
  const entries = entriesOf(report, spill);
  const word = (o: Outcome) => WORDS[o][report.dryRun ? 1 : 0];
  yield `${report.dryRun ? 'Dry run, nothing written: ' : ''}import from ${report.format} (origin ${report.origin}) into edition ${report.edition}, ${report.startedAt} to ${report.finishedAt}`;
  yield '';
  for (const kind of KINDS) {
    const t = report.totals[kind];
    const parts = OUTCOMES.filter((o) => t[o] > 0).map((o) => `${t[o]} ${word(o)}`);
    if (parts.length) yield `  ${PLURALS[kind]}: ${parts.join(', ')}`;
  }
  const img = report.images;
  if (report.dryRun) yield `  images: ${img.listed.length} to fetch or read`;
  else if (img.stored + img.reused + img.failed) yield `  images: ${img.stored} stored, ${img.reused} already stored, ${img.failed} could not be stored`;
  yield `  old addresses: ${entries.count} (${entries.published} lead to a published article)`;
  let first = true;
  for (const item of entries.items()) {
    if (item.outcome !== 'failed' && item.outcome !== 'skipped' && !item.warnings.length) continue;
    if (first) yield* ['', 'Per item:'];
    first = false;
    yield `  [${word(item.outcome)}] ${item.kind} ${item.key} "${item.title}"${item.reason ? `: ${item.reason}` : ''}`;
    for (const warning of item.warnings) yield `      warning: ${warning}`;
  }
  if (report.dryRun && img.listed.length) {
    yield* ['', 'Images:'];
    for (const url of img.listed) yield `  ${url}`;
  }
  if (entries.count) {
    yield* ['', 'Old address -> new address:'];
    for (const a of entries.oldAddresses()) yield `  ${a.path} -> ${a.to ?? '(not published: answers once the article is)'}`;
  }
  if (report.fileError) yield* ['', `The file could not be read to its end: ${report.fileError}`, 'Everything before that point was imported; fix the file and run the same command again to import the rest.'];
  yield '';
}

/**
 * The report as JSON into `file`, the same document `JSON.stringify(report)` gives, with the
 * entries streamed from the spill when there is one.
 */
export function writeReportJson(file: string, report: ImportReport, spill?: ReportSpill): void {
  const entries = entriesOf(report, spill);
  const fd = fs.openSync(file, 'w');
  let buffer = '';
  const put = (text: string) => {
    buffer += text;
    if (buffer.length >= FLUSH_AT) {
      fs.writeSync(fd, buffer);
      buffer = '';
    }
  };
  const list = (name: string, values: Iterable<unknown>) => {
    put(`,\n  ${JSON.stringify(name)}: [`);
    let n = 0;
    for (const value of values) put(`${n++ ? ',' : ''}\n    ${JSON.stringify(value)}`);
    put(n ? '\n  ]' : ']');
  };
  try {
    const { items: _items, oldAddresses: _old, ...head } = report;
    const text = JSON.stringify(head, null, 2);
    put(text.slice(0, text.lastIndexOf('\n}')));
    list('items', entries.items());
    list('oldAddresses', entries.oldAddresses());
    put('\n}\n');
    fs.writeSync(fd, buffer);
  } finally {
    fs.closeSync(fd);
  }
}
