import fastifyMultipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, FieldErrors, notFound } from '../../../lib/errors.js';
import type { SafeHtml } from '../../../lib/html.js';
import type { SiteService } from '../../editions/site.service.js';
import type { Newsroom } from '../../users/newsroom-access.js';
import { csrfOf, refusalOf, type Refusal } from '../../../web/newsroom/form-page.js';
import { checkCsrf } from '../../../web/newsroom/newsroom.plugin.js';
import { assets } from '../../../web/assets.js';
import { isRunId } from './import-run-store.js';
import { type ImportRuns, type ImportUploadInput, UploadTooLarge } from './import-runs.service.js';
import { emptyImportForm, importFormPage, progressText, runPage, type ImportFormValues } from './views/imports.view.js';

export interface ImportPageDeps {
  kit: Newsroom;
  site: SiteService;
  runs: ImportRuns;
}

const UPLOAD_URL = '/imports';
const RunParams = Type.Object({ id: Type.String() });

/** The bytes a multipart body adds around the file (the fields, boundaries, headers). */
const FORM_OVERHEAD = 64 * 1024;

/**
 * The newsroom's Import page (admins: `settings.manage`, as importing reshapes the whole site):
 * the upload form with the recent imports, a run's page with its progress and then its report,
 * the progress as JSON for the page's script, and the report as JSON.
 */
export async function importPages(nr: FastifyInstance, deps: ImportPageDeps): Promise<void> {
  // Multipart bodies are accepted in this context only, as for the media library's upload.
  await nr.register(async (scope) => {
    await scope.register(fastifyMultipart, { limits: { fileSize: deps.runs.maxBytes + 1, files: 1, fields: 10, fieldSize: 64 * 1024 } });
    routes(scope, deps);
  });
}

