/**
 * Helpers the site-structure services and views share (sections, tags, publications, authors).
 * The form pages' helpers are in web/newsroom/ (form-page.ts, manage-pages.ts).
 */

/**
 * A unique constraint that fired although the slug was checked first: someone else saved the same
 * slug in between. Both drivers are recognised so that this is a 400 with a message, not a 500.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export const count = (row: { n: number | string | bigint } | undefined): number => Number(row?.n ?? 0);

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
