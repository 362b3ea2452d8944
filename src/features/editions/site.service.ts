import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { translator } from '../../i18n/i18n.js';
import { editionPrefix } from '../../web/addresses.js';
import type { SiteStructure } from '../../web/render-context.js';
import { listEditions, listSections } from './edition.repository.js';

/**
 * Editions and sections change rarely and are needed on every page, so they are read once and
 * kept until `invalidate()` (called by whatever changes them).
 */
export class SiteService {
  private structure: Promise<SiteStructure> | undefined;

  constructor(private readonly db: Kysely<Database>) {}

  get(): Promise<SiteStructure> {
    this.structure ??= this.load().catch((error: unknown) => {
      this.structure = undefined;
      throw error;
    });
    return this.structure;
  }

  invalidate(): void {
    this.structure = undefined;
  }

  private async load(): Promise<SiteStructure> {
    const [editions, sections] = await Promise.all([listEditions(this.db), listSections(this.db)]);
    if (editions.length === 0) throw new Error('The database has no edition; run `dateline seed` or create one.');
    const contexts = editions.map((edition) => ({
      edition,
      sections: sections.filter((s) => s.edition === edition.code),
      i18n: translator(edition.locale),
      prefix: editionPrefix(edition),
    }));
    const defaultEdition = contexts.find((c) => c.edition.is_default) ?? contexts[0]!;
    const map = new Map(contexts.map((c) => [c.edition.code, c]));
    return { editions: contexts, defaultEdition, byCode: (code) => map.get(code) };
  }
}
