import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config.js';

const UNIT = path.resolve('deploy/systemd/dateline@.service');
const analyze = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find((p) => fs.existsSync(p));

/** The [Service] settings of the unit, the last value of each name winning as in systemd. */
function serviceSettings(text: string): Map<string, string> {
  const settings = new Map<string, string>();
  let section = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) section = header[1] as string;
    else if (section === 'Service') {
      const eq = line.indexOf('=');
      settings.set(line.slice(0, eq), line.slice(eq + 1));
    }
  }
  return settings;
}

describe('deploy/systemd/dateline@.service', () => {
  const settings = serviceSettings(fs.readFileSync(UNIT, 'utf8'));

  it('gives a graceful stop more time than the app takes to drain, and stops with SIGTERM', () => {
    const stopSeconds = Number(settings.get('TimeoutStopSec'));
    expect(settings.get('KillSignal')).toBe('SIGTERM');
    expect(stopSeconds * 1000).toBeGreaterThan(loadConfig({}).stopTimeoutMs + 5_000);
  });

  it('runs the built server on the port the instance is named after', () => {
    expect(settings.get('ExecStart')).toMatch(/^\/usr\/bin\/node \/opt\/dateline\/dist\/cli\/main\.js serve$/);
    expect(settings.get('Environment')).toContain('PORT=%i');
    expect(settings.get('User')).toBe('dateline');
    expect(settings.get('ReadWritePaths')).toBe(`/var/lib/${settings.get('StateDirectory')}`);
    // V8 writes executable memory: this setting would stop node at its first compile.
    expect(settings.has('MemoryDenyWriteExecute')).toBe(false);
  });

  it.skipIf(analyze === undefined)('passes systemd-analyze verify without a warning', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-unit-'));
    try {
      fs.copyFileSync(UNIT, path.join(dir, 'dateline@.service'));
      const result = spawnSync(analyze as string, ['verify', './dateline@3101.service'], { cwd: dir, encoding: 'utf8' });
      // An unknown or misspelt setting is only a warning (exit 0): any output fails the test.
      expect(`${result.stdout}${result.stderr}`.trim()).toBe('');
      expect(result.status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
