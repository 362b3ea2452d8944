import { Type } from '@sinclair/typebox';
import { AppError } from '../../lib/errors.js';
import { authorize } from '../users/policy.js';
import { WIRE_LIMITS } from '../wires/wire-item.js';
import type { AdminDeps, AdminRoute } from './admin.plugin.js';
import { ADMIN_PATH } from './admin.schema.js';

export const WireFeedParams = Type.Object({
  feed: Type.String({ minLength: 1, maxLength: 100, description: 'The wire feed’s id or slug.' }),
});

const WireProblem = Type.Object({ where: Type.String(), message: Type.String() });

export const WirePushResult = Type.Object(
  {
    feed: Type.Object({ id: Type.Integer(), slug: Type.String() }),
    created: Type.Integer({ description: 'New items.' }),
    updated: Type.Integer({ description: 'New versions of items the feed had sent before (same uri).' }),
    unchanged: Type.Integer({ description: 'Sent again without a change.' }),
    items: Type.Array(Type.Integer(), { description: 'Ids of the created and updated items.' }),
    problems: Type.Array(WireProblem, { description: 'Items that were skipped, and why; the others were stored.' }),
  },
  { description: 'What was stored from the document.' },
);

const NinjsDocument = Type.Union([Type.Object({}, { additionalProperties: true }), Type.Array(Type.Unknown())], {
  description: 'A ninjs document (IPTC ninjs 1.x, 2.x or 3.x): one item, an array of items, or an object with `items`.',
});

/** The admin API's wire endpoint: agencies and scripts push items to a push feed instead of being polled. */
export function adminWireRoutes(route: AdminRoute, deps: AdminDeps): void {
  const intake = deps.wireIntake;
  if (!intake) return;
  route(
    {
      method: 'post',
      path: `${ADMIN_PATH}/wires/{feed}/items`,
      summary: 'Push wire items (ninjs JSON) to a push feed.',
      description:
        'The body is a ninjs document (Content-Type application/json or application/ninjs+json), up to 20 MB. Items are stored as if the feed had been polled: an item sent again with the same uri is a new version of it. Answers 202 with what was stored and the items that were skipped; 400 when the document cannot be read at all (nothing is stored). Needs a key with the editor or admin role.',
      tag: 'Admin',
      params: WireFeedParams,
      body: NinjsDocument,
      response: WirePushResult,
      status: 202,
      errors: [400, 401, 403, 404, 409, 413, 415, 429, 500],
    },
    async (request, reply, actor) => {
      authorize(actor, 'wire.manage');
      const takeIn = await intake.push(request.params.feed, JSON.stringify(request.body), 'application/json');
      const stored = takeIn.created + takeIn.updated + takeIn.unchanged;
      if (takeIn.outcome === 'error' || (stored === 0 && takeIn.problems.length > 0)) {
        const detail = takeIn.error ?? `No item could be stored: ${takeIn.problems.map((p) => `${p.where}: ${p.message}`).join('; ')}`;
        throw new AppError(400, 'bad_document', detail.slice(0, 2_000));
      }
      const feed = await intake.findByKey(request.params.feed);
      return reply.code(202).send({
        feed: { id: feed.id, slug: feed.slug },
        created: takeIn.created,
        updated: takeIn.updated,
        unchanged: takeIn.unchanged,
        items: takeIn.itemIds,
        problems: takeIn.problems,
      });
    },
    { bodyLimit: WIRE_LIMITS.documentBytes },
  );
}
