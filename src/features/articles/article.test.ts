import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/i18n.js';
import { articlePath, dateline, editionPrefix } from './article.js';

const en = { code: 'en', is_default: 1, locale: 'en-GB', time_zone: 'Asia/Baku' };
const ru = { code: 'ru', is_default: 0, locale: 'ru', time_zone: 'Asia/Baku' };

describe('article paths', () => {
  it('puts the default edition at the root and others under their code', () => {
    expect(editionPrefix(en)).toBe('');
    expect(editionPrefix(ru)).toBe('/ru');
  });
  it('dates the URL by the edition’s calendar day', () => {
    // 22:30 UTC on 28 January is already 29 January in Baku (UTC+4).
    expect(articlePath(en, 'world', '2026-01-28T22:30:00.000Z', 'uk-and-china-sign-smuggling-pact')).toBe(
      '/world/2026/01/29/uk-and-china-sign-smuggling-pact',
    );
    expect(articlePath(ru, 'world', '2026-01-28T10:00:00.000Z', 'a')).toBe('/ru/world/2026/01/28/a');
  });
});

describe('dateline', () => {
  const i18n = translator('en');
  it('shows publication time with offset, and the place upper-cased', () => {
    const d = dateline({ publishedAt: '2026-01-29T10:05:00.000Z', updatedAt: null, place: 'Port Velmar' }, en, i18n);
    expect(d.place).toBe('PORT VELMAR');
    expect(d.published).toEqual({ iso: '2026-01-29T14:05:00+04:00', text: 'Published 29 January 2026 at 14:05' });
    expect(d.updated).toBeNull();
  });
  it('shows "Updated" only after a later substantive update', () => {
    const updated = dateline({ publishedAt: '2026-01-29T10:05:00Z', updatedAt: '2026-01-29T16:00:00Z', place: null }, en, i18n);
    expect(updated.updated).toEqual({ iso: '2026-01-29T20:00:00+04:00', text: 'Updated 29 January 2026 at 20:00' });
    expect(updated.place).toBeNull();
    const same = dateline({ publishedAt: '2026-01-29T10:05:00Z', updatedAt: '2026-01-29T10:05:00Z', place: '  ' }, en, i18n);
    expect(same.updated).toBeNull();
    expect(same.place).toBeNull();
  });
  it('speaks the edition’s language', () => {
    const d = dateline({ publishedAt: '2026-01-29T10:05:00Z', updatedAt: null, place: 'Порт-Велмар' }, ru, translator('ru'));
    expect(d.published.text).toBe('Опубликовано 29 января 2026 г. в 14:05');
    expect(d.place).toBe('ПОРТ-ВЕЛМАР');
  });
});
