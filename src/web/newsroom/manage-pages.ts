import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type TObject } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest, RawRequestDefaultExpression, RawServerDefault, RouteGenericInterface } from 'fastify';
import type { SafeHtml } from '../../lib/html.js';
import { IdParams, idParam, noticeOf, refusalOf, type Body, type FormSchema } from './form-page.js';
import type { NewsroomKit } from './newsroom.kit.js';
import type { KitSession } from './newsroom.plugin.js';

/** No query string read: the default of a structure's `query`. */
type NoQuery = TObject<Record<never, never>>;

/**
 * A request of a structure's pages, its query string typed by the structure's `query` schema (which
 * every route of the structure validates), through the TypeBox type provider.
 */
export type ManageRequest<Query extends TObject> = FastifyRequest<
  RouteGenericInterface,
  RawServerDefault,
  RawRequestDefaultExpression<RawServerDefault>,
  { querystring: Query },
  TypeBoxTypeProvider
>;

/**
 * One structure managed from the newsroom (sections, tags, authors, publications): its list, its
 * form to create and edit, and its delete button. The services do the checks that need the
 * database and write the audit log; this gives every structure the same routes, role check,
 * refusals shown next to what was typed, redirects with a notice, and cache invalidation.
 */
export interface ManageSpec<Actor, Action extends string, Values, Row extends { id: number }, Extra, Query extends TObject = NoQuery> {
  kit: NewsroomKit<KitSession, Actor, Action>;
  /** Under /newsroom, e.g. "/sections". */
  path: string;
  /** The navigation entry and the role it needs. */
  nav: string;
  action: Action;
  /** The notices a redirect may name (`?notice=`), the keys used below among them. */
  notices: Readonly<Record<string, string>>;
  /** The form's fields, as the body schema of the create and edit routes. */
  form: FormSchema;
  /**
   * The query string the pages read (their filters, a search of their own), validated on every
   * route of the structure, the form posts too (they show the form again); keep its parameters
   * optional strings (`queryOf`) when the page checks them itself.
   */
  query?: Query;
  readValues(body: Body): Values;
  valuesOf(row: Row): Values;
  /** Throws a 404 AppError when there is none. */
  find(id: number): Promise<Row>;
  titles: { list: string; create: string; edit(row: Row): string };
  /** The list page's content. */
  listView(request: ManageRequest<Query>): Promise<SafeHtml>;
  /** The form page's content; `row` is absent for a new one. */
  formView(request: ManageRequest<Query>, p: FormState<Values, Row, Extra>): Promise<SafeHtml>;
  /** Absent when entries are not made here (tags come with articles). Returns the new id. */
  create?: { empty(request: ManageRequest<Query>): Promise<Values> | Values; run(actor: Actor, values: Values): Promise<number> };
  /** Saves; returns the key of the notice to show. */
  update(actor: Actor, id: number, values: Values): Promise<string>;
  remove?(actor: Actor, id: number): Promise<void>;
  /** Called once a change has committed (readers see these on every page). */
  invalidate(): void;
}

export interface FormState<Values, Row, Extra> {
  values: Values;
  row?: Row | undefined;
  errors?: Record<string, string> | undefined;
  message?: string | undefined;
  /** What a structure's own routes add (the tags' merge message). */
  extra?: Extra | undefined;
}

export interface ManagedPages<Values, Row, Extra, Query extends TObject = NoQuery> {
  /** The role check of these pages, for a structure's own further routes. */
  guard: ReturnType<NewsroomKit['allowedTo']>;
  /** The structure's query schema, for its own further routes that show its pages. */
  query: Query;
  /** The form page again (`id` given: the existing one), with a refusal or extras. */
  formPage(request: ManageRequest<Query>, reply: FastifyReply, values: Values, options?: Omit<FormState<Values, Row, Extra>, 'values' | 'row'> & { id?: number; status?: number }): Promise<FastifyReply>;
}

export function manageRoutes<Actor, Action extends string, Values, Row extends { id: number }, Extra = never, Query extends TObject = NoQuery>(
  nr: FastifyInstance,
  spec: ManageSpec<Actor, Action, Values, Row, Extra, Query>,
): ManagedPages<Values, Row, Extra, Query> {
  const { kit, path } = spec;
  // An empty object schema lets any query string through, as a route without one would.
  const query = spec.query ?? (Type.Object({}) as Query);
  const routes = nr.withTypeProvider<TypeBoxTypeProvider>();
  const guard = kit.allowedTo(spec.action);
  const base = `/newsroom${path}`;
  const page = (title: string) => ({ title, nav: spec.nav });

  const formPage: ManagedPages<Values, Row, Extra, Query>['formPage'] = async (request, reply, values, options = {}) => {
    const row = options.id === undefined ? undefined : await spec.find(options.id);
    const { id: _id, status, ...state } = options;
    return kit.send(
      request,
      reply,
      { ...page(row ? spec.titles.edit(row) : spec.titles.create), notice: noticeOf(request, spec.notices) },
      await spec.formView(request, { ...state, values, row }),
      status,
    );
  };

  routes.get(path, { ...guard, schema: { querystring: query } }, async (request, reply) =>
    kit.send(request, reply, { ...page(spec.titles.list), notice: noticeOf(request, spec.notices) }, await spec.listView(request)),
  );

  const create = spec.create;
  if (create) {
    routes.get(`${path}/new`, { ...guard, schema: { querystring: query } }, async (request, reply) => formPage(request, reply, await create.empty(request)));

    routes.post(path, { ...guard, schema: { querystring: query, body: spec.form } }, async (request, reply) => {
      const values = spec.readValues(request.body);
      try {
        const id = await create.run(kit.requireActor(request), values);
        spec.invalidate();
        return reply.redirect(`${base}/${id}?notice=created`, 303);
      } catch (error) {
        return formPage(request, reply, values, refusalOf(error));
      }
    });
  }

  routes.get(`${path}/:id`, { ...guard, schema: { querystring: query, params: IdParams } }, async (request, reply) => {
    const row = await spec.find(idParam(request));
    return kit.send(request, reply, { ...page(spec.titles.edit(row)), notice: noticeOf(request, spec.notices) }, await spec.formView(request, { values: spec.valuesOf(row), row }));
  });

  routes.post(`${path}/:id`, { ...guard, schema: { querystring: query, params: IdParams, body: spec.form } }, async (request, reply) => {
    const id = idParam(request);
    const values = spec.readValues(request.body);
    try {
      const notice = await spec.update(kit.requireActor(request), id, values);
      spec.invalidate();
      return reply.redirect(`${base}/${id}?notice=${notice}`, 303);
    } catch (error) {
      return formPage(request, reply, values, { id, ...refusalOf(error) });
    }
  });

  const remove = spec.remove;
  if (remove) {
    routes.post(`${path}/:id/delete`, { ...guard, schema: { querystring: query, params: IdParams } }, async (request, reply) => {
      const id = idParam(request);
      try {
        await remove(kit.requireActor(request), id);
      } catch (error) {
        const refusal = refusalOf(error);
        return formPage(request, reply, spec.valuesOf(await spec.find(id)), { id, ...refusal });
      }
      spec.invalidate();
      return reply.redirect(`${base}?notice=deleted`, 303);
    });
  }

  return { guard, query, formPage };
}
