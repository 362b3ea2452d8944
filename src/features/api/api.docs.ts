import { html } from '../../lib/html.js';
import { layout } from '../../web/layout.js';
import type { RenderContext } from '../../web/render-context.js';
import { DEPRECATED_AT, OLD_NAMES, SUNSET_AT } from './api.names.js';
import type { openApiDocument } from './openapi.js';

type Document = ReturnType<typeof openApiDocument>;
interface Operation {
  summary: string;
  parameters: { name: string; in: string; required: boolean; description?: string; deprecated?: boolean; schema: Record<string, unknown> }[];
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}

const typeOf = (schema: Record<string, unknown>): string => {
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Record<string, unknown>[]).map(typeOf).join(' | ');
  if ('const' in schema) return JSON.stringify(schema.const);
  const bounds = ['minimum', 'maximum', 'maxLength', 'pattern'].filter((k) => k in schema).map((k) => `${k} ${String(schema[k])}`);
  return `${String(schema.type ?? 'any')}${bounds.length ? ` (${bounds.join(', ')})` : ''}`;
};

/** Browsable documentation of the API, rendered on the server from the OpenAPI document. */
export function apiDocsPage(ctx: RenderContext, doc: Document): string {
  const operations = Object.entries(doc.paths).map(([path, item]) => ({ path, op: (item as { get: Operation }).get }));
  const main = html`<article class="api-docs">
<h1 class="page-title">${doc.info.title}</h1>
<p>${doc.info.description}</p>
<p>Base URL: <code>${doc.servers[0]?.url ?? ''}</code>. Machine-readable description: <a href="/api/v1/openapi.json">OpenAPI 3.1 document</a>.</p>
<nav aria-label="Endpoints"><ul>${operations.map(({ path, op }) => html`<li><a href="#${op.summary ? slug(path) : ''}"><code>GET ${path}</code></a></li>`)}</ul></nav>
${operations.map(
  ({ path, op }) => html`<section id="${slug(path)}" aria-labelledby="${slug(path)}-title">
<h2 id="${slug(path)}-title"><code>GET /api/v1${path}</code></h2>
<p>${op.summary}</p>
${
  op.parameters.length
    ? html`<table><caption>Parameters</caption><thead><tr><th scope="col">name</th><th scope="col">in</th><th scope="col">type</th><th scope="col">required</th><th scope="col">description</th></tr></thead><tbody>${op.parameters.map(
        (p) => html`<tr><td><code>${p.name}</code>${p.deprecated ? ' (deprecated)' : ''}</td><td>${p.in}</td><td>${typeOf(p.schema)}</td><td>${p.required ? 'yes' : 'no'}</td><td>${p.description ?? ''}</td></tr>`,
      )}</tbody></table>`
    : ''
}
<details><summary>Response schema (200)</summary><pre tabindex="0">${JSON.stringify(op.responses['200']?.content?.['application/json']?.schema, null, 2)}</pre></details>
</section>`,
)}
<section id="deprecated-names" aria-labelledby="deprecated-names-title">
<h2 id="deprecated-names-title">Deprecated names</h2>
<p>Field names and parameters are camelCase in the whole API, as in the admin API. The content API’s earlier snake_case names were deprecated on ${day(DEPRECATED_AT)} and keep working until ${day(SUNSET_AT)}: responses carry each old name beside the new one, with the same value, and requests may use the old parameter name. Such responses have the headers <code>Deprecation</code>, <code>Sunset</code> and <code>Link</code> with <code>rel="deprecation"</code>. After ${day(SUNSET_AT)} the old names are neither sent nor read.</p>
<table><caption>Renamed fields and parameters</caption><thead><tr><th scope="col">old name</th><th scope="col">new name</th></tr></thead><tbody>${Object.entries(OLD_NAMES).map(
    ([name, old]) => html`<tr><td><code>${old}</code></td><td><code>${name}</code></td></tr>`,
  )}</tbody></table>
</section>
</article>`;
  return layout(ctx, { title: doc.info.title, description: doc.info.description, canonicalPath: '/api/v1/docs' }, main);
}

const day = (date: Date) => date.toISOString().slice(0, 10);
const slug = (path: string) => `op${path.replace(/[^a-z0-9]+/gi, '-').replace(/-+$/, '')}`;
