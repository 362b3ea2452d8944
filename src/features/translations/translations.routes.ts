import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '../../lib/html.js';
import { FieldErrors } from '../../lib/errors.js';
import { csrfOf, field, formBody, IdParams, idParam, refusalOf, wholeNumber } from '../../web/newsroom/form-page.js';
import { loginRequired } from '../../web/newsroom/newsroom.plugin.js';
import type { Newsroom } from '../users/newsroom-access.js';
import { can } from '../users/policy.js';
import type { Translations } from './translation.service.js';
import { refusedPage, translationsPanel } from './views/translations.view.js';

export interface TranslationPageDeps {
  kit: Newsroom;
  translations: Translations;
}

/** "Translate into…", link and unlink, posted from the article page's Editions panel. */
export function translationPages(nr: FastifyInstance, deps: TranslationPageDeps): void {
  const { kit, translations } = deps;
  const routes = nr.withTypeProvider<TypeBoxTypeProvider>();
  const auth = { preValidation: loginRequired };
  const articleId = (request: { params: { id: string } }) => idParam(request, 'There is no article with this id.');

  /** Runs a change; a refusal the user can act on is shown with the way back, anything else goes to the error page. */
  const attempt = async (request: FastifyRequest, reply: Parameters<Newsroom['send']>[1], id: number, run: () => Promise<string>) => {
    try {
      return reply.redirect(await run(), 303);
    } catch (error) {
      const refusal = refusalOf(error);
      return kit.send(request, reply, { title: 'The change was not made', nav: 'articles' }, refusedPage({ articleId: id, errors: refusal.errors, message: refusal.message }), refusal.status);
    }
  };

  routes.post('/articles/:id/translate', { ...auth, schema: { params: IdParams, body: formBody('edition', 'section') } }, async (request, reply) => {
    const actor = kit.requireActor(request);
    const id = articleId(request);
    return attempt(request, reply, id, async () => {
      const sectionId = wholeNumber(field(request.body, 'section'));
      if (sectionId === undefined) throw new FieldErrors({ sectionId: 'Choose a section of the edition to translate into.' });
      const created = await translations.translate(actor, id, { edition: field(request.body, 'edition'), sectionId });
      return `/newsroom/articles/${created.id}?notice=translated`;
    });
  });

  routes.post('/articles/:id/link', { ...auth, schema: { params: IdParams, body: formBody('article') } }, async (request, reply) => {
    const actor = kit.requireActor(request);
    const id = articleId(request);
    return attempt(request, reply, id, async () => {
      const other = wholeNumber(field(request.body, 'article'), 999_999_999);
      if (other === undefined) throw new FieldErrors({ articleId: 'Give the number of the article to link, as in its address (/newsroom/articles/123).' });
      await translations.link(actor, id, other);
      return `/newsroom/articles/${id}?notice=linked`;
    });
  });

  routes.post('/articles/:id/unlink', { ...auth, schema: { params: IdParams } }, async (request, reply) => {
    const actor = kit.requireActor(request);
    const id = articleId(request);
    return attempt(request, reply, id, async () => {
      await translations.unlink(actor, id);
      return `/newsroom/articles/${id}?notice=unlinked`;
    });
  });
}

/** The Editions panel beside the article editor (ArticlePanels.article's shape, merged with the others by the app). */
export function translationPanels(kit: Newsroom, translations: Translations) {
  return {
    async article(request: FastifyRequest, articleId: number, canEdit: boolean): Promise<{ notice: SafeHtml; aside: SafeHtml }> {
      const actor = kit.requireActor(request);
      const versions = await translations.versions(actor, articleId);
      const aside = translationsPanel({ versions, csrf: csrfOf(request), canTranslate: can(actor, 'article.create'), canLink: canEdit });
      return { notice: html``, aside };
    },
  };
}
