import { isSlug, slugify } from '../../lib/slug.js';
import { RESERVED_TOP_SEGMENTS } from '../../web/addresses.js';

export const SECTION_LIMITS = { name: 80, description: 500, position: 9_999 } as const;

export interface SectionValues {
  edition: string;
  name: string;
  slug: string;
  description: string;
  position: string;
}

export interface SectionFields {
  edition: string;
  name: string;
  slug: string;
  description: string;
  /** Undefined: after the edition's last section. */
  position: number | undefined;
}

/**
 * Checks a section form without the database, except for what is passed in: the edition codes
 * (a section slug equal to one would turn "/ru" into a section page). Returns the fields
 * cleaned up, or the errors by field.
 */
export function checkSection(values: SectionValues, editionCodes: readonly string[]): { fields: SectionFields } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const name = values.name.trim().replace(/\s+/g, ' ');
  const description = values.description.trim();
  const typedSlug = values.slug.trim().toLowerCase();
  const slug = typedSlug || slugify(name);
  if (!editionCodes.includes(values.edition)) errors.edition = 'Choose an edition.';
  if (!name) errors.name = 'A section needs a name.';
  else if (name.length > SECTION_LIMITS.name) errors.name = `The name can have at most ${SECTION_LIMITS.name} characters.`;
  if (!slug) {
    if (name) errors.slug = 'The name has no letters or digits to make a slug from; type one, e.g. "world".';
  } else if (!isSlug(slug)) {
    errors.slug = `"${typedSlug}" is not a valid slug: use lower-case letters a–z, digits and single hyphens, e.g. "world-news".`;
  } else if (RESERVED_TOP_SEGMENTS.includes(slug) || editionCodes.includes(slug)) {
    errors.slug = `"${slug}" is reserved: the site already uses /${slug} for ${editionCodes.includes(slug) ? 'an edition' : 'its own pages'}. Choose another slug.`;
  }
  if (description.length > SECTION_LIMITS.description) errors.description = `The description can have at most ${SECTION_LIMITS.description} characters.`;
  let position: number | undefined;
  const rawPosition = values.position.trim();
  if (rawPosition !== '') {
    position = /^\d{1,4}$/.test(rawPosition) ? Number(rawPosition) : undefined;
    if (position === undefined) errors.position = `The position is a whole number from 0 to ${SECTION_LIMITS.position}; lower numbers come first.`;
  }
  if (Object.keys(errors).length) return { errors };
  return { fields: { edition: values.edition, name, slug, description, position } };
}
