import { describe, expect, it } from 'vitest';
import { AppError, describeError, describeStatus, FieldErrors, isUniqueViolation, problem, problemBody } from './errors.js';

describe('describeError', () => {
  it('keeps an AppError’s status, code and message', () => {
    expect(describeError(new AppError(409, 'stale', 'Someone saved after you.'))).toEqual({ status: 409, code: 'stale', detail: 'Someone saved after you.', log: false });
  });

  it('gives field errors by field', () => {
    const described = describeError(new FieldErrors({ headline: 'An article needs a headline.', slug: 'Bad slug.' }));
    expect(described).toEqual({ status: 400, code: 'invalid_fields', detail: 'An article needs a headline. Bad slug.', fields: { headline: 'An article needs a headline.', slug: 'Bad slug.' }, log: false });
  });

  it('never says why for a 5xx, and asks for it to be logged', () => {
    expect(describeError(new Error('connection refused at db.ts:42'))).toEqual({ status: 500, code: 'internal_error', log: true });
    expect(describeError(new AppError(503, 'closing', 'Pool drained in pool.js:7'))).toEqual({ status: 503, code: 'closing', log: true });
    expect(describeError(undefined)).toEqual({ status: 500, code: 'internal_error', log: true });
    // A 5xx status on a framework error is still a 500 without its message.
    expect(describeError(Object.assign(new Error('socket hang up'), { statusCode: 502 }))).toEqual({ status: 500, code: 'internal_error', log: true });
  });

  it('keeps the status of a client error the framework raised, with a stable code', () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
    expect(describeError(tooLarge)).toEqual({ status: 413, code: 'content_too_large', detail: 'Request body is too large', log: false });
  });

  it('turns schema validation errors into field errors by top-level field', () => {
    const error = Object.assign(new Error('querystring/limit must be >= 1'), {
      statusCode: 400,
      validation: [
        { keyword: 'minimum', instancePath: '/limit', params: { limit: 1 }, message: 'must be >= 1' },
        { keyword: 'required', instancePath: '', params: { missingProperty: 'headline' }, message: "must have required property 'headline'" },
        { keyword: 'additionalProperties', instancePath: '', params: { additionalProperty: 'surprise' }, message: 'must NOT have additional properties' },
        { keyword: 'required', instancePath: '/sources/0', params: { missingProperty: 'publicationId' }, message: "must have required property 'publicationId'" },
        { keyword: 'format', instancePath: '/publishAt', params: { format: 'date-time' }, message: 'must match format "date-time"' },
      ],
    });
    const described = describeError(error);
    expect(described.status).toBe(400);
    expect(described.code).toBe('invalid_request');
    expect(described.fields).toEqual({
      limit: 'limit must be >= 1.',
      headline: 'headline is required.',
      surprise: 'surprise is not a field of this request.',
      sources: 'sources.0 needs publicationId.',
      publishAt: 'publishAt must be a date and time in ISO 8601 with an offset, such as 2026-12-01T09:30:00+01:00.',
    });
    expect(described.detail).toBe(Object.values(described.fields ?? {}).join(' '));
  });

  it('says what is wrong with a request that has no field to point at', () => {
    const error = Object.assign(new Error('body must be object'), { statusCode: 400, validation: [{ keyword: 'type', instancePath: '', params: { type: 'object' }, message: 'must be object' }] });
    expect(describeError(error)).toEqual({ status: 400, code: 'invalid_request', detail: 'The request body must be object.', log: false });
  });
});

describe('problemBody', () => {
  it('is RFC 9457 problem details with the code and field errors as extension members', () => {
    expect(problemBody(describeError(new FieldErrors({ alt: 'Describe the image.' })), '/api/v1/admin/media')).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'Describe the image.',
      instance: '/api/v1/admin/media',
      code: 'invalid_fields',
      errors: { alt: 'Describe the image.' },
    });
  });

  it('drops the detail, code and fields of a 5xx even when a caller passes them', () => {
    expect(problemBody({ status: 500, code: 'internal_error', detail: 'stack at x.ts:1', fields: { a: 'b' } }, '/api/v1/articles')).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      instance: '/api/v1/articles',
    });
  });

  it('answers a status alone', () => {
    expect(problem(429, '/api/v1/articles', 'Slow down.')).toEqual({ type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'Slow down.', instance: '/api/v1/articles', code: 'rate_limited' });
    expect(describeStatus(404)).toEqual({ status: 404, code: 'not_found', log: false });
  });
});

describe('isUniqueViolation', () => {
  it('recognises both drivers’ unique violations and nothing else', () => {
    expect(isUniqueViolation({ code: '23505' })).toBe(true);
    expect(isUniqueViolation({ code: 'SQLITE_CONSTRAINT_UNIQUE' })).toBe(true);
    expect(isUniqueViolation({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' })).toBe(true);
    expect(isUniqueViolation({ code: '23503' })).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
    expect(isUniqueViolation(new Error('unique'))).toBe(false);
  });
});
