import { defineConfig } from 'vitest/config';

/**
 * Three projects, each runnable alone (`vitest run --project unit`); `npm test` runs them all.
 * - unit: pure logic beside the code (src/**), no database, no browser, no global setup.
 * - integration: the app in-process on SQLite and PostgreSQL (tests/*.test.ts).
 * - browser: journeys in Chromium against a listening server (tests/e2e).
 * The global setup finds PostgreSQL and Chromium (and refuses to skip them under CI=true); only
 * the projects that use them run it.
 */
const shared = { testTimeout: 30_000, hookTimeout: 60_000, pool: 'forks' as const };

export default defineConfig({
  test: {
    // Vitest's default on a 2-core machine is one worker (cores - 1): every file in turn, while
    // most of a file's time is spent waiting on PostgreSQL, Chromium, child processes and servers.
    // Three files at once took the suite from 1,170 s to 610 s on the same loaded machine.
    maxWorkers: 3,
    minWorkers: 1,
    projects: [
      { test: { ...shared, name: 'unit', include: ['src/**/*.test.ts'] } },
      { test: { ...shared, name: 'integration', include: ['tests/*.test.ts'], globalSetup: ['tests/helpers/global-setup.ts'] } },
      // axe-core over every page of a journey takes 20–30 s on a busy 2-core machine.
      { test: { ...shared, testTimeout: 90_000, name: 'browser', include: ['tests/e2e/**/*.test.ts'], globalSetup: ['tests/helpers/global-setup.ts'] } },
    ],
  },
});
