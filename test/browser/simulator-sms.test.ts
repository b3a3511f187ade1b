import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { accessibilityProblems, describeBrowser, launchBrowser, logIn, openPage, screenshot, type OpenPage } from '../helpers/browser.js';
import { seedDemo } from '../../src/server/seed/demo.js';
import { configureSimulatorNumber, createSimulatorAccount } from '../../src/server/simulator/provision.js';

const SMS_NUMBER = '+14155550188';

/**
 * The customer texts by SMS from the simulator's phone to a number that carries both channels,
 * and the agent's answer comes back as an SMS: labelled, in plain text, in the same thread.
 */
describeBrowser('customer phone by SMS, end to end', () => {
  let t: TestApp;
  let browser: Browser;
  let phone: OpenPage;
  let agent: OpenPage;
  let agentToken: string;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp('pglite', { workers: true }), launchBrowser()]);
    const seed = await seedDemo(t.ctx);
    const credentials = (role: string) => {
      const { email, password } = seed.users.find((u) => u.role === role)!;
      return { email, password };
    };
    const admin = (await t.request('POST', '/api/v1/auth/login', { body: credentials('admin') })).body.token as string;
    agentToken = (await t.request('POST', '/api/v1/auth/login', { body: credentials('agent') })).body.token;
    const twilio = await createSimulatorAccount(t.ctx.db, { friendlyName: 'Texts' });
    const account = await t.request('POST', '/api/v1/messaging-accounts', { token: admin, body: { name: 'Texts', provider: 'simulator', ...twilio } });
    const number = await t.request('POST', `/api/v1/messaging-accounts/${account.body.id}/numbers`, { token: admin, body: { name: 'Text line', number: SMS_NUMBER, channels: ['whatsapp', 'sms'] } });
    expect(number.status).toBe(201);
    await configureSimulatorNumber(t.ctx.db, { accountSid: twilio.accountSid, phoneNumber: SMS_NUMBER, smsUrl: account.body.inboundUrl, friendlyName: 'Text line' });
    const users = await t.request('GET', '/api/v1/users', { token: admin });
    const agentId = users.body.items.find((u: { role: string }) => u.role === 'agent').id;
    const queue = await t.request('POST', '/api/v1/queues', { token: admin, body: { name: 'Texts', agentIds: [agentId] } });
    const workstream = await t.request('POST', '/api/v1/workstreams', {
      token: admin,
      body: { name: 'SMS', channel: 'sms', mode: 'pick', fallbackQueueId: queue.body.id, sms: { numberId: number.body.id } },
    });
    expect(workstream.status).toBe(201);
    [phone, agent] = await Promise.all([openPage(browser, t, { viewport: { width: 390, height: 844 } }), openPage(browser, t)]);
    await logIn(agent.page, credentials('agent'));
    await phone.page.goto('/simulator');
    await logIn(phone.page, credentials('admin'), '/simulator');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("sends an SMS from the phone and shows the agent's answer as an SMS, in English and in Korean", async () => {
    const page = phone.page;
    const change = page.getByRole('button', { name: 'Change' });
    const form = page.getByLabel("Customer's phone number");
    await change.or(form).first().waitFor();
    if (await change.isVisible()) await change.click();
    await form.fill('+15557770088');
    await page.getByLabel("Customer's profile name (WhatsApp shows it)").fill('Grace Hopper');
    await page.getByLabel('Business number to write to').selectOption(SMS_NUMBER);
    await page.getByRole('button', { name: 'Open the chat' }).click();
    await page.locator('.live-dot.on').waitFor();

    await page.getByRole('radio', { name: 'SMS' }).click();
    expect(await page.getByRole('radio', { name: 'SMS' }).getAttribute('aria-checked')).toBe('true');
    expect(await page.getByRole('button', { name: 'Share a location' }).isDisabled()).toBe(true);
    await page.getByRole('textbox', { name: 'Message' }).fill('Is my order *shipped*?');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const mine = page.locator('.phone-row.mine', { hasText: 'Is my order' });
    await mine.locator('.webhook-note.ok').waitFor();
    expect(await mine.locator('.phone-bubble').getAttribute('data-channel')).toBe('sms');

    await agent.page.getByRole('tab', { name: /Open to pick/ }).click();
    // SMS carries no profile name: the agent sees the number.
    const row = agent.page.locator('.conversation-row', { hasText: /777\D?0088/ });
    await row.waitFor();
    await row.click();
    await agent.page.getByRole('button', { name: 'Pick', exact: true }).click();
    // The agent answers through the API: the workspace's composer for SMS (no window) is another change's.
    await agent.page.locator('.pane-actions, .conversation-pane').first().waitFor();
    const conversations = await t.request('GET', '/api/v1/conversations', { token: agentToken });
    const conversation = conversations.body.items.find((c: { customer: { phone: string }; channel: string }) => c.customer.phone === '+15557770088' && c.channel === 'sms');
    await expect.poll(async () => (await t.request('GET', `/api/v1/conversations/${conversation.id}`, { token: agentToken })).body.state).toBe('active');
    const answer = await t.request('POST', `/api/v1/conversations/${conversation.id}/messages`, { token: agentToken, body: { body: 'Hi Grace, it ships *today*.' } });
    expect(answer.status).toBe(201);

    const reply = page.locator('.phone-row.theirs', { hasText: 'it ships' });
    await reply.locator('.ticks[data-status=delivered]').waitFor();
    const bubble = reply.locator('.phone-bubble');
    expect(await bubble.getAttribute('data-channel')).toBe('sms');
    expect(await bubble.locator('.phone-channel').textContent()).toBe('SMS');
    // Plain text, as an SMS app shows it: the asterisks stay, nothing turns bold; and no "Read" button.
    expect(await bubble.locator('.phone-text').textContent()).toBe('Hi Grace, it ships *today*.');
    expect(await bubble.locator('strong').count()).toBe(0);
    expect(await reply.locator('.read-button').count()).toBe(0);
    await screenshot(page, 'simulator-phone-sms');
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.locator('.sim-footer select').selectOption('ko');
    await page.getByRole('radio', { name: '문자' }).waitFor();
    expect(await bubble.locator('.phone-channel').textContent()).toBe('문자');
    await screenshot(page, 'simulator-phone-sms-ko');
    expect(phone.errors).toEqual([]);
  });
});
