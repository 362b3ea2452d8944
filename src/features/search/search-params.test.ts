import { describe, expect, it } from 'vitest';
import { isDay, nextDay, startOfDay } from '../../lib/dates.js';
import { isBareSearchForm, parseSearchParams, searchHref } from './search-params.js';

describe('parseSearchParams', () => {
  it('reads a full search', () => {
    expect(parseSearchParams({ q: ' pier ', section: 'world', tag: 'port-velmar', author: 'ada-quill', from: '2026-01-01', to: '2026-03-31', page: '2' })).toEqual({
      params: { q: 'pier', section: 'world', tag: 'port-velmar', author: 'ada-quill', from: '2026-01-01', to: '2026-03-31', page: 2 },
      errors: [],
    });
  });

  it('treats empty fields (as a form sends them) as absent', () => {
    expect(parseSearchParams({ q: '', section: '', from: '', to: '', page: '' })).toEqual({ params: { q: '', page: 1 }, errors: [] });
  });

  it('refuses a query over 200 characters, keeping its start for the form', () => {
    const { params, errors } = parseSearchParams({ q: 'ə'.repeat(10_000) });
    expect(errors).toEqual([{ key: 'search.error.tooLong', vars: { max: 200 } }]);
    expect([...params.q]).toHaveLength(200);
    expect(parseSearchParams({ q: 'x'.repeat(200) }).errors).toEqual([]);
  });

  it.each([
    [{ page: 'abc' }, 'search.error.page'],
    [{ page: '0' }, 'search.error.page'],
    [{ page: '-1' }, 'search.error.page'],
    [{ page: ['1', '2'] }, 'search.error.page'],
    [{ from: '2026-02-30' }, 'search.error.date'],
    [{ to: '26-01-01' }, 'search.error.date'],
    [{ to: 'yesterday' }, 'search.error.date'],
    [{ from: '2026-03-01', to: '2026-02-01' }, 'search.error.dateOrder'],
    [{ section: 'World News' }, 'search.error.section'],
    [{ tag: '<b>' }, 'search.error.tag'],
    [{ author: '../x' }, 'search.error.author'],
    [{ q: ['a', 'b'] }, 'search.error.repeated'],
  ])('reports %j as %s', (query, key) => {
    expect(parseSearchParams(query).errors.map((e) => e.key)).toContain(key);
  });
});

describe('dates', () => {
  it('knows real days', () => {
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2023-02-29')).toBe(false);
    expect(isDay('2026-13-01')).toBe(false);
    expect(isDay('0999-01-01')).toBe(false);
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });

  it('starts a day at midnight in the edition’s time zone', () => {
    expect(startOfDay('2026-03-10', 'UTC')).toBe(Date.UTC(2026, 2, 10) / 1000);
    expect(startOfDay('2026-03-10', 'Asia/Baku')).toBe(Date.UTC(2026, 2, 9, 20) / 1000);
    expect(startOfDay('2026-03-07', 'America/New_York')).toBe(Date.UTC(2026, 2, 7, 5) / 1000);
    // The day the clocks go forward in New York (at 02:00 on 8 March 2026), and the day after.
    expect(startOfDay('2026-03-08', 'America/New_York')).toBe(Date.UTC(2026, 2, 8, 5) / 1000);
    expect(startOfDay('2026-03-09', 'America/New_York')).toBe(Date.UTC(2026, 2, 9, 4) / 1000);
  });
});

describe('searchHref', () => {
  it('builds the address of a page of results, leaving out what is empty', () => {
    expect(searchHref('/ru/search', { q: 'пирс "x"', section: 'world', page: 3 })).toBe('/ru/search?q=%D0%BF%D0%B8%D1%80%D1%81+%22x%22&section=world&page=3');
    expect(searchHref('/search', { q: 'pier', page: 1, tag: undefined })).toBe('/search?q=pier');
    expect(searchHref('/search', {})).toBe('/search');
  });
});

describe('indexing of search pages', () => {
  const read = (query: Record<string, string>) => {
    const { params, errors } = parseSearchParams(query);
    return isBareSearchForm(params, errors);
  };
  it('lets the bare form be indexed, and nothing else', () => {
    expect(read({})).toBe(true);
    expect(read({ q: '   ' })).toBe(true);
    expect(read({ q: 'harbour' })).toBe(false);
    expect(read({ section: 'world' })).toBe(false);
    expect(read({ tag: 'topic/ports' })).toBe(false);
    expect(read({ author: 'ada-quill' })).toBe(false);
    expect(read({ from: '2026-03-01' })).toBe(false);
    expect(read({ to: '2026-03-01' })).toBe(false);
    expect(read({ page: '2' })).toBe(false);
    expect(read({ from: 'yesterday' })).toBe(false);
  });
});
