/** A `count(*) as n` row as a number: drivers return it as a number, a string or a bigint. */
export const count = (row: { n: number | string | bigint } | undefined): number => Number(row?.n ?? 0);

/** "1 article", "3 articles": English only, for the newsroom's own messages. */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
