import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { describeBrowser, launchBrowser, openPage } from '../helpers/browser.js';

/**
 * The Content-Security-Policy in Chromium: it refuses an inline script, and every violation lands in
 * `errors` (the other journeys assert theirs empty). The app's own pages are covered by those journeys;
 * here the pages none of them opens: the API docs and the survey page's stylesheet.
 */
describeBrowser('Content-Security-Policy in the browser', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp('pglite'), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('refuses an inline script and reports the violation, so none can pass silently', async () => {
    const { page, errors } = await openPage(browser, t);
    await page.goto('/login');
    await page.locator('input[type=email]').waitFor();
    expect(errors).toEqual([]);
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineScriptRan = true';
      document.body.append(script);
      return 'inlineScriptRan' in window;
    });
    expect(ran).toBe(false);
    await expect.poll(() => errors.join('\n')).toMatch(/Content Security Policy/);
  });

  it('shows the API docs, with their operations, without a violation', async () => {
    const { page, errors } = await openPage(browser, t);
    await page.goto('/api/docs');
    await page.locator('.opblock').first().waitFor();
    // Swagger UI ran under the policy and drew operations. (How many it draws is a separate, open
    // defect: since the admin lifecycle work it stops inside the users section, with no console error.)
    expect(await page.locator('.opblock').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('styles the survey page from its stylesheet, without a violation', async () => {
    const { page, errors } = await openPage(browser, t, { viewport: { width: 390, height: 844 } });
    await page.goto('/survey/not-a-real-token');
    await page.getByRole('heading', { name: 'This survey was already answered or has expired.' }).waitFor();
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(246, 247, 249)');
    expect(errors).toEqual([]);
  });
});
