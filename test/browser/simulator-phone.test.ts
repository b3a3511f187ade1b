import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { accessibilityProblems, describeBrowser, launchBrowser, logIn, openPage, screenshot, type OpenPage } from '../helpers/browser.js';
import { seedDemo, DEMO_NUMBER } from '../../src/server/seed/demo.js';
import { configureSimulatorNumber, createSimulatorAccount } from '../../src/server/simulator/provision.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const PUSH_NUMBER = '+14155550177';

/**
 * Both ends in the browser: the simulator's customer phone (/simulator) and the agent workspace,
 * on the demo workspace `npm start` creates, with the built-in Twilio simulator in between.
 */
describeBrowser('customer phone and agent workspace, end to end', () => {
  let t: TestApp;
  let browser: Browser;
  let phone: OpenPage;
  let agent: OpenPage;
  let admin: { token: string };

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp('pglite', { workers: true }), launchBrowser()]);
    const seed = await seedDemo(t.ctx);
    const credentials = (role: string) => {
      const { email, password } = seed.users.find((u) => u.role === role)!;
      return { email, password };
    };
    const login = await t.request('POST', '/api/v1/auth/login', { body: credentials('admin') });
    admin = { token: login.body.token };
    await addPushNumber();
    [phone, agent] = await Promise.all([
      openPage(browser, t, { viewport: { width: 390, height: 844 } }),
      openPage(browser, t),
    ]);
    await agent.context.addInitScript(stubDesktopAlerts);
    await logIn(agent.page, credentials('agent'));
    // The phone page is for signed-in users: without a session it shows the app's sign-in, then comes back.
    await phone.page.goto('/simulator');
    await phone.page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/simulator');
    await logIn(phone.page, credentials('admin'), '/simulator');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A second simulated number whose workstream offers work (push) instead of letting agents pick. */
  async function addPushNumber() {
    const twilio = await createSimulatorAccount(t.ctx.db, { friendlyName: 'Push business' });
    const account = await t.request('POST', '/api/v1/messaging-accounts', { token: admin.token, body: { name: 'Push line', channel: 'whatsapp', provider: 'simulator', ...twilio } });
    const number = await t.request('POST', `/api/v1/messaging-accounts/${account.body.id}/numbers`, { token: admin.token, body: { name: 'Offers line', number: PUSH_NUMBER } });
    await configureSimulatorNumber(t.ctx.db, { accountSid: twilio.accountSid, phoneNumber: PUSH_NUMBER, smsUrl: account.body.inboundUrl, friendlyName: 'Offers line' });
    const users = await t.request('GET', '/api/v1/users', { token: admin.token });
    const agentId = users.body.items.find((u: { role: string }) => u.role === 'agent').id;
    const queue = await t.request('POST', '/api/v1/queues', { token: admin.token, body: { name: 'Offers', agentIds: [agentId] } });
    const workstream = await t.request('POST', '/api/v1/workstreams', {
      token: admin.token,
      body: { name: 'Push WhatsApp', channel: 'whatsapp', mode: 'push', fallbackQueueId: queue.body.id, offerTimeoutSeconds: 90, whatsapp: { numberId: number.body.id } },
    });
    expect(workstream.status).toBe(201);
  }

  /** Notifications the page raises, recorded; and a switch that makes the tab look like it is in the background. */
  function stubDesktopAlerts() {
    const w = window as unknown as { alerts: { title: string; body?: string }[]; background: boolean };
    w.alerts = [];
    w.background = false;
    class RecordedNotification {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      onclick: (() => void) | null = null;
      constructor(title: string, options?: { body?: string }) {
        w.alerts.push({ title, body: options?.body });
      }
      close() {}
    }
    Object.defineProperty(window, 'Notification', { value: RecordedNotification, configurable: true });
    const hasFocus = document.hasFocus.bind(document);
    document.hasFocus = () => !w.background && hasFocus();
  }

  async function customerOpens(page: Page, opts: { customer: string; name: string; business: string }) {
    await page.goto('/simulator');
    const change = page.getByRole('button', { name: 'Change' });
    const form = page.getByLabel("Customer's phone number");
    await change.or(form).first().waitFor();
    if (await change.isVisible()) await change.click();
    await form.fill(opts.customer);
    await page.getByLabel("Customer's profile name (WhatsApp shows it)").fill(opts.name);
    await page.getByLabel('Business number to write to').selectOption(opts.business);
    await page.getByRole('button', { name: 'Open the chat' }).click();
    await page.locator('.live-dot.on').waitFor();
  }

  async function customerSays(page: Page, text: string) {
    await page.getByRole('textbox', { name: 'Message' }).fill(text);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.locator('.phone-row.mine', { hasText: text }).locator('.webhook-note.ok').waitFor();
  }

  const agentRow = (name: string) => agent.page.locator('.conversation-row', { hasText: name });

  it('carries a message from the phone to the agent live, and the reply back with ticks up to read', async () => {
    await customerOpens(phone.page, { customer: '+15557770001', name: 'Ada Lovelace', business: DEMO_NUMBER });
    await agent.page.getByRole('tab', { name: /Open to pick/ }).click();
    await customerSays(phone.page, 'Hello, is my order on its way?');
    await agentRow('Ada Lovelace').waitFor();
    await agentRow('Ada Lovelace').click();
    await agent.page.getByRole('button', { name: 'Pick', exact: true }).click();
    const box = agent.page.getByRole('textbox', { name: 'Message' });
    await box.fill('Hi Ada! It ships *today*.');
    await box.press('Enter');

    const reply = phone.page.locator('.phone-row.theirs', { hasText: 'It ships' });
    await reply.locator('strong', { hasText: 'today' }).waitFor();
    await reply.locator('.ticks[data-status=delivered]').waitFor();
    await agent.page.locator('.bubble-row.out', { hasText: 'It ships' }).locator('.ticks[data-status=delivered]').waitFor();
    await screenshot(phone.page, 'simulator-phone');
    expect(await accessibilityProblems(phone.page)).toEqual([]);
    await reply.getByRole('button', { name: 'Read' }).click();
    await reply.locator('.ticks-read').waitFor();
    await agent.page.locator('.bubble-row.out', { hasText: 'It ships' }).locator('.ticks.ticks-read').waitFor();
    await screenshot(agent.page, 'agent-after-read');
    expect([...phone.errors, ...agent.errors]).toEqual([]);
  });

  it('offers push work with a countdown, and accepting opens the conversation', async () => {
    await agent.page.getByRole('combobox', { name: 'Presence' }).selectOption('available');
    await expect.poll(async () => (await t.request('GET', '/api/v1/users', { token: admin.token })).body.items.find((u: { role: string }) => u.role === 'agent').presence).toBe('available');
    await customerOpens(phone.page, { customer: '+15557770002', name: 'Grace Hopper', business: PUSH_NUMBER });
    await agent.page.evaluate(() => ((window as unknown as { background: boolean }).background = true));
    await customerSays(phone.page, 'I need help with my invoice');
    const offer = agent.page.getByRole('alertdialog', { name: /New conversation: Grace Hopper/ });
    await offer.waitFor();
    await offer.getByText('I need help with my invoice').waitFor();
    await offer.getByText(/Answer within 1:[0-2]\d/).waitFor();
    expect(await offer.getByText('Offers').count()).toBeGreaterThan(0);
    // In the background, the offer also raises a desktop notification and shows in the tab's title.
    expect(await agent.page.evaluate(() => (window as unknown as { alerts: unknown[] }).alerts)).toEqual([{ title: 'New conversation: Grace Hopper', body: 'I need help with my invoice' }]);
    expect(await agent.page.title()).toMatch(/^\(\d+\) Agent workspace/);
    await agent.page.evaluate(() => ((window as unknown as { background: boolean }).background = false));
    await screenshot(agent.page, 'agent-offer');
    expect(await accessibilityProblems(agent.page)).toEqual([]);
    await offer.getByRole('button', { name: 'Accept' }).click();
    await offer.waitFor({ state: 'detached' });
    await agent.page.locator('.pane-title h1', { hasText: 'Grace Hopper' }).waitFor();
    await agent.page.getByRole('tab', { name: /Mine/ }).and(agent.page.locator('[aria-selected=true]')).waitFor();
    await agent.page.getByRole('textbox', { name: 'Message' }).waitFor();
  });

  it('round-trips images: the phone sends one, the agent sees it inline and sends one back', async () => {
    await customerOpens(phone.page, { customer: '+15557770003', name: 'Alan Turing', business: DEMO_NUMBER });
    await phone.page.locator('.phone-input input[type=file]').setInputFiles({ name: 'parcel.png', mimeType: 'image/png', buffer: PNG });
    await phone.page.locator('.phone-row.mine img.phone-image').waitFor();
    await agent.page.goto('/agent');
    await agent.page.getByRole('tab', { name: /Open to pick/ }).click();
    await agentRow('Alan Turing').click();
    const inbound = agent.page.locator('.bubble-row.in .media-image img');
    await inbound.waitFor({ timeout: 15_000 });
    await expect.poll(() => inbound.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 10_000 }).toBe(1);
    await agent.page.getByRole('button', { name: 'Pick', exact: true }).click();
    await agent.page.locator('.composer input[type=file]').setInputFiles({ name: 'label.png', mimeType: 'image/png', buffer: PNG });
    await agent.page.getByRole('textbox', { name: 'Message' }).fill('Your shipping label');
    await agent.page.getByRole('button', { name: 'Send', exact: true }).click();
    const received = phone.page.locator('.phone-row.theirs', { hasText: 'Your shipping label' }).locator('img.phone-image');
    await received.waitFor({ timeout: 15_000 });
    await expect.poll(() => received.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 10_000 }).toBe(1);
    await screenshot(agent.page, 'agent-image-round-trip');
  });

  it('sends a template once the window has closed, and the phone receives it', async () => {
    await customerOpens(phone.page, { customer: '+15557770004', name: 'Barbara Liskov', business: DEMO_NUMBER });
    await customerSays(phone.page, 'Any update?');
    const conversation = await t.ctx.db.selectFrom('conversations as c').innerJoin('contacts as k', 'k.id', 'c.contact_id').select('c.id').where('k.phone', '=', '+15557770004').executeTakeFirstOrThrow();
    await agent.page.goto(`/agent/c/${conversation.id}`);
    await agent.page.getByRole('button', { name: 'Pick', exact: true }).click();
    await t.ctx.db.updateTable('conversations').set({ last_inbound_at: new Date(Date.now() - 25 * 3600_000) }).where('id', '=', conversation.id).execute();
    await agent.page.reload();
    await agent.page.getByText('The customer last wrote more than 24 hours ago').waitFor();
    await agent.page.locator('.template-option', { hasText: 'order_update' }).and(agent.page.locator(':has(.lang-chip:text-is("en"))')).click();
    await agent.page.getByLabel('Value for 1').fill('Barbara');
    await agent.page.getByLabel('Value for 2').fill('A-42');
    await agent.page.getByRole('button', { name: 'Send template' }).click();
    const template = phone.page.locator('.phone-row.theirs', { hasText: 'A-42' });
    await template.waitFor({ timeout: 15_000 });
    expect(await template.textContent()).toContain('Barbara');
    await template.locator('.phone-label', { hasText: 'Template' }).waitFor();
  });

  it('shows an injected <img onerror> as text on both ends, and an injected failure with its Twilio code', async () => {
    await customerOpens(phone.page, { customer: '+15557770005', name: 'Mallory', business: DEMO_NUMBER });
    await customerSays(phone.page, '<img src=x onerror=alert(1)>');
    expect(await phone.page.locator('.phone-thread img[src=x]').count()).toBe(0);
    const conversation = await t.ctx.db.selectFrom('conversations as c').innerJoin('contacts as k', 'k.id', 'c.contact_id').select('c.id').where('k.phone', '=', '+15557770005').executeTakeFirstOrThrow();
    await agent.page.goto(`/agent/c/${conversation.id}`);
    await agent.page.locator('.bubble-row.in', { hasText: '<img src=x onerror=alert(1)>' }).waitFor();
    expect(await agent.page.locator('.thread img[src=x]').count()).toBe(0);
    await agent.page.getByRole('button', { name: 'Pick', exact: true }).click();

    await phone.page.getByRole('button', { name: 'Settings' }).click();
    await phone.page.getByRole('button', { name: 'Add a fault' }).click();
    await phone.page.locator('.fault select').selectOption('fail');
    await phone.page.getByLabel('Twilio error code').fill('63024');
    await phone.page.getByRole('button', { name: 'Save' }).click();
    await phone.page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await screenshot(phone.page, 'simulator-settings');
    expect(await accessibilityProblems(phone.page)).toEqual([]);
    await phone.page.getByRole('button', { name: 'Close' }).click();

    const box = agent.page.getByRole('textbox', { name: 'Message' });
    await box.fill('This one will fail');
    await box.press('Enter');
    const failed = agent.page.locator('.bubble-row.out', { hasText: 'This one will fail' }).locator('.ticks-failed');
    await failed.waitFor({ timeout: 15_000 });
    expect(await failed.getAttribute('aria-label')).toContain('Twilio 63024');
    // The phone shows the failure too: both pages have handled it.
    await phone.page.locator('.phone-row.theirs[data-status=failed]', { hasText: 'This one will fail' }).waitFor();
    expect([...phone.dialogs, ...agent.dialogs]).toEqual([]);
    expect([...phone.errors, ...agent.errors]).toEqual([]);
  });
});
