import type { Kysely } from 'kysely';
import type { Database, Edition } from '../../db/schema.js';
import { AppError, FieldErrors } from '../../lib/errors.js';
import { mediaPath } from '../../web/addresses.js';
import { renditionWidths } from '../../web/partials.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { Actor } from '../users/policy.js';
import { findEdition, listEditions } from '../editions/edition.repository.js';

type Db = Kysely<Database>;

/**
 * Site-wide settings live as text in the `settings` table; editions have a table of their own.
 * Everything here reads with a default, so a fresh database needs no rows, and every write runs
 * in one transaction with its audit entry. Callers clear the site cache afterwards (readers must
 * see a change at once).
 */
export const SETTING_KEYS = {
  feedsFullContent: 'feeds.full_content',
  logoMediaId: 'site.logo_media_id',
} as const;

export interface SiteSettings {
  /** Feeds carry whole articles (true, the default) or summaries only. */
  feedsFullContent: boolean;
  /** The image that stands for the site in JSON-LD and feeds; null: the built-in SVG logo. */
  logoMediaId: number | null;
}

const DEFAULTS: SiteSettings = { feedsFullContent: true, logoMediaId: null };

export async function getSetting(db: Db, key: string): Promise<string | undefined> {
  return (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

// Same reading as the feeds' own parser: only an explicit "false" turns full text off.
const parseBoolean = (value: string | undefined, fallback: boolean) => (value === undefined ? fallback : value.trim().toLowerCase() !== 'false');
const parseId = (value: string | undefined): number | null => (value && /^\d{1,9}$/.test(value.trim()) && Number(value) > 0 ? Number(value) : null);

export async function readSettings(db: Db): Promise<SiteSettings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', Object.values(SETTING_KEYS)).execute();
  const map = new Map(rows.map((r) => [r.key, r.value]));
  return {
    feedsFullContent: parseBoolean(map.get(SETTING_KEYS.feedsFullContent), DEFAULTS.feedsFullContent),
    logoMediaId: parseId(map.get(SETTING_KEYS.logoMediaId)) ?? DEFAULTS.logoMediaId,
  };
}

async function putSetting(db: Db, key: string, value: string | null): Promise<void> {
  if (value === null) {
    await db.deleteFrom('settings').where('key', '=', key).execute();
    return;
  }
  await db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

export interface SiteLogo {
  /** Site-relative path of a JPEG rendition (feed readers and search engines take JPEG). */
  path: string;
  width: number;
  height: number;
  alt: string;
}

/**
 * The logo chosen in the settings as a JPEG rendition, or undefined when none is chosen or its
 * media item is gone (callers then use the SVG asset). The smallest rendition: a logo is shown
 * small, and it is still at least 480 pixels wide unless the original was smaller.
 */
export async function siteLogo(db: Db): Promise<SiteLogo | undefined> {
  const id = parseId(await getSetting(db, SETTING_KEYS.logoMediaId));
  if (id === null) return undefined;
  const media = await db.selectFrom('media').select(['storage_key', 'rendition_widths', 'width', 'height', 'alt']).where('id', '=', id).executeTakeFirst();
  if (!media) return undefined;
  const width = renditionWidths(media)[0] ?? media.width;
  return { path: mediaPath(media.storage_key, width, 'jpg'), width, height: Math.round((media.height / media.width) * width), alt: media.alt };
}

/** Media items to offer as the logo, newest first (a long library is cut; the current choice is always kept). */
export async function logoChoices(db: Db, current: number | null, limit = 200): Promise<{ id: number; label: string }[]> {
  const rows = await db.selectFrom('media').select(['id', 'alt', 'caption', 'width', 'height']).orderBy('id', 'desc').limit(limit).execute();
  if (current !== null && !rows.some((r) => r.id === current)) {
    const row = await db.selectFrom('media').select(['id', 'alt', 'caption', 'width', 'height']).where('id', '=', current).executeTakeFirst();
    if (row) rows.unshift(row);
  }
  return rows.map((r) => ({ id: r.id, label: `${r.id}: ${(r.alt || r.caption || 'no description').slice(0, 80)} (${r.width}×${r.height})` }));
}

// ---- validation ----

export const SITE_NAME_MAX = 80;
export const EDITION_NAME_MAX = 40;
export const POSITION_MAX = 999;
/** A line or two under every page: longer, and it is no longer a footer note. */
export const FOOTER_NOTE_MAX = 300;
/** The sign-off under every article of an edition; "" means the default "© {year} {site}. All rights reserved." in its language. */
export const SIGN_OFF_MAX = 300;

/**
 * First path segments that belong to the site itself, so an edition at "/<code>" would hide
 * them: the newsroom, the API, static files, search, previews, sitemaps and the reader's folders.
 */
export const RESERVED_CODES: readonly string[] = ['newsroom', 'api', 'assets', 'media', 'search', 'preview', 'sitemaps', 'authors', 'people', 'places', 'organisations', 'topics'];

/** The canonical form of a BCP 47 tag ("EN-gb" → "en-GB"), or null when it is not one. */
export function canonicalLocale(value: string): string | null {
  const tag = value.trim();
  if (!tag || tag.length > 35) return null;
  try {
    const [canonical, ...more] = Intl.getCanonicalLocales(tag);
    return canonical && more.length === 0 ? canonical : null;
  } catch {
    return null;
  }
}

/** The IANA name as the runtime spells it ("europe/london" → "Europe/London"), or null when unknown. */
export function canonicalTimeZone(value: string): string | null {
  const zone = value.trim();
  if (!zone || zone.length > 64) return null;
  try {
    return new Intl.DateTimeFormat(undefined, { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** The zones to suggest in the form; UTC first, since some runtimes leave it out of the list. */
export function timeZoneSuggestions(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...zones.filter((z) => z !== 'UTC')];
}

export interface EditionForm {
  name: string;
  siteName: string;
  locale: string;
  timeZone: string;
  position: string;
  /** Absent: the form had no such field (as before there was one), and "" is saved. */
  footerNote?: string;
  /** The same for the sign-off under articles. */
  signOff?: string;
}

export interface NewEditionForm extends EditionForm {
  code: string;
}

type CleanEdition = Pick<Edition, 'name' | 'site_name' | 'locale' | 'time_zone' | 'position' | 'footer_note' | 'sign_off'>;

/** Field names of the errors are the form's: name, site_name, locale, time_zone, position, footer_note, code. */
function checkEdition(input: EditionForm, errors: Record<string, string>): CleanEdition {
  const name = input.name.trim();
  const siteName = input.siteName.trim();
  if (!siteName) errors.site_name = 'Give the site name readers see in this edition.';
  else if (siteName.length > SITE_NAME_MAX) errors.site_name = `The site name may have at most ${SITE_NAME_MAX} characters (this one has ${siteName.length}).`;
  if (!name) errors.name = 'Give the edition a name, such as “English”.';
  else if (name.length > EDITION_NAME_MAX) errors.name = `The edition name may have at most ${EDITION_NAME_MAX} characters.`;
  const locale = canonicalLocale(input.locale);
  if (!locale) errors.locale = `“${input.locale.trim()}” is not a language tag. Use a BCP 47 tag such as en, en-GB or az-Latn-AZ.`;
  const timeZone = canonicalTimeZone(input.timeZone);
  if (!timeZone) errors.time_zone = `“${input.timeZone.trim()}” is not a time zone. Use an IANA name such as Europe/London or Asia/Baku.`;
  const position = input.position.trim() === '' ? 0 : /^\d{1,3}$/.test(input.position.trim()) ? Number(input.position.trim()) : NaN;
  if (Number.isNaN(position) || position > POSITION_MAX) errors.position = `The position is a whole number from 0 to ${POSITION_MAX}.`;
  // One line in the page's footer: line breaks and runs of spaces would not show.
  const footerNote = (input.footerNote ?? '').replace(/\s+/g, ' ').trim();
  if (footerNote.length > FOOTER_NOTE_MAX) errors.footer_note = `The footer note may have at most ${FOOTER_NOTE_MAX} characters (this one has ${footerNote.length}).`;
  const signOff = (input.signOff ?? '').replace(/\s+/g, ' ').trim();
  if (signOff.length > SIGN_OFF_MAX) errors.sign_off = `The sign-off may have at most ${SIGN_OFF_MAX} characters (this one has ${signOff.length}).`;
  return { name, site_name: siteName, locale: locale ?? '', time_zone: timeZone ?? '', position: Number.isNaN(position) ? 0 : position, footer_note: footerNote, sign_off: signOff };
}

const LABELS: Record<keyof CleanEdition, string> = { name: 'edition name', site_name: 'site name', locale: 'locale', time_zone: 'time zone', position: 'position', footer_note: 'footer note', sign_off: 'sign-off' };

const describeChanges = (before: CleanEdition, after: CleanEdition): string[] =>
  (Object.keys(LABELS) as (keyof CleanEdition)[]).filter((k) => before[k] !== after[k]).map((k) => `${LABELS[k]} “${before[k]}” → “${after[k]}”`);

/** Every edition, in menu order (position, then code): the settings page lists them all. */
export function editionsInOrder(db: Db): Promise<Edition[]> {
  return listEditions(db);
}

/** The edition with this code, if the code is one an edition could have (lower-case letters a–z, at most 16). */
export async function findEditionByCode(db: Db, code: string): Promise<Edition | undefined> {
  return /^[a-z]{1,16}$/.test(code) ? findEdition(db, code) : undefined;
}

/** Saves an edition's settings; returns what changed (empty when nothing did). Throws FieldErrors. */
export async function updateEdition(db: Db, actor: Actor, code: string, input: EditionForm, now = new Date()): Promise<string[]> {
  const errors: Record<string, string> = {};
  const clean = checkEdition(input, errors);
  if (Object.keys(errors).length) throw new FieldErrors(errors);
  return db.transaction().execute(async (trx) => {
    const before = await findEdition(trx, code);
    if (!before) throw new AppError(404, 'not_found', 'There is no edition with this code.');
    const changes = describeChanges(before, clean);
    if (!changes.length) return [];
    await trx.updateTable('editions').set(clean).where('code', '=', code).execute();
    await recordAudit(trx, actor, 'settings.change', `edition ${code}`, changes.join('; '), now);
    return changes;
  });
}

/** Throws FieldErrors when the code cannot be a new edition's. */
async function checkNewCode(db: Db, raw: string, errors: Record<string, string>): Promise<string> {
  const code = raw.trim();
  if (!/^[a-z]{2,8}$/.test(code)) {
    errors.code = 'The code is 2 to 8 lower-case letters a–z, such as “az” or “de”.';
    return code;
  }
  if (RESERVED_CODES.includes(code)) {
    errors.code = `“${code}” is taken by the site itself (/${code}); choose another code.`;
    return code;
  }
  if (await findEdition(db, code)) {
    errors.code = `There is already an edition with the code “${code}”.`;
    return code;
  }
  // The default edition's sections live at "/<slug>": an edition "/<code>" would hide one.
  const clash = await db
    .selectFrom('sections')
    .innerJoin('editions', 'editions.code', 'sections.edition')
    .select('sections.name')
    .where('editions.is_default', '=', 1)
    .where('sections.slug', '=', code)
    .executeTakeFirst();
  if (clash) errors.code = `“/${code}” is the address of the section “${clash.name}”; choose another code.`;
  return code;
}

export async function addEdition(db: Db, actor: Actor, input: NewEditionForm, now = new Date()): Promise<string> {
  const errors: Record<string, string> = {};
  const clean = checkEdition(input, errors);
  const code = await checkNewCode(db, input.code, errors);
  if (Object.keys(errors).length) throw new FieldErrors(errors);
  await db.transaction().execute(async (trx) => {
    // Checked again inside: two admins adding the same code at once get a message, not a 500.
    if (await findEdition(trx, code)) throw new FieldErrors({ code: `There is already an edition with the code “${code}”.` });
    await trx.insertInto('editions').values({ code, ...clean, is_default: 0 }).execute();
    await recordAudit(trx, actor, 'settings.change', `edition ${code}`, `added edition “${clean.name}” (${clean.locale}, ${clean.time_zone}, site name “${clean.site_name}”)`, now);
  });
  return code;
}

export interface SiteForm {
  defaultEdition: string;
  feedsFullContent: boolean;
  /** "" for none. */
  logoMediaId: string;
}

/**
 * Saves the site-wide settings (default edition, feed content, logo) in one transaction with one
 * audit entry; returns what changed. Throws FieldErrors (default_edition, logo_media_id).
 */
export async function updateSiteSettings(db: Db, actor: Actor, input: SiteForm, now = new Date()): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const errors: Record<string, string> = {};
    const editions = await trx.selectFrom('editions').selectAll().execute();
    const target = editions.find((e) => e.code === input.defaultEdition.trim());
    if (!target) errors.default_edition = 'Choose one of the editions.';
    let logo: number | null = null;
    if (input.logoMediaId.trim() !== '') {
      logo = parseId(input.logoMediaId);
      if (logo === null || !(await trx.selectFrom('media').select('id').where('id', '=', logo).executeTakeFirst())) {
        errors.logo_media_id = 'Choose an image from the media library, or none.';
      }
    }
    if (target && !target.is_default) {
      // Its sections move to "/<slug>": none may take the address of another edition.
      const others = new Set(editions.filter((e) => e.code !== target.code).map((e) => e.code));
      const clash = (await trx.selectFrom('sections').select(['slug', 'name']).where('edition', '=', target.code).execute()).find((s) => others.has(s.slug));
      if (clash) errors.default_edition = `The section “${clash.name}” of this edition would take the address /${clash.slug} of another edition; rename it first.`;
    }
    if (Object.keys(errors).length || !target) throw new FieldErrors(errors);

    const before = await readSettings(trx);
    const changes: string[] = [];
    const current = editions.find((e) => e.is_default);
    if (current?.code !== target.code) {
      await trx.updateTable('editions').set({ is_default: 0 }).where('code', '<>', target.code).execute();
      await trx.updateTable('editions').set({ is_default: 1 }).where('code', '=', target.code).execute();
      changes.push(`default edition ${current?.code ?? 'none'} → ${target.code}`);
    }
    if (before.feedsFullContent !== input.feedsFullContent) {
      await putSetting(trx, SETTING_KEYS.feedsFullContent, input.feedsFullContent ? 'true' : 'false');
      changes.push(`feeds carry ${input.feedsFullContent ? 'full text' : 'summaries only'}`);
    }
    if (before.logoMediaId !== logo) {
      await putSetting(trx, SETTING_KEYS.logoMediaId, logo === null ? null : String(logo));
      changes.push(`logo ${before.logoMediaId === null ? 'built-in' : `media ${before.logoMediaId}`} → ${logo === null ? 'built-in' : `media ${logo}`}`);
    }
    if (changes.length) await recordAudit(trx, actor, 'settings.change', 'site', changes.join('; '), now);
    return changes;
  });
}
