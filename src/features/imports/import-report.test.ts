import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyTotals, formatReport, inMemory, ReportSpill, writeReportJson, type ImportReport, type OldAddress, type ReportItem } from './import-report.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
const scratch = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-report-test-'));
  dirs.push(dir);
  return dir;
};

function emptyReport(): ImportReport {
  return {
    format: 'wordpress',
    origin: 'https://old.example',
    edition: 'en',
    dryRun: false,
    startedAt: '2026-01-29T10:00:00.000Z',
    finishedAt: '2026-01-29T10:05:00.000Z',
    totals: emptyTotals(),
    items: [],
    images: { stored: 1, reused: 2, failed: 0, listed: [] },
    oldAddresses: [],
    fileError: null,
    ok: true,
  };
}

/** Enough entries to cross the spill's buffer several times, with text that needs escaping. */
function entries(n: number): { items: ReportItem[]; addresses: OldAddress[] } {
  const items: ReportItem[] = [];
  const addresses: OldAddress[] = [];
  for (let i = 0; i < n; i++) {
    items.push({ kind: 'article', key: `post-${i}`, title: `Harbour "report" ${i}\nsecond line ə`, outcome: i % 7 ? 'created' : 'failed', warnings: i % 5 ? [] : [`shortcode [gallery] removed in ${i}`], id: i + 1 });
    addresses.push({ from: `/?p=${i}`, path: `/?p=${i}`, to: i % 3 ? `/en/world/2026/01/29/post-${i}` : null, key: `post-${i}` });
  }
  return { items, addresses };
}

describe('ReportSpill', () => {
  it('gives back, as text and as JSON, exactly what the same report holds in memory', () => {
    const { items, addresses } = entries(3_000);
    const held = emptyReport();
    const sink = inMemory(held);
    const spilled = emptyReport();
    const spill = new ReportSpill(path.join(scratch(), 'spill'));
    for (const item of items) {
      sink.item(item);
      spill.item(item);
    }
    for (const address of addresses) {
      sink.oldAddress(address);
      spill.oldAddress(address);
    }
    expect(spilled.items).toHaveLength(0);
    expect(spill.oldAddressCount).toBe(3_000);
    expect(spill.published).toBe(2_000);

    expect(formatReport(spilled, spill)).toBe(formatReport(held));
    expect(formatReport(held)).toContain('old addresses: 3000 (2000 lead to a published article)');

    const file = path.join(scratch(), 'report.json');
    writeReportJson(file, spilled, spill);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(JSON.parse(JSON.stringify(held)));
    spill.dispose();
    expect(fs.existsSync(spill.dir)).toBe(false);
  });

  it('writes a report with no entries as valid JSON with empty lists', () => {
    const file = path.join(scratch(), 'empty.json');
    const spill = new ReportSpill(path.join(scratch(), 'spill'));
    writeReportJson(file, emptyReport(), spill);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ items: [], oldAddresses: [], ok: true });
    spill.dispose();
  });
});
