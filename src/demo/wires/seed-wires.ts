import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { WireFeeds } from '../../features/wires/feeds/wire-feeds.service.js';
import { DEMO_AGENCY_FEEDS, DEMO_AGENCY_PUBLICATIONS, demoWireFiles } from './demo-wires.js';
import { reportTimes } from './documents.js';
import type { DemoAgency } from './reports.js';

export interface WireSeedResult {
  /** Drop-folder feeds made (one per agency). */
  feeds: number;
  /** Files dropped into their folders and taken in. */
  files: number;
  /** Reports stored (an update or a kill is a new version, not a report). */
  reports: number;
  /** Stories told by more than one report. */
  groups: number;
  /** Problems the take-in met (none expected: the demo's documents are tested). */
  problems: string[];
}

/**
 * The demo agency: a drop-folder feed per agency (Reuters, AFP, TASS, Anadolu, each under its
 * publication), the agency's files written into its folder and taken in at once, exactly as files
 * delivered by FTP would be, each at the time it was sent, so that a newcomer's Wires page shows
 * a busy morning's queue with grouped stories. `publications` maps DEMO_PUBLICATIONS keys to their ids. A feed whose slug is taken
 * already is left alone with its folder.
 */
export async function seedDemoWires(
  db: Kysely<Database>,
  options: { dataDir: string; now: Date; publications: ReadonlyMap<string, number> },
): Promise<WireSeedResult> {
  // Each file is taken in at the time its newest report was sent, so the queue shows a morning's
  // arrivals in their order rather than everything at the moment of seeding.
  let at = options.now;
  const feeds = new WireFeeds(db, { clock: () => at, dataDir: options.dataDir });
  const taken = new Set((await feeds.list()).map((f) => f.slug));
  const result: WireSeedResult = { feeds: 0, files: 0, reports: 0, groups: 0, problems: [] };
  const made = new Map<DemoAgency, number>();
  for (const agency of Object.keys(DEMO_AGENCY_FEEDS) as DemoAgency[]) {
    const feed = DEMO_AGENCY_FEEDS[agency];
    const publicationId = options.publications.get(DEMO_AGENCY_PUBLICATIONS[agency]);
    if (taken.has(feed.slug) || publicationId === undefined) continue;
    made.set(agency, await feeds.create({ name: feed.name, slug: feed.slug, publicationId, transport: 'folder', format: 'auto', language: feed.language }));
    result.feeds++;
  }
  const files = demoWireFiles(options.now)
    .filter((file) => made.has(file.agency))
    .map((file) => ({ file, arrives: Math.max(...file.reports.map((r) => reportTimes(r, options.now).sent.getTime())) }))
    // Stable: files sent in the same minute keep their order (an update after its first version).
    .sort((a, b) => a.arrives - b.arrives);
  const itemIds: number[] = [];
  for (const { file, arrives } of files) {
    const feed = DEMO_AGENCY_FEEDS[file.agency];
    at = new Date(arrives);
    const written = path.join(feeds.folderOf(feed), file.name);
    await fs.writeFile(written, file.content, 'utf8');
    // A file's mtime can be up to a millisecond ahead of Date.now() (it keeps the fraction that
    // Date.now() drops), and the folder takes a file only once its mtime has passed: date it a
    // second back, or it may wait for the next poll.
    const settled = new Date(Date.now() - 1_000);
    await fs.utimes(written, settled, settled);
    result.files++;
    for (const takeIn of await feeds.takeInWrittenFiles(made.get(file.agency)!)) {
      result.reports += takeIn.created;
      itemIds.push(...takeIn.itemIds);
      if (takeIn.error) result.problems.push(`${feed.name}, ${file.name}: ${takeIn.error}`);
      result.problems.push(...takeIn.problems.map((p) => `${feed.name}, ${file.name}, ${p.where}: ${p.message}`));
    }
  }
  at = options.now;
  if (itemIds.length > 0) {
    const groups = await db
      .selectFrom('wire_items')
      .select('group_id')
      .where('id', 'in', itemIds)
      .where('group_id', 'is not', null)
      .groupBy('group_id')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    result.groups = groups.length;
  }
  return result;
}
