import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { FieldErrors } from '../articles/article.service.js';
import type { SiteService } from '../editions/site.service.js';
import { csrfOf, idParam, noticeOf, pageSender } from '../newsroom/form-page.js';
import { loginRequired, requireActor, type NewsroomSetup } from '../newsroom/newsroom.plugin.js';
import { authorize } from '../users/policy.js';
import { createApiKey, listApiKeys, revokeApiKey, type CreatedKey } from './api-key.service.js';
import { keysPage, type KeysPage } from './keys.view.js';

export interface KeyRouteDeps {
  db: Kysely<Database>;
  site: SiteService;
  setup: NewsroomSetup;
}

const NOTICES: Record<string, string> = {
  revoked: 'Key revoked. Requests with it are refused from now on.',
};

/** /newsroom/keys: admins create and revoke the integration keys of the admin and content APIs. */
export function keyRoutes(nr: FastifyInstance, deps: KeyRouteDeps): void {
  const auth = { preHandler: loginRequired };

  const send = pageSender(deps.setup);

  const render = async (request: FastifyRequest, reply: FastifyReply, page: Omit<KeysPage, 'csrf' | 'keys' | 'timeZone'>, status = 200, notice?: string) => {
    const timeZone = (await deps.site.get()).defaultEdition.edition.time_zone;
    const main = keysPage({ ...page, csrf: csrfOf(request), keys: await listApiKeys(deps.db), timeZone });
    return send(request, reply, { title: 'Integration keys', nav: 'keys', notice }, main, status);
  };

  nr.get('/keys', auth, async (request, reply) => {
    authorize(requireActor(request), 'apikey.manage');
    return render(request, reply, {}, 200, noticeOf(request, NOTICES));
  });

  // The answer to the form is the page with the key on it, not a redirect: the key exists in
  // clear only in this response (newsroom pages are sent with Cache-Control: no-store).
  nr.post('/keys', auth, async (request, reply) => {
    const actor = requireActor(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { name: typeof body.name === 'string' ? body.name : '', role: typeof body.role === 'string' ? body.role : '' };
    let created: CreatedKey;
    try {
      created = await createApiKey(deps.db, actor, values, deps.setup.clock());
    } catch (error) {
      if (error instanceof FieldErrors) return render(request, reply, { values, errors: error.fields }, 400);
      throw error;
    }
    return render(request, reply, { created }, 201, `Key “${created.name}” created.`);
  });

  nr.post('/keys/:id/revoke', auth, async (request, reply) => {
    const id = idParam(request, 'There is no such integration key.');
    await revokeApiKey(deps.db, requireActor(request), id, deps.setup.clock());
    return reply.redirect('/newsroom/keys?notice=revoked', 303);
  });
}
