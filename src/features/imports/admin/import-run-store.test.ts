import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportRunStore, newRunId, type ImportRun, type RunStatus } from './import-run-store.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-runs-test-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function run(minute: number, status: RunStatus): ImportRun {
  return {
    id: newRunId(new Date(Date.UTC(2026, 0, 29, 10, minute))),
    format: 'wordpress',
    fileName: 'export.xml',
    bytes: 10,
    edition: 'en',
    sectionMap: {},
    dryRun: false,
    status,
    progress: { bytesRead: 0, bytesTotal: 0, items: 0 },
    createdAt: new Date(Date.UTC(2026, 0, 29, 10, minute)).toISOString(),
    by: { id: 1, name: 'Admin' },
  };
}

describe('ImportRunStore.prune', () => {
  it('removes finished runs beyond the newest ones kept, and never a run still going', async () => {
    const store = new ImportRunStore(dataDir);
    const runs = [run(1, 'running'), run(2, 'done'), run(3, 'failed'), run(4, 'done'), run(5, 'done')];
    for (const r of runs) await store.create(r);
    expect(await store.prune(2)).toBe(2);
    const left = (await store.list()).map((r) => r.id);
    expect(left).toEqual([runs[4]!.id, runs[3]!.id, runs[0]!.id]);
  });
});
