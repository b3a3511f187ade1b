import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { ACCOUNT_SID, AUTH_TOKEN, customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { createBrowserUser, describeBrowser, launchBrowser, logIn, openPage, screenshot } from '../helpers/browser.js';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/**
 * Wrap-up in the agent workspace: labels on a conversation from its header (shown in the list, which
 * filters by label), and End asking for the reason the workstream requires, labels and a summary.
 * The admin center keeps the labels. English and Korean, on a desktop and on a phone.
 */
describeBrowser('wrap-up reasons, labels and summary', () => {
  let t: TestApp;
  let fake: FakeTwilio;
  let setup: WhatsappSetup;
  let browser: Browser;
  let customers = 0;
  const labelIds: Record<string, string> = {};

  beforeAll(async () => {
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    [t, browser] = await Promise.all([startTestApp('pglite', { workers: true, config: { twilioApiBaseUrl: fake.baseUrl } }), launchBrowser()]);
    setup = await setupWhatsapp(t);
    const admin = { token: setup.admin.token };
    const workstreamId = (await t.request('GET', '/api/v1/workstreams', admin)).body.items[0].id as string;
    const reasons = await t.request('PATCH', `/api/v1/workstreams/${workstreamId}`, { ...admin, body: { wrapUpReasons: ['Resolved', 'Refund issued', 'Spam'], wrapUpReasonRequired: true } });
    expect(reasons.status).toBe(200);
    for (const [name, color] of [['Billing', '#d97706'], ['VIP', '#7c3aed'], ['Bug', '#dc2626']]) {
      const label = await t.request('POST', '/api/v1/labels', { ...admin, body: { name, color } });
      expect(label.status).toBe(201);
      labelIds[name] = label.body.id;
    }
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await fake?.close();
  });

  const words = {
    en: { end: 'End conversation', filter: 'Filter by label', add: 'Add a label', given: 'Wrap-up: Refund issued' },
    ko: { end: '마무리하기', filter: '라벨로 거르기', add: '라벨 추가', given: '마무리: Refund issued' },
  } as const;

  for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    for (const [language, locale] of [['en', 'en-US'], ['ko', 'ko-KR']] as const) {
      it(`labels a conversation, filters the list by label and ends it with a required reason (${language}, ${size})`, async () => {
        customers += 1;
        const w = words[language];
        const customer = `Wrap Customer ${customers}`;
        const user = await createBrowserUser(t, 'agent', { name: `Agent ${customers}`, capacity: 100 });
        const queue = await t.request('GET', `/api/v1/queues/${setup.queueId}`, { token: setup.admin.token });
        await t.request('PATCH', `/api/v1/queues/${setup.queueId}`, { token: setup.admin.token, body: { agentIds: [...queue.body.agentIds, user.id] } });
        const { page, errors } = await openPage(browser, t, { viewport, locale });
        await logIn(page, user);
        const { conversationId } = await customerWrites(t, setup, { from: `+1555000410${customers}`, name: customer, body: 'My parcel arrived broken' });
        await page.goto(`/agent/c/${conversationId}`);
        await page.locator('.bubble-row', { hasText: 'My parcel arrived broken' }).waitFor();
        await page.locator('.pane-actions button.primary').click();
        await page.locator('.pane-actions button[aria-keyshortcuts="Alt+E"]').waitFor();

        // A label from the header: shown there at once (the realtime update) and in the list.
        await page.getByLabel(w.add).selectOption(labelIds.VIP);
        await page.locator('.pane-labels .label-chip', { hasText: 'VIP' }).waitFor();
        if (size === 'desktop') {
          await page.locator('.conversation-row', { hasText: customer }).locator('.label-chip', { hasText: 'VIP' }).waitFor();
          await page.getByLabel(w.filter).selectOption(labelIds.VIP);
          await page.locator('.conversation-row', { hasText: customer }).waitFor();
          await screenshot(page, `wrap-up-labels-${language}-${size}`);
          await page.getByLabel(w.filter).selectOption(labelIds.Bug);
          await page.locator('.conversation-row', { hasText: customer }).waitFor({ state: 'detached' });
          await page.getByLabel(w.filter).selectOption('');
        } else {
          await screenshot(page, `wrap-up-labels-${language}-${size}`);
        }

        // End asks for the wrap-up; the reason is required, so End waits for it.
        await page.locator('.pane-actions button[aria-keyshortcuts="Alt+E"]').click();
        const dialog = page.getByRole('alertdialog');
        const end = dialog.getByRole('button', { name: w.end });
        expect(await end.isDisabled()).toBe(true);
        await dialog.locator('select').selectOption('Refund issued');
        await dialog.locator('.wrap-up-label', { hasText: 'Billing' }).locator('input').check();
        await dialog.locator('textarea').fill('Refunded the broken parcel.');
        await screenshot(page, `wrap-up-dialog-${language}-${size}`);
        await end.click();
        await page.locator('.pane-title .state-chip.state-wrap-up').waitFor();
        await page.locator('.pane-wrap-up', { hasText: w.given }).waitFor();
        await page.locator('.pane-labels .label-chip', { hasText: 'Billing' }).waitFor();
        await screenshot(page, `wrap-up-done-${language}-${size}`);

        const stored = (await t.request('GET', `/api/v1/conversations/${conversationId}`, { token: setup.admin.token })).body;
        expect(stored).toMatchObject({ state: 'wrap-up', wrapUpReason: 'Refund issued', wrapUpSummary: 'Refunded the broken parcel.' });
        expect(stored.labels.map((l: { name: string }) => l.name)).toEqual(['Billing', 'VIP']);
        expect(errors).toEqual([]);
        await page.context().close();
      });
    }
  }

  for (const [language, locale] of [['en', 'en-US'], ['ko', 'ko-KR']] as const) {
    it(`shows the labels and the workstream's wrap-up reasons in the admin center (${language})`, async () => {
      const admin = await createBrowserUser(t, 'admin');
      const { page, errors } = await openPage(browser, t, { viewport: DESKTOP, locale });
      await logIn(page, admin, '/admin/labels');
      await page.locator('.table .label-chip', { hasText: 'Billing' }).waitFor();
      await screenshot(page, `admin-labels-${language}`);
      await page.goto('/admin/workstreams');
      await page.locator('.table a').first().click();
      const reasons = page.locator('textarea').first();
      await reasons.waitFor();
      await reasons.scrollIntoViewIfNeeded();
      expect(await reasons.inputValue()).toBe('Resolved\nRefund issued\nSpam');
      await screenshot(page, `admin-wrap-up-reasons-${language}`);

      // The supervisor's insights count the conversations the agents ended above.
      await page.goto('/supervisor/insights');
      const reasonsTable = page.getByTestId('wrapUpReasons-table');
      await reasonsTable.locator('tr', { hasText: 'Refund issued' }).waitFor();
      expect(await reasonsTable.locator('tr', { hasText: 'Refund issued' }).locator('td').last().textContent()).toBe('4');
      await page.getByTestId('labels-table').locator('tr', { hasText: 'Billing' }).waitFor();
      await page.getByTestId('labels-table').scrollIntoViewIfNeeded();
      await screenshot(page, `insights-wrap-up-${language}`);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }
});
