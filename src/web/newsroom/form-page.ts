import { Type, type TObject, type TOptional, type TString } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { AppError, FieldErrors, notFound } from '../../lib/errors.js';

/**
 * What the newsroom's form pages share: reading forms and showing a refusal the user can fix
 * next to what they typed.
 */

/** The notice named by `?notice=` (set by a redirect after a POST), only if it is one of ours: the URL must not put words on the page. */
export const noticeOf = (request: FastifyRequest, notices: Readonly<Record<string, string>>): string | undefined => {
  const key = (request.query as Record<string, unknown> | undefined)?.notice;
  return typeof key === 'string' && Object.hasOwn(notices, key) ? notices[key] : undefined;
};

export type Body = Record<string, string | string[] | undefined>;

/**
 * A form field as @fastify/formbody delivers it: a string, or several when the name was sent more
 * than once. The schemas stay this loose on purpose: the pages' own checks give the per-field
 * messages next to the field, which a schema failure (one 400 for the whole form) would not.
 */
export const FormField = Type.Union([Type.String(), Type.Array(Type.String())]);

export type FormSchema = TObject<Record<string, TOptional<typeof FormField>>>;

/** The schema of a form's body: the named fields, all optional; other fields (`_csrf`) pass. */
export const formBody = (...names: string[]): FormSchema => Type.Object(Object.fromEntries(names.map((n) => [n, Type.Optional(FormField)])));

/** A form whose field names are not fixed (an article's source rows, a list of positions). */
export const OpenForm = Type.Record(Type.String(), FormField);

/** Query strings of newsroom pages: named text parameters, all optional. */
export const queryOf = (...names: string[]): TObject<Record<string, TOptional<TString>>> => Type.Object(Object.fromEntries(names.map((n) => [n, Type.Optional(Type.String())])));

/** `:id` stays a string in the schema: `idParam` turns anything but digits into a 404, not a 400. */
export const IdParams = Type.Object({ id: Type.String() });


export const bodyOf = (request: FastifyRequest): Body => (request.body ?? {}) as Body;

/** A form field as one string: the last value when it was sent twice, "" when missing. */
export const field = (body: Body, name: string): string => {
  const value = body[name];
  return Array.isArray(value) ? (value[value.length - 1] ?? '') : (value ?? '');
};

/** The `:id` of a route with IdParams (the type asks for them); anything but a plain number is a 404, with `missing` as its message. */
export const idParam = (request: { params: { id: string } }, missing?: string): number => {
  const raw = request.params.id;
  if (!/^\d{1,9}$/.test(raw)) throw notFound(missing);
  return Number(raw);
};

/** Numbers in forms: digits only, so "1e3", " 7" or "0x10" are refused rather than read. */
export const wholeNumber = (raw: string, max = 999_999): number | undefined => (/^\d{1,9}$/.test(raw.trim()) && Number(raw.trim()) <= max ? Number(raw.trim()) : undefined);

export const csrfOf = (request: FastifyRequest): string => request.session?.csrfToken ?? '';

export interface Refusal {
  errors: Record<string, string>;
  message?: string;
  status: number;
}

/**
 * A refusal the user can fix by changing the form, to show next to the fields with what was
 * typed; anything else (a bug, a missing page, a role) is thrown on to the error page.
 */
export function refusalOf(error: unknown): Refusal {
  if (error instanceof FieldErrors) return { errors: error.fields, status: 400 };
  if (error instanceof AppError && error.status < 500 && error.status !== 404 && error.status !== 403 && error.status !== 401) {
    return { errors: {}, message: error.message, status: error.status };
  }
  throw error;
}
