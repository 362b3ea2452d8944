import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from './environment.js';

/**
 * Real-browser helpers for the end-to-end tests: Debian's Chromium driven by playwright-core,
 * axe-core for accessibility, and a collector for everything the page complains about.
 */

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches Chromium. Playwright gives every launch a fresh temporary profile (removed on close),
 * and every `newContext()` is a separate incognito-like session with its own storage, so nothing
 * carries over from one run, or one context, to the next.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** The context options every test uses unless it says otherwise: a fixed desktop viewport. */
export const DEFAULT_CONTEXT: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' };

export interface PageProblems {
  /** Console errors (CSP violations arrive this way), uncaught exceptions, failed requests. */
  readonly messages: string[];
}

/**
 * Starts listening to a page for console errors, uncaught exceptions and requests that fail
 * outright or answer with an error status. Attach it before navigating.
 */
export function collectProblems(page: Page): PageProblems {
  const messages: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') {
      const { url, lineNumber } = message.location();
      messages.push(`console.error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (error) => messages.push(`page error: ${error.stack ?? error.message}`));
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText ?? 'unknown';
    // ERR_ABORTED is the browser cancelling what a navigation or reload made unnecessary.
    if (error !== 'net::ERR_ABORTED') messages.push(`request failed: ${request.url()} — ${error}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) messages.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return { messages };
}

export interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

let axeSource: string | undefined;
const axe = () => (axeSource ??= fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));

/**
 * Runs axe-core over the whole page and returns its violations. The page's context must be
 * created with `bypassCSP: true`: the site's CSP rightly refuses the injected script.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axe() });
  return page.evaluate(async () => {
    const { axe: runner } = window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } };
    const results = await runner.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    }));
  });
}

/** Violations as a readable failure message: rule, help, and each offending node. */
export function formatViolations(violations: AxeViolation[], label = ''): string {
  if (violations.length === 0) return `${label}: no axe violations`;
  const lines = [`${label}: ${violations.length} axe violation(s)`];
  for (const v of violations) {
    lines.push(`  [${v.impact ?? 'n/a'}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const node of v.nodes) {
      lines.push(`    - ${JSON.stringify(node.target)} ${node.html.slice(0, 160)}`);
      if (node.failureSummary) lines.push(...node.failureSummary.split('\n').map((l) => `        ${l}`));
    }
  }
  return lines.join('\n');
}

/** Presses Tab until the element matching `selector` has focus; fails when Tab never reaches it. */
export async function tabTo(page: Page, selector: string, max = 150): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} was not reached with Tab`);
}

/**
 * Assertions on locators. playwright-core has no `expect` of its own, and vitest's sees a Locator
 * as an ordinary (always truthy, always defined) object: these wait for the element's state and
 * throw, failing the test, when it is not reached in time.
 */
export async function expectVisible(locator: Locator, timeout = 5_000): Promise<void> {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch {
    throw new Error(`expected ${String(locator)} to be visible within ${timeout} ms`);
  }
}

/** The element is absent or hidden (waits up to `timeout` for it to go). */
export async function expectHidden(locator: Locator, timeout = 5_000): Promise<void> {
  try {
    await locator.first().waitFor({ state: 'hidden', timeout });
  } catch {
    throw new Error(`expected ${String(locator)} to be hidden within ${timeout} ms`);
  }
}
