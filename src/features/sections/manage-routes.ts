/**
 * Helpers the site-structure services and views share (sections, tags, publications, authors).
 * The form pages' helpers are in web/newsroom/ (form-page.ts, manage-pages.ts).
 */

export const count = (row: { n: number | string | bigint } | undefined): number => Number(row?.n ?? 0);

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
