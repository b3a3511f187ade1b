import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { ACCOUNT_SID, AUTH_TOKEN, customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { accessibilityProblems, createBrowserUser, describeBrowser, launchBrowser, logIn, openPage, screenshot, type OpenPage } from '../helpers/browser.js';

/** An admin searches transcripts, downloads one, erases a customer and sets data retention. */
describeBrowser('supervisor area: transcripts and data protection', () => {
  let t: TestApp;
  let fake: FakeTwilio;
  let setup: WhatsappSetup;
  let browser: Browser;
  let admin: OpenPage;
  let page: Page;

  beforeAll(async () => {
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    [t, browser] = await Promise.all([startTestApp('pglite', { config: { twilioApiBaseUrl: fake.baseUrl } }), launchBrowser()]);
    setup = await setupWhatsapp(t);
    const user = await createBrowserUser(t, 'admin', { name: 'Ana Admin' });
    admin = await openPage(browser, t);
    page = admin.page;
    await logIn(page, user, '/supervisor');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await fake?.close();
  });

  it('finds a conversation by text, shows its transcript, and erases the customer', async () => {
    await customerWrites(t, setup, { from: '+15550004101', name: 'Grace Hopper', body: 'My compiler invoice is wrong' });
    await customerWrites(t, setup, { from: '+15550004102', name: 'Alan Turing', body: 'Question about my machine' });
    await page.getByRole('link', { name: 'Transcripts' }).click();
    await page.getByLabel('Text in a message').fill('invoice');
    await page.getByRole('button', { name: 'Search' }).click();
    const results = page.getByTestId('search-results');
    await results.getByText('My compiler invoice is wrong').waitFor();
    expect(await results.locator('tbody tr').count()).toBe(1);

    const transcript = await page.request.get(await results.getByRole('link', { name: 'View' }).getAttribute('href') as string);
    expect(await transcript.text()).toContain('Grace Hopper: My compiler invoice is wrong');
    await screenshot(page, 'supervisor-transcript-search');
    expect(await accessibilityProblems(page)).toEqual([]);

    await results.getByRole('button', { name: 'Erase customer' }).click();
    await results.getByRole('button', { name: 'Erase Grace Hopper for good' }).click();
    await page.getByText('No conversation matches.').waitFor();
    expect(await t.ctx.db.selectFrom('contacts').select('id').where('phone', '=', '+15550004101').execute()).toEqual([]);
    expect(await t.ctx.db.selectFrom('contacts').select('id').where('phone', '=', '+15550004102').execute()).toHaveLength(1);
  });

  it('sets the retention period, audited', async () => {
    await page.getByRole('link', { name: 'Data protection' }).click();
    await page.getByLabel('Keep for (days)').fill('90');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    await page.getByRole('button', { name: 'Purge now' }).click();
    await page.getByText(/Purged 0 messages/).waitFor();
    await screenshot(page, 'supervisor-data-protection');
    const row = await t.ctx.db.selectFrom('operations_settings').select('retention_days').executeTakeFirstOrThrow();
    expect(row.retention_days).toBe(90);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'entity_type']).where('entity_type', 'in', ['retention-setting', 'customer']).execute();
    expect(audit).toEqual(expect.arrayContaining([{ action: 'updated', entity_type: 'retention-setting' }, { action: 'erased', entity_type: 'customer' }]));
    expect(admin.errors).toEqual([]);
  });
});
