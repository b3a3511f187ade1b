import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { createBrowserUser, describeBrowser, launchBrowser, openPage } from '../helpers/browser.js';

/** The sign-in page tells a person whose account is locked, in their language, when to come back. */
describeBrowser('sign-in page when an account is locked', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp('pglite'), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const submit = async (page: Page, email: string, password: string) => {
    await page.locator('input[type=email]').fill(email);
    await page.locator('input[type=password]').fill(password);
    // The page clears its last message when the form is sent, so the alert read after the answer is the new one.
    const answered = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/login'));
    await page.locator('form button[type=submit]').click();
    await answered;
    return page.getByRole('alert').textContent();
  };

  it('says how many minutes and until what time, in English and Korean, and refuses the right password meanwhile', async () => {
    const user = await createBrowserUser(t, 'agent');
    const { page, errors } = await openPage(browser, t, { timezoneId: 'UTC' });
    await page.goto('/login');
    for (let i = 0; i < 4; i++) expect(await submit(page, user.email, 'wrong password')).toBe('The email or password is not right.');
    expect(await submit(page, user.email, 'wrong password')).toMatch(/^Too many failed sign-ins for this account\. For its safety it is locked: try again in 1 minute, after \d{1,2}:\d{2}/);
    expect(await submit(page, user.email, user.password)).toMatch(/locked: try again in 1 minute/);
    expect(page.url()).toMatch(/\/login/);
    expect(errors).toEqual([]);

    const korean = await openPage(browser, t, { locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
    await korean.page.goto('/login');
    expect(await submit(korean.page, user.email, user.password)).toMatch(/잠겼습니다\. 1분 뒤/);
  });
});
