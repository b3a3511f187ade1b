import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { ACCOUNT_SID, AUTH_TOKEN, customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { accessibilityProblems, createBrowserUser, describeBrowser, launchBrowser, logIn, openPage, screenshot } from '../helpers/browser.js';

const PHONE = { width: 390, height: 844 };

/** Wholly on screen: nothing of it cut off at the phone's edges. */
async function onScreen(locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  return box !== null && box.x >= 0 && box.y >= 0 && box.x + box.width <= PHONE.width && box.y + box.height <= PHONE.height;
}

const heightOf = async (locator: Locator) => (await locator.boundingBox())?.height ?? 0;

/**
 * The agent workspace held in one hand: at 390×844 the list and the conversation take turns, a
 * Back control leads out of a conversation, and the composer and customer panel stay in reach.
 */
describeBrowser('agent workspace on a phone', () => {
  let t: TestApp;
  let fake: FakeTwilio;
  let setup: WhatsappSetup;
  let browser: Browser;
  let customers = 0;

  beforeAll(async () => {
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    [t, browser] = await Promise.all([startTestApp('pglite', { workers: true, config: { twilioApiBaseUrl: fake.baseUrl } }), launchBrowser()]);
    setup = await setupWhatsapp(t);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await fake?.close();
  });

  async function phoneAgent(name: string, locale: string): Promise<Page> {
    const user = await createBrowserUser(t, 'agent', { name, capacity: 100 });
    const queue = await t.request('GET', `/api/v1/queues/${setup.queueId}`, { token: setup.admin.token });
    await t.request('PATCH', `/api/v1/queues/${setup.queueId}`, { token: setup.admin.token, body: { agentIds: [...queue.body.agentIds, user.id] } });
    const { page, errors } = await openPage(browser, t, { viewport: PHONE, locale });
    await logIn(page, user);
    page.once('close', () => expect(errors).toEqual([]));
    return page;
  }

  for (const [language, locale] of [['en', 'en-US'], ['ko', 'ko-KR']] as const) {
    it(`opens the list, a conversation, replies and goes back to the list (${language})`, async () => {
      customers += 1;
      const customer = `Phone Customer ${language}`;
      const text = `Where is my parcel ${customers}?`;
      const page = await phoneAgent(`Pia ${language}`, locale);
      const { conversationId } = await customerWrites(t, setup, { from: `+1555000300${customers}`, name: customer, body: text });

      // The list: a one-row bar, both tabs whole on screen.
      const topbar = page.locator('.agent-topbar');
      await topbar.waitFor();
      expect(await heightOf(topbar)).toBeLessThanOrEqual(56);
      expect(await page.locator('.agent-topbar').evaluate((bar) => bar.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      const openTab = page.locator('.list-tabs .tab').nth(1);
      expect(await onScreen(page.locator('.list-tabs .tab').first())).toBe(true);
      expect(await onScreen(openTab)).toBe(true);
      await openTab.click();
      const row = page.locator('.conversation-row', { hasText: customer });
      await row.waitFor();
      // The rarer buttons wait behind the menu, which opens within the screen.
      await page.locator('.topbar-more-toggle').click();
      await page.locator('.topbar-more .language-picker select').waitFor();
      expect(await onScreen(page.locator('.topbar-more'))).toBe(true);
      await screenshot(page, `agent-phone-menu-${language}`);
      await page.screenshot({ path: `/tmp/agentux-phone-menu-${language}.png` });
      await page.locator('.topbar-more-toggle').click();
      expect(await page.locator('.agent-workspace').evaluate((workspace) => workspace.scrollLeft)).toBe(0);
      await page.screenshot({ path: `/tmp/agentux-phone-list-${language}.png` });

      // The conversation takes the whole screen, with the way back at the top.
      await row.click();
      await page.waitForURL(`**/agent/c/${conversationId}`);
      await page.locator('.bubble-row', { hasText: text }).waitFor();
      expect(await page.locator('.conversation-list').isVisible()).toBe(false);
      expect(await topbar.isVisible()).toBe(false);
      const back = page.locator('.pane-back');
      expect(await onScreen(back)).toBe(true);
      await page.locator('.pane-actions button.primary').click();
      const box = page.locator('.composer-input');
      await box.waitFor();
      expect(await onScreen(box)).toBe(true);
      expect(await onScreen(page.locator('.pane-actions button').last())).toBe(true);
      expect(await heightOf(page.locator('.thread'))).toBeGreaterThan(PHONE.height / 2);
      await box.fill('On its way, arriving today.');
      await box.press('Enter');
      await expect.poll(() => fake.messages.some((m) => m.body === 'On its way, arriving today.'), { timeout: 10_000 }).toBe(true);
      await page.locator('.bubble-row.out', { hasText: 'arriving today' }).waitFor();
      await screenshot(page, `agent-phone-conversation-${language}`);
      await page.screenshot({ path: `/tmp/agentux-phone-conversation-${language}.png` });
      expect(await accessibilityProblems(page)).toEqual([]);

      // The customer panel covers the screen and closes again.
      await page.locator('.customer-toggle').click();
      const panel = page.locator('.customer-panel');
      await panel.waitFor();
      expect(await panel.boundingBox()).toEqual({ x: 0, y: 0, width: PHONE.width, height: PHONE.height });
      await page.screenshot({ path: `/tmp/agentux-phone-customer-${language}.png` });
      await panel.locator('.panel-close').click();
      await panel.waitFor({ state: 'detached' });

      await back.click();
      await page.waitForURL((url) => url.pathname === '/agent');
      await topbar.waitFor();
      await page.locator('.conversation-row', { hasText: customer }).waitFor();
      expect(await page.locator('.conversation-pane').isVisible()).toBe(false);
      await page.context().close();
    });
  }
});
