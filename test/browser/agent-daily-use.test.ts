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
 * What an agent meets in a first week. On a phone (390×844) the list and the conversation take
 * turns, a Back control leads out of a conversation, and the composer and customer panel stay in
 * reach. Signing in makes the agent Available. A transfer carries a hand-over note and shows each
 * colleague's presence and load.
 */
describeBrowser('agent workspace: phone, presence at sign-in, hand-over', () => {
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

  async function joinQueue(userId: string) {
    const queue = await t.request('GET', `/api/v1/queues/${setup.queueId}`, { token: setup.admin.token });
    const joined = await t.request('PATCH', `/api/v1/queues/${setup.queueId}`, { token: setup.admin.token, body: { agentIds: [...queue.body.agentIds, userId] } });
    expect(joined.status).toBe(200);
  }

  async function phoneAgent(name: string, locale: string): Promise<Page> {
    const user = await createBrowserUser(t, 'agent', { name, capacity: 100 });
    await joinQueue(user.id);
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

  it('signs an agent in as Available, with the desktop layout and no Back control', async () => {
    const user = await createBrowserUser(t, 'agent', { name: 'Desk Agent', capacity: 100 });
    await joinQueue(user.id);
    const { page, context, errors } = await openPage(browser, t);
    await logIn(page, user);
    const presence = page.getByRole('combobox', { name: 'Presence' });
    await expect.poll(() => presence.inputValue()).toBe('available');
    expect(await page.locator('.topbar-more-toggle').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Quick replies' }).isVisible()).toBe(true);
    const { conversationId } = await customerWrites(t, setup, { from: '+15550003101', name: 'Desk Customer', body: 'Hi from the desk' });
    await page.goto(`/agent/c/${conversationId}`);
    await page.locator('.bubble-row', { hasText: 'Hi from the desk' }).waitFor();
    expect(await page.locator('.pane-back').isVisible()).toBe(false);
    expect(await page.locator('.conversation-list').isVisible()).toBe(true);
    await page.screenshot({ path: '/tmp/agentux-desktop-signed-in.png' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("transfers to a colleague with a hand-over note, showing each colleague's presence and load; the colleague reads the note in the thread", async () => {
    const sam = await createBrowserUser(t, 'agent', { name: 'Sam Sender', capacity: 100 });
    const kim = await createBrowserUser(t, 'agent', { name: 'Kim Receiver', capacity: 4 });
    await joinQueue(sam.id);
    await joinQueue(kim.id);
    const receiver = await openPage(browser, t, { locale: 'ko-KR' });
    await logIn(receiver.page, kim);
    const sender = await openPage(browser, t);
    const page = sender.page;
    await logIn(page, sam);

    // Kim already holds one conversation: 1 of 4 in use.
    const held = await customerWrites(t, setup, { from: '+15550003201', name: 'Held Customer', body: 'First' });
    const kimToken = (await t.request('POST', '/api/v1/auth/login', { body: { email: kim.email, password: kim.password } })).body.token;
    expect((await t.request('POST', `/api/v1/conversations/${held.conversationId}/pick`, { token: kimToken })).status).toBe(200);

    const { conversationId } = await customerWrites(t, setup, { from: '+15550003202', name: 'Handed Customer', body: 'My order 1234 never came' });
    await page.goto(`/agent/c/${conversationId}`);
    await page.getByRole('button', { name: 'Pick', exact: true }).click();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    await page.getByRole('button', { name: 'Transfer' }).click();
    const dialog = page.getByRole('dialog', { name: 'Transfer the conversation' });
    const target = dialog.getByRole('combobox', { name: 'Transfer to' });
    const kimOption = target.locator('option', { hasText: 'Kim Receiver' });
    await expect.poll(() => kimOption.textContent()).toBe('Kim Receiver · Available · 1 of 4 in use');
    await target.selectOption({ label: 'Kim Receiver · Available · 1 of 4 in use' });
    await dialog.getByRole('status').filter({ hasText: '1 of 4 in use' }).waitFor();
    await dialog.getByRole('textbox', { name: 'Hand-over note (optional)' }).fill('Refund approved by billing; just confirm the address.');
    await page.screenshot({ path: '/tmp/agentux-transfer-dialog-en.png' });
    expect(await accessibilityProblems(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Transfer' }).click();
    await page.waitForURL((url) => url.pathname === '/agent');

    const events = await t.ctx.db.selectFrom('conversation_events').select('data').where('conversation_id', '=', conversationId).where('type', '=', 'transferred').execute();
    expect(events.map((e) => e.data)).toMatchObject([{ toAgentId: kim.id, note: 'Refund approved by billing; just confirm the address.' }]);

    // Kim, in Korean, finds the note set apart in the thread, never as a message to the customer.
    await receiver.page.goto(`/agent/c/${conversationId}`);
    const card = receiver.page.locator('.handover-card');
    await card.waitFor();
    expect(await card.locator('.note-body').textContent()).toBe('Refund approved by billing; just confirm the address.');
    expect(await card.locator('.note-meta').textContent()).toContain('Sam Sender');
    expect(await card.getAttribute('aria-label')).toBe('인계 메모');
    expect(fake.messages.some((m) => m.body.includes('Refund approved'))).toBe(false);
    await receiver.page.screenshot({ path: '/tmp/agentux-handover-received-ko.png' });
    expect(sender.errors).toEqual([]);
    expect(receiver.errors).toEqual([]);
    await sender.context.close();
    await receiver.context.close();
  });
});
