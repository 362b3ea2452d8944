import { html, raw, type HtmlValue, type SafeHtml } from '../../../lib/html.js';

/**
 * Form fields for newsroom pages: each with its label, an optional hint and its error right next
 * to it (aria-describedby, aria-invalid), following the GOV.UK Design System's error pattern.
 */
export type Errors = Readonly<Record<string, string>>;

export const csrfField = (token: string) => html`<input type="hidden" name="_csrf" value="${token}">`;

/** A summary at the top of a form that failed, linking to each field (focus moves here by script). */
export function errorSummary(errors: Errors | undefined, message?: string): SafeHtml {
  const entries = Object.entries(errors ?? {});
  if (!entries.length && !message) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1" data-error-summary>
<h2>There is a problem</h2>
${message ? html`<p>${message}</p>` : ''}
${entries.length ? html`<ul>${entries.map(([field, text]) => html`<li><a href="#f-${field}">${text}</a></li>`)}</ul>` : ''}
</div>`;
}

interface FieldOptions {
  name: string;
  label: string;
  value?: string | number | null | undefined;
  errors?: Errors | undefined;
  hint?: string | undefined;
  required?: boolean;
  /** Id of the element, when the name is not a unique, simple word. */
  id?: string;
  attrs?: SafeHtml;
}

function describe(o: FieldOptions, id: string): { describedBy: SafeHtml; parts: SafeHtml } {
  const error = o.errors?.[o.name];
  const ids = [o.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return {
    describedBy: raw(`${ids ? ` aria-describedby="${ids}"` : ''}${error ? ' aria-invalid="true"' : ''}${o.required ? ' required' : ''}`),
    parts: html`${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}${error ? html`<p class="field-error" id="${id}-error"><span class="visually-hidden">Error: </span>${error}</p>` : ''}`,
  };
}

export function textField(o: FieldOptions & { type?: string; maxlength?: number; autocomplete?: string }): SafeHtml {
  const id = o.id ?? `f-${o.name}`;
  const d = describe(o, id);
  return html`<div class="field${o.errors?.[o.name] ? ' has-error' : ''}">
<label for="${id}">${o.label}</label>
${d.parts}
<input id="${id}" name="${o.name}" type="${o.type ?? 'text'}" value="${o.value ?? ''}"${o.maxlength ? raw(` maxlength="${o.maxlength}"`) : ''}${
    o.autocomplete ? raw(` autocomplete="${o.autocomplete}"`) : ''
  }${d.describedBy}${o.attrs ?? ''}>
</div>`;
}

export function textArea(o: FieldOptions & { rows?: number; maxlength?: number }): SafeHtml {
  const id = o.id ?? `f-${o.name}`;
  const d = describe(o, id);
  return html`<div class="field${o.errors?.[o.name] ? ' has-error' : ''}">
<label for="${id}">${o.label}</label>
${d.parts}
<textarea id="${id}" name="${o.name}" rows="${o.rows ?? 4}"${o.maxlength ? raw(` maxlength="${o.maxlength}"`) : ''}${d.describedBy}${o.attrs ?? ''}>${o.value ?? ''}</textarea>
</div>`;
}

export interface Option {
  value: string | number;
  label: string;
  group?: string;
}

export function selectField(o: FieldOptions & { options: readonly Option[]; multiple?: boolean; selected?: readonly (string | number)[]; empty?: string }): SafeHtml {
  const id = o.id ?? `f-${o.name}`;
  const d = describe(o, id);
  const selected = new Set((o.selected ?? (o.value !== undefined && o.value !== null ? [o.value] : [])).map(String));
  const option = (opt: Option) => html`<option value="${opt.value}"${selected.has(String(opt.value)) ? raw(' selected') : ''}>${opt.label}</option>`;
  const groups = [...new Set(o.options.map((opt) => opt.group ?? ''))];
  const body: HtmlValue = groups.length > 1 || groups[0] ? groups.map((g) => html`<optgroup label="${g}">${o.options.filter((opt) => (opt.group ?? '') === g).map(option)}</optgroup>`) : o.options.map(option);
  return html`<div class="field${o.errors?.[o.name] ? ' has-error' : ''}">
<label for="${id}">${o.label}</label>
${d.parts}
<select id="${id}" name="${o.name}"${o.multiple ? raw(' multiple') : ''}${d.describedBy}${o.attrs ?? ''}>
${o.empty !== undefined ? html`<option value="">${o.empty}</option>` : ''}${body}
</select>
</div>`;
}

export function checkbox(o: { name: string; label: string; checked: boolean; hint?: string; value?: string }): SafeHtml {
  const id = `f-${o.name}`;
  return html`<div class="field checkbox">
<input type="checkbox" id="${id}" name="${o.name}" value="${o.value ?? '1'}"${o.checked ? raw(' checked') : ''}${o.hint ? raw(` aria-describedby="${id}-hint"`) : ''}>
<label for="${id}">${o.label}</label>
${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
</div>`;
}

/** A one-button form for an action (publish, delete...); `confirm` asks first (by script). */
export function actionButton(o: { action: string; label: string; csrf: string; confirm?: string; kind?: 'primary' | 'danger' | 'secondary'; fields?: Record<string, string> }): SafeHtml {
  return html`<form method="post" action="${o.action}" class="inline-form"${o.confirm ? raw(` data-confirm="${o.confirm.replace(/"/g, '&quot;')}"`) : ''}>
${csrfField(o.csrf)}${Object.entries(o.fields ?? {}).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}
<button type="submit" class="button ${o.kind ?? 'secondary'}">${o.label}</button>
</form>`;
}
