import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { projectPath } from '../../src/server/project-path.js';
import { createUser } from '../../src/server/users/create-user.js';
import type { Role } from '../../src/server/db/schema.js';
import type { TestApp } from './test-app.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = projectPath('test-results', 'screenshots');
const WEB_INDEX = projectPath('dist', 'web', 'index.html');
export const TEST_PASSWORD = 'correct horse battery staple';

/** Is Debian's chromium there? In CI it must be: a missing browser fails the run instead of skipping. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI === 'true') throw new Error(`The browser suite needs chromium at ${CHROMIUM_PATH} in CI (apt-get install -y chromium).`);
  return false;
}

/** `describe` for browser journeys: skipped locally without chromium, never in CI. */
export const describeBrowser: typeof describe = chromiumAvailable() ? describe : (describe.skip as typeof describe);

/** One headless chromium per test file; pages come from `openPage`. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(WEB_INDEX)) throw new Error(`${WEB_INDEX} is missing: run "npx vite build" before the browser tests (npm test does).`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}

export type OpenPage = { context: BrowserContext; page: Page; errors: string[]; dialogs: string[] };

/**
 * A fresh browser context (its own cookies) on the test server. `errors` collects uncaught page
 * errors and Content-Security-Policy violations, and `dialogs` every alert/confirm the page opens
 * (dismissed), so a test can assert none.
 */
export async function openPage(
  browser: Browser,
  t: TestApp,
  opts: { viewport?: { width: number; height: number }; locale?: string; timezoneId?: string; permissions?: string[] } = {},
): Promise<OpenPage> {
  const context = await browser.newContext({
    baseURL: t.url,
    viewport: opts.viewport ?? { width: 1280, height: 800 },
    locale: opts.locale ?? 'en-US',
    timezoneId: opts.timezoneId,
  });
  if (opts.permissions) await context.grantPermissions(opts.permissions, { origin: t.url });
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // A resource the Content-Security-Policy blocks raises no page error, only this console message.
  page.on('console', (message) => {
    if (/Content[ -]Security[ -]Policy/i.test(message.text())) errors.push(message.text());
  });
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => {});
  });
  return { context, page, errors, dialogs };
}

/** A user who can sign in through the login page with TEST_PASSWORD. */
export async function createBrowserUser(t: TestApp, role: Role, extra: { name?: string; email?: string; capacity?: number; language?: string } = {}) {
  const email = extra.email ?? `${role}-${Math.random().toString(36).slice(2, 8)}@test.local`;
  const user = await createUser(t.ctx.db, { email, name: extra.name ?? `Test ${role}`, password: TEST_PASSWORD, role, capacity: extra.capacity, language: extra.language });
  return { ...user, password: TEST_PASSWORD };
}

/** Signs in through the login page as a person would, then waits for the page `next` leads to. */
export async function logIn(page: Page, credentials: { email: string; password: string }, next = '/agent'): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.locator('input[type=email]').fill(credentials.email);
  await page.locator('input[type=password]').fill(credentials.password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL((url) => url.pathname.startsWith(next));
}

/** Saves test-results/screenshots/<name>.png (gitignored; the tests produce them). */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

const AXE_SCRIPT = projectPath('node_modules', 'axe-core', 'axe.min.js');

export type AccessibilityProblem = { rule: string; impact: string | null; help: string; targets: string[] };

/**
 * Runs axe-core (WCAG 2 A and AA rules) on the page as it is now and answers what it found,
 * e.g. controls without an accessible name. `disable` turns rules off by id.
 */
export async function accessibilityProblems(page: Page, opts: { disable?: string[] } = {}): Promise<AccessibilityProblem[]> {
  // Not addScriptTag: that adds an inline script, which the page's Content-Security-Policy refuses.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${await readFile(AXE_SCRIPT, 'utf8')}\n;undefined`);
  const rules = Object.fromEntries((opts.disable ?? []).map((id) => [id, { enabled: false }]));
  const result = await page.evaluate(async (ruleConfig) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, rules: ruleConfig });
  }, rules);
  return result.violations.map((v) => ({ rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}
