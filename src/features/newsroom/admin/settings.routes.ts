import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FieldErrors, notFound } from '../../../lib/errors.js';
import { addEdition, editionsInOrder, findEditionByCode, logoChoices, readSettings, siteLogo, timeZoneSuggestions, updateEdition, updateSiteSettings, type EditionForm } from '../../settings/settings.service.js';
import { field, formBody, noticeOf, type Body } from '../../../web/newsroom/form-page.js';
import type { AdminDeps } from './admin.routes.js';
import { editionForm, editionValues, settingsPage, type EditionValues, type SiteValues } from './views/settings.view.js';

const NOTICES: Record<string, string> = {
  saved: 'Settings saved. Readers see the change now.',
  edition: 'Edition saved. Readers see the change now.',
  added: 'Edition added. Give it at least one section under Sections, then articles.',
  unchanged: 'Nothing changed.',
};

const editionInput = (values: EditionValues): EditionForm => ({
  name: values.name ?? '',
  siteName: values.site_name ?? '',
  locale: values.locale ?? '',
  timeZone: values.time_zone ?? '',
  position: values.position ?? '',
  footerNote: values.footer_note ?? '',
  signOff: values.sign_off ?? '',
});

const SiteForm = formBody('default_edition', 'feeds_full_content', 'logo_media_id');
const EditionFormSchema = formBody('code', 'name', 'site_name', 'locale', 'time_zone', 'position');
const CodeParams = Type.Object({ code: Type.String() });

const readEditionForm = (body: Body): EditionValues => ({
  code: field(body, 'code').trim(),
  name: field(body, 'name'),
  site_name: field(body, 'site_name'),
  locale: field(body, 'locale'),
  time_zone: field(body, 'time_zone'),
  position: field(body, 'position'),
  footer_note: field(body, 'footer_note'),
  sign_off: field(body, 'sign_off'),
});

export function settingsRoutes(nr: FastifyInstance, deps: AdminDeps): void {
  const { db } = deps;
  const send = deps.kit.send;
  const manage = deps.kit.allowedTo('settings.manage');
  const routes = nr.withTypeProvider<TypeBoxTypeProvider>();
  const editions = () => editionsInOrder(db);
  // Computed once: the list is the runtime's and does not change while it runs.
  let zones: string[] | undefined;
  const zoneList = () => (zones ??= timeZoneSuggestions());

  const mainPage = async (request: FastifyRequest, reply: FastifyReply, values?: SiteValues, errors?: Record<string, string>, status = 200) => {
    const [all, settings, logo] = await Promise.all([editions(), readSettings(db), siteLogo(db)]);
    const shown: SiteValues = values ?? {
      default_edition: all.find((e) => e.is_default)?.code ?? all[0]?.code ?? '',
      feeds_full_content: settings.feedsFullContent,
      logo_media_id: settings.logoMediaId === null ? '' : String(settings.logoMediaId),
    };
    return send(
      request,
      reply,
      { title: 'Settings', nav: 'settings', notice: noticeOf(request, NOTICES) },
      settingsPage({
        csrf: deps.kit.session(request)!.csrfToken,
        editions: all,
        values: shown,
        errors,
        logos: await logoChoices(db, settings.logoMediaId),
        logoPreview: logo ? { path: logo.path, alt: logo.alt, width: logo.width, height: logo.height } : undefined,
      }),
      status,
    );
  };

  nr.get('/settings', manage, async (request, reply) => mainPage(request, reply));

  routes.post('/settings', { ...manage, schema: { body: SiteForm } }, async (request, reply) => {
    const body = request.body;
    // An unticked checkbox sends nothing: its absence is "no".
    const values: SiteValues = { default_edition: field(body, 'default_edition'), feeds_full_content: field(body, 'feeds_full_content') !== '', logo_media_id: field(body, 'logo_media_id') };
    let changes: string[];
    try {
      changes = await updateSiteSettings(db, deps.kit.requireActor(request), { defaultEdition: values.default_edition, feedsFullContent: values.feeds_full_content, logoMediaId: values.logo_media_id }, deps.kit.clock());
    } catch (error) {
      if (error instanceof FieldErrors) return mainPage(request, reply, values, error.fields, 400);
      throw error;
    }
    if (changes.length) deps.invalidateSite();
    return reply.redirect(`/newsroom/settings?notice=${changes.length ? 'saved' : 'unchanged'}`, 303);
  });

  const editionPage = async (request: FastifyRequest, reply: FastifyReply, options: { values: EditionValues; isNew: boolean; isDefault?: boolean; storedName?: string; errors?: Record<string, string>; status?: number }) =>
    send(
      request,
      reply,
      { title: options.isNew ? 'Add an edition' : `Edition: ${options.storedName ?? ''} (${options.values.code ?? ''})`, nav: 'settings', notice: noticeOf(request, NOTICES) },
      editionForm({ csrf: deps.kit.session(request)!.csrfToken, values: options.values, errors: options.errors, isNew: options.isNew, isDefault: options.isDefault ?? false, zones: zoneList() }),
      options.status ?? 200,
    );

  nr.get('/settings/editions/new', manage, async (request, reply) => {
    const all = await editions();
    const first = all.find((e) => e.is_default);
    return editionPage(request, reply, { values: { time_zone: first?.time_zone ?? 'UTC', position: String(all.length) }, isNew: true });
  });

  routes.post('/settings/editions', { ...manage, schema: { body: EditionFormSchema } }, async (request, reply) => {
    const values = readEditionForm(request.body);
    try {
      const code = await addEdition(db, deps.kit.requireActor(request), { ...editionInput(values), code: values.code ?? '' }, deps.kit.clock());
      deps.invalidateSite();
      return reply.redirect(`/newsroom/settings/editions/${code}?notice=added`, 303);
    } catch (error) {
      if (error instanceof FieldErrors) return editionPage(request, reply, { values, isNew: true, errors: error.fields, status: 400 });
      throw error;
    }
  });

  const findEdition = async (code: string) => {
    const edition = await findEditionByCode(db, code);
    if (!edition) throw notFound('There is no edition with this code.');
    return edition;
  };

  routes.get('/settings/editions/:code', { ...manage, schema: { params: CodeParams } }, async (request, reply) => {
    const edition = await findEdition(request.params.code);
    return editionPage(request, reply, { values: editionValues(edition), isNew: false, isDefault: edition.is_default === 1, storedName: edition.name });
  });

  routes.post('/settings/editions/:code', { ...manage, schema: { params: CodeParams, body: EditionFormSchema } }, async (request, reply) => {
    const edition = await findEdition(request.params.code);
    // The code is the edition's address and cannot change; whatever the form says, it is this one.
    const values = { ...readEditionForm(request.body), code: edition.code };
    let changes: string[];
    try {
      changes = await updateEdition(db, deps.kit.requireActor(request), edition.code, editionInput(values), deps.kit.clock());
    } catch (error) {
      if (error instanceof FieldErrors) return editionPage(request, reply, { values, isNew: false, isDefault: edition.is_default === 1, storedName: edition.name, errors: error.fields, status: 400 });
      throw error;
    }
    if (changes.length) deps.invalidateSite();
    return reply.redirect(`/newsroom/settings/editions/${edition.code}?notice=${changes.length ? 'edition' : 'unchanged'}`, 303);
  });
}
