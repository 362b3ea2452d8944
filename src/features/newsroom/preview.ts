import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { html } from '../../lib/html.js';
import { notFound } from '../../lib/errors.js';
import { findArticleDetail, listRelated } from '../articles/article.repository.js';
import { articlePage } from '../articles/views/article.view.js';
import type { SiteService } from '../editions/site.service.js';

/**
 * An article rendered with the reader's own template, whatever its status: what it will look like
 * once published. A draft shows the current time as its publication time.
 */
export async function renderPreview(db: Kysely<Database>, site: SiteService, siteUrl: string, id: number, now = new Date()): Promise<string> {
  const detail = await findArticleDetail(db, id);
  if (!detail) throw notFound('There is no article with this id.');
  const structure = await site.get();
  const ed = structure.byCode(detail.article.edition) ?? structure.defaultEdition;
  const article = { ...detail.article, published_at: detail.article.published_at ?? now.toISOString() };
  const related = await listRelated(db, article, 4);
  const page = articlePage({ site: structure, ed, siteUrl }, { ...detail, article }, related);
  // In the edition's language: whoever is sent a preview link reads the page as a reader would.
  const t = ed.i18n.t;
  const state = detail.article.status === 'published' ? t('preview.published') : t('preview.notPublished', { status: t(`status.${detail.article.status}`) });
  const banner = html`<p class="preview-banner" role="note"><strong>${t('preview.label')}</strong> — ${state}.</p>`.value;
  return page.replace('<main id="main" class="wrap" tabindex="-1">', (m) => `${m}\n${banner}`).replace('<head>', '<head>\n<meta name="robots" content="noindex, nofollow">');
}

export async function articleIdForPreviewToken(db: Kysely<Database>, token: string): Promise<number> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) throw notFound('This preview link is not valid (any more).');
  const row = await db.selectFrom('articles').select('id').where('preview_token', '=', token).executeTakeFirst();
  if (!row) throw notFound('This preview link is not valid (any more).');
  return row.id;
}