function routes(scope: FastifyInstance, deps: ImportPageDeps): void {
  const { kit, runs } = deps;
  const r = scope.withTypeProvider<TypeBoxTypeProvider>();
  const admin = kit.allowedTo('settings.manage');
  const zone = async () => (await deps.site.get()).defaultEdition.edition.time_zone;

  // The newsroom's CSRF check lets multipart requests through for their handler to check; only the upload does.
  scope.addHook('preValidation', async (request) => {
    if (request.isMultipart() && request.routeOptions.url !== `/newsroom${UPLOAD_URL}`) throw new AppError(415, 'unsupported', 'This form cannot carry a file. Reload the page and try again.');
  });

  const formPage = async (request: FastifyRequest, reply: FastifyReply, values: ImportFormValues, refused?: Refusal) => {
    const site = await deps.site.get();
    const main = importFormPage({
      csrf: csrfOf(request),
      values: { ...values, edition: values.edition || site.defaultEdition.edition.code },
      errors: refused?.errors,
      message: refused?.message,
      editions: site.editions.map((e) => ({ code: e.edition.code, name: e.edition.name })),
      maxBytes: runs.maxBytes,
      runs: await runs.list(),
      zone: await zone(),
    });
    return kit.send(request, reply, { title: 'Import', nav: 'imports' }, main, refused?.status);
  };

  r.get(UPLOAD_URL, admin, async (request, reply) => formPage(request, reply, emptyImportForm()));

  r.post(UPLOAD_URL, admin, async (request, reply) => {
    const values = emptyImportForm();
    values.dry_run = false;
    const length = Number(request.headers['content-length']);
    if (Number.isFinite(length) && length > runs.maxBytes + FORM_OVERHEAD) {
      // Refused before a byte is read: nothing changes, so no token is needed to say so.
      reply.header('connection', 'close');
      return formPage(request, reply, values, refusalFor(new UploadTooLarge(runs.maxBytes), runs.maxBytes));
    }
    if (!request.isMultipart()) {
      checkCsrf(request, '');
      return formPage(request, reply, values, { errors: { file: 'The form was not sent as a file upload. Reload the page and try again.' }, status: 400 });
    }
    let csrfChecked = typeof request.headers['x-csrf-token'] === 'string';
    let id: string | undefined;
    try {
      for await (const part of request.parts()) {
        if (part.type === 'field') {
          const value = typeof part.value === 'string' ? part.value : '';
          if (part.fieldname === '_csrf') {
            if (!csrfChecked) checkCsrf(request, value);
            csrfChecked = true;
          } else if (part.fieldname === 'dry_run') values.dry_run = value !== '';
          else if (part.fieldname === 'format' || part.fieldname === 'edition' || part.fieldname === 'section_map' || part.fieldname === 'site_url') values[part.fieldname] = value;
          continue;
        }
        if (!csrfChecked) checkCsrf(request, '');
        if (part.fieldname !== 'file' || id !== undefined) {
          part.file.resume();
          throw new FieldErrors({ file: 'The form sent an unexpected file. Reload the page and try again.' });
        }
        const actor = kit.requireActor(request);
        const input: ImportUploadInput = { format: values.format, edition: values.edition, sectionMap: values.section_map, siteUrl: values.site_url, dryRun: values.dry_run };
        try {
          // The options are checked before a byte of the file is stored.
          await runs.checkOptions(input);
        } catch (error) {
          part.file.resume();
          throw error;
        }
        id = await runs.start(input, part.filename ?? 'upload', part.file, { id: actor.userId ?? 0, name: actor.name });
      }
    } catch (error) {
      if (!csrfChecked) checkCsrf(request, '');
      return formPage(request, reply, values, refusalFor(error, runs.maxBytes));
    }
    if (!csrfChecked) checkCsrf(request, '');
    if (id === undefined) return formPage(request, reply, values, { errors: { file: 'Choose the file to import.' }, status: 400 });
    return reply.redirect(`/newsroom/imports/${id}`, 303);
  });

  const findRun = async (id: string) => {
    const run = isRunId(id) ? await runs.find(id) : undefined;
    if (!run) throw notFound('There is no such import.');
    return run;
  };

  r.get('/imports/:id', { ...admin, schema: { params: RunParams } }, async (request, reply) => {
    const run = await findRun(request.params.id);
    const main: SafeHtml = runPage({ run, report: run.status === 'done' ? await runs.report(run.id) : undefined, zone: await zone() });
    const running = run.status === 'queued' || run.status === 'running';
    return kit.send(request, reply, { title: `Import of ${run.fileName}`, nav: 'imports', ...(running ? { scripts: [assets.newsroomImports.url] } : {}) }, main);
  });

  r.get('/imports/:id/progress', { ...admin, schema: { params: RunParams } }, async (request, reply) => {
    const run = await findRun(request.params.id);
    return reply.header('cache-control', 'no-store').send({ status: run.status, progress: run.progress, bytes: run.bytes, text: progressText(run) });
  });

  r.get('/imports/:id/report.json', { ...admin, schema: { params: RunParams } }, async (request, reply) => {
    const run = await findRun(request.params.id);
    const text = await runs.reportText(run.id);
    if (text === undefined) throw notFound('This import has no report yet.');
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="import-${run.id}.json"`)
      .header('cache-control', 'no-store')
      .send(text);
  });
}

/** What @fastify/multipart and busboy refuse, as refusals shown on the form. */
function refusalFor(error: unknown, maxBytes: number): Refusal {
  const code = (error as { code?: string }).code ?? '';
  if (error instanceof UploadTooLarge) return { errors: { file: error.message }, status: 413 };
  if (code === 'FST_REQ_FILE_TOO_LARGE') return { errors: { file: new UploadTooLarge(maxBytes).message }, status: 413 };
  if (code === 'FST_MP_PREMATURE_CLOSE') return { errors: { file: 'The upload was cut off before it finished. Check the connection and try again.' }, status: 400 };
  if (code.startsWith('FST_')) return { errors: { file: 'The upload could not be read: the form was incomplete or altered. Reload the page and try again.' }, status: 400 };
  return refusalOf(error);
}
