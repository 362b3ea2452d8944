import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.js';
import { FieldErrors } from '../../lib/errors.js';
import { signDelivery, verifyDelivery } from './signature.js';
import { checkWebhookInput, newWebhookSecret, parseEvents } from './webhook.js';

const refusal = (fn: () => unknown): Record<string, string> => {
  try {
    fn();
  } catch (error) {
    if (error instanceof FieldErrors) return error.fields;
    throw error;
  }
  throw new Error('not refused');
};

describe('webhook form', () => {
  const ok = { url: 'https://hooks.example.com/dateline', events: ['article.published'], description: '  Push alerts for the app  ' };

  it('accepts an https address and cleans up', () => {
    expect(checkWebhookInput(ok, { allowPrivate: false })).toEqual({ url: 'https://hooks.example.com/dateline', events: ['article.published'], description: 'Push alerts for the app' });
    // Events come back in the canonical order, whatever order the form sent.
    expect(checkWebhookInput({ ...ok, events: ['article.unpublished', 'article.published'] }, { allowPrivate: false }).events).toEqual(['article.published', 'article.unpublished']);
  });

  it.each([
    ['', 'Give the address'],
    ['hooks.example.com/x', 'is not a web address'],
    ['ftp://hooks.example.com/x', 'Only http:// and https://'],
    ['javascript:alert(1)', 'Only http:// and https://'],
    ['https://user:pass@hooks.example.com/', 'Leave the user name and password out'],
    ['https://hooks.example.com/#part', 'must not have a #fragment'],
    [`https://hooks.example.com/${'a'.repeat(2_000)}`, 'at most 2,000 characters'],
  ])('refuses the address %j', (url, message) => {
    expect(refusal(() => checkWebhookInput({ ...ok, url }, { allowPrivate: true })).url).toContain(message);
  });

  it.each(['http://127.0.0.1:9000/hook', 'http://localhost/hook', 'http://[::1]/hook', 'http://10.0.0.7/hook', 'http://169.254.169.254/latest/meta-data', 'http://2130706433/'])(
    'refuses %s unless private addresses are allowed',
    (url) => {
      expect(refusal(() => checkWebhookInput({ ...ok, url }, { allowPrivate: false })).url).toContain('private network');
      expect(checkWebhookInput({ ...ok, url }, { allowPrivate: true }).url).toBe(new URL(url).href);
    },
  );

  it('needs known events, at least one, and a short description', () => {
    expect(refusal(() => checkWebhookInput({ ...ok, events: [] }, { allowPrivate: false })).events).toBe('Choose at least one event to send.');
    expect(refusal(() => checkWebhookInput({ ...ok, events: ['article.deleted'] }, { allowPrivate: false })).events).toBe('Choose events from the list.');
    expect(refusal(() => checkWebhookInput({ ...ok, description: 'x'.repeat(501) }, { allowPrivate: false })).description).toContain('at most 500');
  });

  it('reads stored events defensively', () => {
    expect(parseEvents('["article.updated","nonsense","article.published"]')).toEqual(['article.published', 'article.updated']);
    expect(parseEvents('not json')).toEqual([]);
    expect(parseEvents('{"a":1}')).toEqual([]);
  });

  it('makes long, distinct secrets', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newWebhookSecret()).not.toBe(a);
  });
});

describe('signatures', () => {
  const secret = 'whsec_test-secret-for-the-unit-test';
  const body = '{"id":"4b0b","event":"article.published"}';
  const now = new Date('2026-11-24T12:00:00Z');
  const timestamp = String(now.getTime() / 1000);

  it('is the hex HMAC-SHA256 of "timestamp.body"', () => {
    expect(signDelivery(secret, timestamp, body)).toBe(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`);
  });

  it('verifies, and refuses anything changed, missing or too old', () => {
    const signature = signDelivery(secret, timestamp, body);
    expect(verifyDelivery({ secret, body, signature, timestamp, now })).toBe(true);
    expect(verifyDelivery({ secret, body, signature, timestamp, now: new Date(now.getTime() + 299_000) })).toBe(true);
    expect(verifyDelivery({ secret, body, signature, timestamp, now: new Date(now.getTime() + 301_000) })).toBe(false);
    expect(verifyDelivery({ secret, body: `${body} `, signature, timestamp, now })).toBe(false);
    expect(verifyDelivery({ secret, body, signature, timestamp: String(Number(timestamp) + 1), now })).toBe(false);
    expect(verifyDelivery({ secret, body, signature: signature.toUpperCase(), timestamp, now })).toBe(false);
    expect(verifyDelivery({ secret, body, signature: undefined, timestamp, now })).toBe(false);
    expect(verifyDelivery({ secret, body, signature, timestamp: 'soon', now })).toBe(false);
  });
});

describe('WEBHOOK_ALLOW_PRIVATE', () => {
  it('is on for a site on this machine and off for a public one, unless set', () => {
    expect(loadConfig({}).webhookAllowPrivate).toBe(true);
    expect(loadConfig({ SITE_URL: 'http://127.0.0.1:8080' }).webhookAllowPrivate).toBe(true);
    expect(loadConfig({ SITE_URL: 'http://[::1]:3000' }).webhookAllowPrivate).toBe(true);
    expect(loadConfig({ SITE_URL: 'https://news.example' }).webhookAllowPrivate).toBe(false);
    expect(loadConfig({ SITE_URL: 'https://news.example', WEBHOOK_ALLOW_PRIVATE: 'true' }).webhookAllowPrivate).toBe(true);
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'false' }).webhookAllowPrivate).toBe(false);
    expect(() => loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'sometimes' })).toThrow(/^Invalid configuration: WEBHOOK_ALLOW_PRIVATE /);
  });
});
