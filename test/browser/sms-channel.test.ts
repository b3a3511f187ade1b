import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { ACCOUNT_SID, AUTH_TOKEN, randomMessageSid, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { postSignedWebhook } from '../helpers/twilio-signing.js';
import { accessibilityProblems, createBrowserUser, describeBrowser, launchBrowser, logIn, openPage, screenshot, type OpenPage } from '../helpers/browser.js';

const SMS_NUMBER = '+14155550199';
const CUSTOMER = '+15550002001';

/**
 * SMS from the admin center to the agent workspace: an admin adds a number that carries SMS and
 * creates an SMS workstream by clicking; a customer texts; the agent sees the channel, no window
 * countdown, and the segment count of the reply (Korean text is UCS-2), in English and in Korean.
 */
describeBrowser('SMS in the admin center and the agent workspace', () => {
  let t: TestApp;
  let fake: FakeTwilio;
  let setup: WhatsappSetup;
  let browser: Browser;
  let admin: OpenPage;
  let page: Page;
  let conversationId = '';

  beforeAll(async () => {
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    [t, browser] = await Promise.all([startTestApp('pglite', { workers: true, config: { twilioApiBaseUrl: fake.baseUrl } }), launchBrowser()]);
    setup = await setupWhatsapp(t);
    const user = await createBrowserUser(t, 'admin', { name: 'Ada Admin' });
    admin = await openPage(browser, t);
    page = admin.page;
    await logIn(page, user, `/admin/accounts/${setup.accountId}`);
   }, 300_000); // slow machines: the app, its migrations and chromium start here
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await fake?.close();
  });

  const next = () => page.getByRole('button', { name: 'Next', exact: true }).click();
  const heading = (name: string) => page.getByRole('heading', { name, exact: true }).waitFor();

  it('adds a number that carries SMS only, and shows each number’s channels with the workstream serving each', async () => {
    const form = page.getByRole('form', { name: 'Add a number' });
    await form.getByLabel('Name', { exact: true }).fill('Text line');
    await form.getByLabel('Number', { exact: true }).fill(SMS_NUMBER);
    await form.getByRole('checkbox', { name: 'WhatsApp' }).uncheck();
    await form.getByRole('button', { name: 'Add number' }).click();
    await form.getByText('Choose at least one.').waitFor();
    await form.getByRole('checkbox', { name: 'SMS' }).check();
    await form.getByRole('button', { name: 'Add number' }).click();
    const row = page.getByRole('row', { name: new RegExp(`Text line.*\\${SMS_NUMBER}`) });
    await row.locator('.channel-badge', { hasText: 'SMS' }).waitFor();
    expect(await row.textContent()).toContain('No workstream');
    await page.getByRole('row', { name: /Support/ }).getByText('WhatsApp', { exact: true }).waitFor();
    await screenshot(page, 'sms-admin-numbers');
    expect(await accessibilityProblems(page)).toEqual([]);
    const account = await t.request('GET', `/api/v1/messaging-accounts/${setup.accountId}`, { token: setup.admin.token });
    expect(account.body.numbers.find((n: { number: string }) => n.number === SMS_NUMBER)).toMatchObject({ channels: ['sms'] });
  });

  it('creates an SMS workstream: the channel first, only numbers carrying SMS, no template step', async () => {
    await page.getByRole('link', { name: 'Workstreams' }).click();
    await page.getByRole('link', { name: 'New workstream' }).click();
    await page.getByRole('radio', { name: 'SMS' }).check();
    await page.getByLabel('Name', { exact: true }).fill('Text support');
    await page.getByRole('radio', { name: /^Pick/ }).check();
    await page.getByRole('button', { name: 'Create and set up the channel' }).click();

    await page.getByRole('heading', { name: 'SMS setup: Text support' }).waitFor();
    await heading('Number');
    await page.getByRole('group', { name: 'SMS number' }).waitFor();
    expect(await page.getByRole('radio').count()).toBe(1); // the WhatsApp-only number is not offered
    await page.getByRole('radio', { name: new RegExp(`Text line.*\\${SMS_NUMBER}`) }).check();
    await screenshot(page, 'sms-setup-1-number');
    await next();
    await heading('Language');
    await next();
    await heading('Behaviors');
    await page.getByRole('group', { name: 'Automated messages' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Message templates' }).count()).toBe(0);
    await screenshot(page, 'sms-setup-3-behaviors');
    await next();
    await heading('User features');
    await next();
    await heading('Summary');
    expect(await page.getByRole('main').getByText('Message templates').count()).toBe(0);
    await page.getByRole('button', { name: 'Finish' }).click();
    await page.getByText('Channel setup saved.').waitFor();

    const workstreams = await t.request('GET', '/api/v1/workstreams', { token: setup.admin.token });
    const sms = workstreams.body.items.find((w: { name: string }) => w.name === 'Text support');
    const account = await t.request('GET', `/api/v1/messaging-accounts/${setup.accountId}`, { token: setup.admin.token });
    const number = account.body.numbers.find((n: { number: string }) => n.number === SMS_NUMBER);
    expect(sms).toMatchObject({ channel: 'sms', sms: { numberId: number.id } });
    expect(sms.whatsapp).toBeUndefined();

    await page.getByRole('link', { name: 'Workstreams' }).click();
    await page.getByRole('row', { name: /Text support/ }).locator('.channel-badge', { hasText: 'SMS' }).waitFor();
    await page.getByRole('row', { name: /WhatsApp/ }).locator('.channel-badge', { hasText: 'WhatsApp' }).waitFor();
    await screenshot(page, 'sms-admin-workstreams');
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('refuses to take SMS off the number while the workstream answers it, with the server’s reason', async () => {
    await page.goto(`/admin/accounts/${setup.accountId}`);
    await page.getByRole('button', { name: 'Edit Text line' }).click();
    const form = page.getByRole('form', { name: 'Edit Text line' });
    await form.getByRole('checkbox', { name: 'WhatsApp' }).check();
    await form.getByRole('checkbox', { name: 'SMS' }).uncheck();
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText(/A workstream answers sms on this number/).waitFor();
    await form.getByRole('button', { name: 'Cancel' }).click();
  });

  it('shows the agent an SMS conversation with its badge, no countdown, and the segment count (Korean is UCS-2)', async () => {
    const sid = randomMessageSid();
    const res = await postSignedWebhook(setup.inboundUrl, AUTH_TOKEN, {
      MessageSid: sid, SmsMessageSid: sid, SmsSid: sid, AccountSid: ACCOUNT_SID, From: CUSTOMER, To: SMS_NUMBER, Body: 'Is my order *shipped*?',
      NumMedia: '0', NumSegments: '1', SmsStatus: 'received', ApiVersion: '2010-04-01',
    });
    expect(res.status).toBe(200);
    const list = await t.request('GET', '/api/v1/conversations?state=open', { token: setup.admin.token });
    const conversation = list.body.items.find((c: { customer: { phone: string } }) => c.customer.phone === CUSTOMER);
    expect(conversation).toMatchObject({ channel: 'sms', windowExpiresAt: null });
    conversationId = conversation.id;

    const agent = await openPage(browser, t);
    const p = agent.page;
    await logIn(p, await createBrowserUser(t, 'supervisor', { name: 'Sam Supervisor' }));
    await p.getByRole('tab', { name: /Open to pick/ }).click();
    const row = p.locator('.conversation-row', { hasText: 'Is my order *shipped*?' });
    await row.locator('.channel-badge', { hasText: 'SMS' }).waitFor();
    await row.click();
    await p.getByRole('button', { name: 'Pick', exact: true }).click();
    await p.locator('.pane-header .channel-badge', { hasText: 'SMS' }).waitFor();
    // SMS shows no formatting: the customer's asterisks are what they typed.
    await p.locator('.bubble-text', { hasText: 'Is my order *shipped*?' }).waitFor();
    expect(await p.locator('.bubble-text strong').count()).toBe(0);
    const box = p.getByRole('textbox', { name: 'Message' });
    await box.waitFor();
    expect(await p.locator('.window-countdown').count()).toBe(0);
    expect(await p.getByRole('button', { name: 'Templates' }).count()).toBe(0);
    expect(await p.getByRole('button', { name: 'Bold (*text*)' }).count()).toBe(0);

    await box.fill('Your order ships today, 5€ off next time.');
    await p.locator('.segment-count', { hasText: '1 SMS segment · GSM-7 · 118 left' }).waitFor();
    await box.fill('주문하신 상품은 오늘 발송됩니다. 감사합니다!');
    await p.locator('.segment-count', { hasText: '1 SMS segment · UCS-2 · 45 left' }).waitFor();
    await box.fill('주문'.repeat(40));
    await p.locator('.segment-count', { hasText: '2 SMS segments · UCS-2' }).waitFor();
    await box.fill('*Bold* is plain text on SMS');
    expect(await p.locator('.format-preview').count()).toBe(0);
    await box.fill('주문하신 상품은 오늘 발송됩니다. 감사합니다!');
    await screenshot(p, 'sms-agent-conversation');
    expect(await accessibilityProblems(p)).toEqual([]);
    await box.press('Enter');
    await expect.poll(() => fake.messages.find((m) => m.body === '주문하신 상품은 오늘 발송됩니다. 감사합니다!'), { timeout: 10_000 }).toMatchObject({ to: CUSTOMER, from: SMS_NUMBER });

    await p.locator('.customer-addresses', { hasText: CUSTOMER }).locator('.channel-badge', { hasText: 'SMS' }).waitFor();
    expect(agent.errors).toEqual([]);
  });

  it('shows the same in the Korean interface', async () => {
    const ko = await openPage(browser, t);
    const p = ko.page;
    await logIn(p, await createBrowserUser(t, 'supervisor', { name: '김 감독', language: 'ko' }), `/agent/c/${conversationId}`);
    await p.getByRole('combobox', { name: 'Language' }).selectOption('ko');
    await p.locator('.pane-header .channel-badge', { hasText: 'SMS' }).waitFor();
    const box = p.locator('textarea.composer-input');
    await box.fill('안녕하세요');
    await screenshot(p, 'sms-agent-conversation-ko-typed');
    await p.locator('.segment-count', { hasText: 'SMS 1건 · UCS-2 · 65자 남음' }).waitFor();
    expect(await p.locator('.window-countdown').count()).toBe(0);
    await screenshot(p, 'sms-agent-conversation-ko');
    expect(await accessibilityProblems(p)).toEqual([]);
    expect(ko.errors).toEqual([]);
  });
});
