import type { TestProject } from 'vitest/node';
import { CHROMIUM_PATH, chromiumAvailable, NGINX_PATH, NGINX_PURGE_MODULE, nginxAvailable, postgresAvailable } from './environment.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: boolean;
    chromium: boolean;
    nginx: boolean;
  }
}

/**
 * Finds out once which real parts the suite can use. Without PostgreSQL or Chromium the tests
 * that need them are skipped, loudly; with CI=true a missing part fails the run instead.
 */
export default async function setup(project: TestProject): Promise<void> {
  const postgres = await postgresAvailable();
  const chromium = chromiumAvailable();
  const nginx = nginxAvailable();
  const missing: string[] = [];
  if (!postgres) {
    missing.push(
      'PostgreSQL is not reachable at 127.0.0.1:5432 (user postgres): the PostgreSQL half of the suite is SKIPPED.\n' +
        '  Get it: apt-get install postgresql && pg_ctlcluster 15 main start (trust auth for 127.0.0.1), or set TEST_POSTGRES_URL.',
    );
  }
  const dialects = process.env.DATELINE_TEST_DIALECTS;
  if (dialects !== undefined && dialects.split(',').sort().join(',') !== 'postgres,sqlite') {
    missing.push(`DATELINE_TEST_DIALECTS=${dialects}: the tests of the other dialect are SKIPPED.`);
  }
  if (!chromium) {
    missing.push(`Chromium is not at ${CHROMIUM_PATH}: the browser tests are SKIPPED.\n  Get it: apt-get install chromium (or set CHROMIUM_PATH).`);
  }
  if (!nginx) {
    missing.push(
      `nginx or its cache-purge module is missing (${NGINX_PATH}, ${NGINX_PURGE_MODULE}): the front cache test is SKIPPED.\n` +
        '  Get them: apt-get install nginx libnginx-mod-http-cache-purge (or set NGINX_PATH and NGINX_PURGE_MODULE).',
    );
  }
  if (missing.length) {
    const banner = `\n${'!'.repeat(78)}\n${missing.join('\n')}\n${'!'.repeat(78)}\n`;
    if (process.env.CI === 'true') throw new Error(`CI=true refuses to skip tests.${banner}`);
    console.warn(banner);
  }
  project.provide('postgres', postgres);
  project.provide('chromium', chromium);
  project.provide('nginx', nginx);
}
