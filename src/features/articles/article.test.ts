import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/i18n.js';
import { dateline } from './article.js';

const en = { code: 'en', is_default: 1, locale: 'en-GB', time_zone: 'Asia/Baku' };
const ru = { code: 'ru', is_default: 0, locale: 'ru', time_zone: 'Asia/Baku' };

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
