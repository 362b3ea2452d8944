/**
 * What an import did (or, in a dry run, would do): one entry per record with its outcome and
 * warnings, totals, the images, and every old address with its new one. The CLI prints it
 * (`formatReport`) and writes it as JSON (`--report FILE.json`); the newsroom's job keeps it.
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

/** The report as text for a person: totals first, then what needs attention, then every old address. */
export function formatReport(report: ImportReport): string {
  const lines: string[] = [];
  const word = (o: Outcome) => WORDS[o][report.dryRun ? 1 : 0];
  lines.push(`${report.dryRun ? 'Dry run, nothing written: ' : ''}import from ${report.format} (origin ${report.origin}) into edition ${report.edition}, ${report.startedAt} to ${report.finishedAt}`);
  lines.push('');
  for (const kind of KINDS) {
    const t = report.totals[kind];
    const parts = OUTCOMES.filter((o) => t[o] > 0).map((o) => `${t[o]} ${word(o)}`);
    if (parts.length) lines.push(`  ${PLURALS[kind]}: ${parts.join(', ')}`);
  }
  const img = report.images;
  if (report.dryRun) lines.push(`  images: ${img.listed.length} to fetch or read`);
  else if (img.stored + img.reused + img.failed) lines.push(`  images: ${img.stored} stored, ${img.reused} already stored, ${img.failed} could not be stored`);
  lines.push(`  old addresses: ${report.oldAddresses.length} (${report.oldAddresses.filter((a) => a.to).length} lead to a published article)`);
  const attention = report.items.filter((i) => i.outcome === 'failed' || i.outcome === 'skipped' || i.warnings.length);
  if (attention.length) {
    lines.push('', 'Per item:');
    for (const item of attention) {
      lines.push(`  [${word(item.outcome)}] ${item.kind} ${item.key} "${item.title}"${item.reason ? `: ${item.reason}` : ''}`);
      for (const warning of item.warnings) lines.push(`      warning: ${warning}`);
    }
  }
  if (report.dryRun && img.listed.length) {
    lines.push('', 'Images:');
    for (const url of img.listed) lines.push(`  ${url}`);
  }
  if (report.oldAddresses.length) {
    lines.push('', 'Old address -> new address:');
    for (const a of report.oldAddresses) lines.push(`  ${a.path} -> ${a.to ?? '(not published: answers once the article is)'}`);
  }
  if (report.fileError) lines.push('', `The file could not be read to its end: ${report.fileError}`, 'Everything before that point was imported; fix the file and run the same command again to import the rest.');
  lines.push('');
  return lines.join('\n');
}
