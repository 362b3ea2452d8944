import type { EntityType } from '../../db/schema.js';
import { FieldErrors } from '../../lib/errors.js';
import { isSlug, slugify } from '../../lib/slug.js';

export const ENTITY_LIMITS = { name: 100, aliases: 2_000, alias: 100, description: 500, role: 150, tags: 2_000 } as const;

export const ENTITY_TYPE_LABELS: Readonly<Record<EntityType, string>> = { person: 'Person', place: 'Place', organisation: 'Organisation' };

/** schema.org's type for each: note the American spelling of Organization. */
export const SCHEMA_TYPES: Readonly<Record<EntityType, string>> = { person: 'Person', place: 'Place', organisation: 'Organization' };

export interface EntityValues {
  type: string;
  name: string;
  slug: string;
  aliases: string;
  description: string;
  role: string;
  wikidata: string;
  photo: string;
  /** The tags it links, one per line as "edition/slug" (e.g. "ru/kir-starmer"). */
  tags: string;
}

export interface CheckedEntity {
  type: EntityType;
  name: string;
  slug: string;
  aliases: string[];
  description: string;
  role: string;
  wikidata: string | null;
  photoMediaId: number | null;
  tags: { edition: string; slug: string }[];
}

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/\s+/g, ' '))
    .filter(Boolean);

/** Aliases without repeats (case-insensitive), the name itself left out. */
export function parseAliases(text: string, name = ''): string[] {
  const seen = new Set([name.toLocaleLowerCase()]);
  const out: string[] = [];
  for (const alias of lines(text)) {
    const key = alias.toLocaleLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(alias);
  }
  return out;
}

/** "Q42", "q42" or a whole Wikidata address: the id in its canonical form, or undefined. */
export function wikidataId(text: string): string | undefined {
  const m = /^(?:https?:\/\/(?:www\.)?wikidata\.org\/(?:wiki|entity)\/)?([Qq][1-9]\d{0,11})$/.exec(text.trim());
  return m ? `Q${m[1]!.slice(1)}` : undefined;
}

/** Checks what the form or the API sent; throws FieldErrors naming each field that is wrong. */
export function checkEntity(v: EntityValues, editions: readonly string[]): CheckedEntity {
  const errors: Record<string, string> = {};
  const type = (['person', 'place', 'organisation'] as const).find((t) => t === v.type);
  if (!type) errors.type = 'Choose whether it is a person, a place or an organisation.';
  const name = v.name.trim().replace(/\s+/g, ' ');
  if (!name) errors.name = 'An entity needs a name.';
  else if (name.length > ENTITY_LIMITS.name) errors.name = `The name can have at most ${ENTITY_LIMITS.name} characters.`;
  else if (!slugify(name)) errors.name = 'The name needs at least one letter or digit.';
  const typed = v.slug.trim().toLowerCase();
  const slug = typed || slugify(name);
  if (typed && !isSlug(typed)) errors.slug = `"${typed}" is not a valid slug: use lower-case letters a–z, digits and single hyphens, e.g. "mira-dalton".`;
  const aliases = parseAliases(v.aliases, name);
  if (v.aliases.length > ENTITY_LIMITS.aliases) errors.aliases = `The aliases can have at most ${ENTITY_LIMITS.aliases} characters together.`;
  else if (aliases.some((a) => a.length > ENTITY_LIMITS.alias)) errors.aliases = `Each alias can have at most ${ENTITY_LIMITS.alias} characters.`;
  const description = v.description.trim();
  if (description.length > ENTITY_LIMITS.description) errors.description = `The description can have at most ${ENTITY_LIMITS.description} characters.`;
  const role = v.role.trim().replace(/\s+/g, ' ');
  if (role.length > ENTITY_LIMITS.role) errors.role = `The role can have at most ${ENTITY_LIMITS.role} characters.`;
  let wikidata: string | null = null;
  if (v.wikidata.trim()) {
    const id = wikidataId(v.wikidata);
    if (id) wikidata = id;
    else errors.wikidata = `"${v.wikidata.trim()}" is not a Wikidata id: type it as Q followed by digits, e.g. "Q42", or paste its wikidata.org address.`;
  }
  let photoMediaId: number | null = null;
  if (v.photo.trim()) {
    if (/^[1-9]\d{0,9}$/.test(v.photo.trim())) photoMediaId = Number(v.photo.trim());
    else errors.photo = 'The photo is the number of an image in the media library (shown on its page), or empty.';
  }
  const tags: { edition: string; slug: string }[] = [];
  if (v.tags.length > ENTITY_LIMITS.tags) errors.tags = `The tags can have at most ${ENTITY_LIMITS.tags} characters together.`;
  else {
    for (const line of lines(v.tags)) {
      const m = /^([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\s*[/:]\s*(\S+)$/.exec(line);
      if (!m || !editions.includes(m[1]!) || !isSlug(m[2]!)) {
        errors.tags = `“${line}” is not a tag: write each as edition/slug, one per line, e.g. “${editions[0] ?? 'en'}/mira-dalton”, with an edition of this site (${editions.join(', ')}).`;
        break;
      }
      if (tags.some((t) => t.edition === m[1])) {
        errors.tags = `Two tags of the ${m[1]} edition: an entity links one tag per edition.`;
        break;
      }
      tags.push({ edition: m[1]!, slug: m[2]! });
    }
  }
  if (Object.keys(errors).length) throw new FieldErrors(errors);
  return { type: type!, name, slug, aliases, description, role, wikidata, photoMediaId, tags };
}

export const wikidataUrl = (id: string) => `https://www.wikidata.org/wiki/${id}`;

/**
 * The JSON-LD of a tag page that names an entity: Person / Place / Organization, with sameAs
 * (the Wikidata address and the entity's pages in the other editions).
 */
export function entityJsonLd(p: {
  type: EntityType;
  name: string;
  url: string;
  description: string;
  role: string;
  aliases: readonly string[];
  wikidata: string | null;
  image?: string | undefined;
  otherPages: readonly string[];
}): Record<string, unknown> {
  const sameAs = [...(p.wikidata ? [wikidataUrl(p.wikidata)] : []), ...p.otherPages];
  return {
    '@context': 'https://schema.org',
    '@type': SCHEMA_TYPES[p.type],
    name: p.name,
    url: p.url,
    ...(p.description ? { description: p.description } : {}),
    ...(p.aliases.length ? { alternateName: [...p.aliases] } : {}),
    ...(p.role && p.type === 'person' ? { jobTitle: p.role } : {}),
    ...(p.image ? { image: p.image } : {}),
    ...(sameAs.length ? { sameAs } : {}),
  };
}
