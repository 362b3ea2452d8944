import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.siteUrl).toBe('http://localhost:3000');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.seedDemo).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['SITE_URL', 'not a url'],
    ['SITE_URL', 'ftp://example.com'],
    ['DATABASE_URL', 'mysql://localhost/x'],
    ['LOG_LEVEL', 'loud'],
    ['SEED_DEMO', 'maybe'],
    ['API_CORS_ORIGINS', 'https://app.example/path'],
    ['API_RATE_LIMIT', '0'],
    ['METRICS_PORT', 'abc'],
    ['METRICS_TOKEN', 'too short'],
    ['METRICS_HOST', '127.0.0.1'],
    ['STOP_TIMEOUT_MS', '-1'],
  ])('names the bad variable %s=%s', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrowError(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrowError(new RegExp(`^Invalid configuration: ${name} `));
  });

  it('reads the API’s allowed origins', () => {
    expect(loadConfig({}).apiCorsOrigins).toEqual(['*']);
    expect(loadConfig({ API_CORS_ORIGINS: 'https://a.example, http://localhost:5173' }).apiCorsOrigins).toEqual(['https://a.example', 'http://localhost:5173']);
  });

  it('normalises SITE_URL without a trailing slash', () => {
    expect(loadConfig({ SITE_URL: 'https://news.example/' }).siteUrl).toBe('https://news.example');
  });
});
