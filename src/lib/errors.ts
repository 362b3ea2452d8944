/**
 * One error vocabulary for the whole app: an HTTP status, a stable machine code, a message for
 * humans and, when a request was refused for its fields, what is wrong with each. `describeError`
 * is the one mapping from anything thrown to that shape; the app, the newsroom, the admin API and
 * media all answer from it, as an HTML page or as RFC 9457 problem details (`problemBody`).
 * Anything that is neither an AppError nor a client error Fastify recognised is a bug: a 500 whose
 * message never leaves the server.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Field-by-field problems, shown next to each field of a form (and in an API's `errors`). */
export class FieldErrors extends AppError {
  constructor(
    readonly fields: Record<string, string>,
    code = 'invalid_fields',
  ) {
    super(400, code, Object.values(fields).join(' '));
  }
}

/**
 * A request refused by the app-wide input rules (a NUL character, a repeated query parameter:
 * lib/request-input.ts) before its route ran; `part` says where, so that a form page can show
 * the form again when it was the body.
 */
export class InputRefused extends FieldErrors {
  constructor(
    fields: Record<string, string>,
    code: 'nul_character' | 'repeated_parameter',
    readonly part: 'query' | 'params' | 'body',
  ) {
    super(fields, code);
  }
}

export const notFound = (message = 'Page not found.') => new AppError(404, 'not_found', message);
export const badRequest = (message: string) => new AppError(400, 'bad_request', message);

/**
 * A unique constraint that fired although the value was checked first: someone else saved the
 * same value in between. Both drivers are recognised so that callers can make it a 400 with a
 * message (a FieldErrors), not a 500.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Codes for the errors that carry only a status (Fastify's own, say): stable, like an AppError's. */
const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  413: 'content_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  500: 'internal_error',
  503: 'unavailable',
};

const codeOf = (status: number) => CODES[status] ?? (status >= 500 ? 'internal_error' : 'bad_request');

/** What a response says about an error. */
export interface ErrorDescription {
  status: number;
  code: string;
  /** For humans; absent from 5xx, whose cause is for the log only. */
  detail?: string;
  /** What is wrong with each field of the request, by field name. */
  fields?: Record<string, string>;
  /** A 5xx: a bug or an outage, to be logged with the error itself. */
  log: boolean;
}

/** The parts of a schema validation error (Ajv's, through Fastify) that the field messages use. */
interface ValidationIssue {
  keyword: string;
  instancePath: string;
  params: unknown;
  message?: string | undefined;
}

/**
 * Field errors from Fastify's schema validation, by top-level field, in the shape FieldErrors
 * has: one message per field of the request.
 */
export function validationFields(issues: readonly ValidationIssue[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const v of issues) {
    const path = v.instancePath.split('/').filter(Boolean);
    const params = (v.params ?? {}) as Record<string, unknown>;
    let message = v.message ?? 'is not valid';
    if (v.keyword === 'required' && typeof params.missingProperty === 'string') {
      if (!path.length) path.push(params.missingProperty);
      message = path.length > 1 || path[0] !== params.missingProperty ? `needs ${params.missingProperty}` : 'is required';
    } else if (v.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
      if (!path.length) path.push(params.additionalProperty);
      message = path[0] === params.additionalProperty && path.length === 1 ? 'is not a field of this request' : `has no field ${params.additionalProperty}`;
    } else if (v.keyword === 'format' && params.format === 'date-time') {
      message = 'must be a date and time in ISO 8601 with an offset, such as 2026-12-01T09:30:00+01:00';
    }
    // A request that is wrong as a whole (not an object, say) has no field to point at.
    const field = path[0];
    if (field) errors[field] ??= `${path.join('.')} ${message}.`;
  }
  return errors;
}

/** The one mapping from anything thrown to a response's status, code, message and field errors. */
export function describeError(error: unknown): ErrorDescription {
  if (error instanceof AppError) {
    if (error.status >= 500) return { status: error.status, code: error.code, log: true };
    return { status: error.status, code: error.code, detail: error.message, ...(error instanceof FieldErrors ? { fields: error.fields } : {}), log: false };
  }
  const e = (error ?? {}) as { statusCode?: unknown; validation?: ValidationIssue[]; message?: unknown };
  if (Array.isArray(e.validation)) {
    const fields = validationFields(e.validation);
    const detail = Object.values(fields).join(' ') || `The request ${typeof e.message === 'string' ? e.message : 'is not valid'}.`;
    return { status: 400, code: 'invalid_request', detail, ...(Object.keys(fields).length ? { fields } : {}), log: false };
  }
  // Fastify's and its plugins' client errors (a body too large, malformed JSON...) keep their status.
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return { status: e.statusCode, code: codeOf(e.statusCode), ...(typeof e.message === 'string' && e.message ? { detail: e.message } : {}), log: false };
  }
  return { status: 500, code: 'internal_error', log: true };
}

/** An RFC 9457 problem details body: `code` and `errors` are this API's extension members. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance: string;
  code?: string;
  errors?: Record<string, string>;
}

/** The problem details of a described error, at `instance` (the request's path). */
export function problemBody(described: Pick<ErrorDescription, 'status' | 'code' | 'detail' | 'fields'>, instance: string): ProblemBody {
  const { status } = described;
  return {
    type: 'about:blank',
    title: TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Error'),
    status,
    // A 5xx never says why, whatever the caller passed.
    ...(described.detail && status < 500 ? { detail: described.detail } : {}),
    instance,
    ...(status < 500 ? { code: described.code } : {}),
    ...(described.fields && status < 500 ? { errors: described.fields } : {}),
  };
}

/** The description of a status alone (no error object): a 404 of the router, a 429... */
export function describeStatus(status: number, detail?: string): ErrorDescription {
  return { status, code: codeOf(status), ...(detail && status < 500 ? { detail } : {}), log: status >= 500 };
}

/** The problem details for a status alone. */
export const problem = (status: number, instance: string, detail?: string): ProblemBody => problemBody(describeStatus(status, detail), instance);

/** The path of a request's URL, without its query: a problem's `instance`. */
export const instanceOf = (url: string): string => url.split('?')[0] || '/';
