import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { NewsroomKit, NewsroomKitOptions } from '../../web/newsroom/newsroom.kit.js';
import { authorize, can, type Action, type Actor } from './policy.js';
import { findSession, type SessionUser } from './session.service.js';
import { actorOf } from './user.service.js';

/** The newsroom kit as this project builds it: sessions, actors and actions of the users feature. */
export type Newsroom = NewsroomKit<SessionUser, Actor, Action>;

/** What the kit asks of the users feature: who holds a session, as whom they act, what they may do. */
export const newsroomAccess = (db: Kysely<Database>, clock: () => Date): Pick<NewsroomKitOptions<SessionUser, Actor, Action>, 'findSession' | 'actorOf' | 'authorize' | 'can'> => ({
  findSession: (token) => findSession(db, token, clock()),
  actorOf,
  authorize: (actor, action) => authorize(actor, action),
  can: (actor, action) => can(actor, action),
});

/** What the pages that manage the site's structure (sections, tags, authors, publications) are given. */
export interface ManageDeps {
  db: Kysely<Database>;
  kit: Newsroom;
  /** Clears the site structure and the page cache; call it once the change has committed. */
  invalidateSite: () => void;
}
