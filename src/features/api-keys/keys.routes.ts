import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { FieldErrors } from '../../lib/errors.js';
import type { SiteService } from '../editions/site.service.js';
import { csrfOf, field, formBody, IdParams, idParam, noticeOf } from '../../web/newsroom/form-page.js';
import { loginRequired } from '../../web/newsroom/newsroom.plugin.js';
import type { Newsroom } from '../users/newsroom-access.js';
import { authorize } from '../users/policy.js';
import { createApiKey, listApiKeys, revokeApiKey, type CreatedKey } from './api-key.service.js';
import { keysPage, type KeysPage } from './keys.view.js';

export interface KeyRouteDeps {
  db: Kysely<Database>;
  site: SiteService;
  kit: Newsroom;
}

const NOTICES: Record<string, string> = {
  revoked: 'Key revoked. Requests with it are refused from now on.',
};

/** /newsroom/keys: admins create and revoke the integration keys of the admin and content APIs. */
export function keyRoutes(nr: FastifyInstance, deps: KeyRouteDeps): void {
  const auth = { preValidation: loginRequired };
  const routes = nr.withTypeProvider<TypeBoxTypeProvider>();

  const send = deps.kit.send;

  const render = async (request: FastifyRequest, reply: FastifyReply, page: Omit<KeysPage, 'csrf' | 'keys' | 'timeZone'>, status = 200, notice?: string) => {
    const timeZone = (await deps.site.get()).defaultEdition.edition.time_zone;
    const main = keysPage({ ...page, csrf: csrfOf(request), keys: await listApiKeys(deps.db), timeZone });
    return send(request, reply, { title: 'Integration keys', nav: 'keys', notice }, main, status);
  };

  nr.get('/keys', auth, async (request, reply) => {
    authorize(deps.kit.requireActor(request), 'apikey.manage');
    return render(request, reply, {}, 200, noticeOf(request, NOTICES));
  });

  // The answer to the form is the page with the key on it, not a redirect: the key exists in
  // clear only in this response (newsroom pages are sent with Cache-Control: no-store).
  routes.post('/keys', { ...auth, schema: { body: formBody('name', 'role') } }, async (request, reply) => {
    const actor = deps.kit.requireActor(request);
    const values = { name: field(request.body, 'name'), role: field(request.body, 'role') };
    let created: CreatedKey;
    try {
      created = await createApiKey(deps.db, actor, values, deps.kit.clock());
    } catch (error) {
      if (error instanceof FieldErrors) return render(request, reply, { values, errors: error.fields }, 400);
      throw error;
    }
    return render(request, reply, { created }, 201, `Key “${created.name}” created.`);
  });

  routes.post('/keys/:id/revoke', { ...auth, schema: { params: IdParams } }, async (request, reply) => {
    const id = idParam(request, 'There is no such integration key.');
    await revokeApiKey(deps.db, deps.kit.requireActor(request), id, deps.kit.clock());
    return reply.redirect('/newsroom/keys?notice=revoked', 303);
  });
}
