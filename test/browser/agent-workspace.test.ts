import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { ACCOUNT_SID, AUTH_TOKEN, customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { accessibilityProblems, createBrowserUser, describeBrowser, launchBrowser, logIn, openPage, screenshot, type OpenPage } from '../helpers/browser.js';

// A 1×1 PNG: small enough to inline, real enough for the browser to decode.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/**
 * The agent workspace in Debian's chromium against a real server. Customers write through signed
 * Twilio webhooks and Twilio itself is a scriptable fake, so each journey controls both ends.
 */
describeBrowser('agent workspace', () => {
  let t: TestApp;
  let fake: FakeTwilio;
  let setup: WhatsappSetup;
  let browser: Browser;
  let agent: OpenPage;
  let sam: { id: string; email: string; password: string; token: string };
  let page: Page;

  beforeAll(async () => {
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    [t, browser] = await Promise.all([startTestApp('pglite', { workers: true, config: { twilioApiBaseUrl: fake.baseUrl } }), launchBrowser()]);
    setup = await setupWhatsapp(t);
    const user = await createBrowserUser(t, 'agent', { name: 'Sam Agent', capacity: 100 });
    const login = await t.request('POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password } });
    sam = { ...user, token: login.body.token };
    const queue = await t.request('PATCH', `/api/v1/queues/${setup.queueId}`, { token: setup.admin.token, body: { agentIds: [setup.agent.id, sam.id] } });
    expect(queue.status).toBe(200);
    agent = await openPage(browser, t);
    page = agent.page;
    await logIn(page, sam);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await fake?.close();
  });

  const row = (name: string) => page.locator('.conversation-row', { hasText: name });
  const bubble = (text: string) => page.locator('.bubble-row', { hasText: text });
  const sentTo = async (body: string) => {
    await expect.poll(() => fake.messages.find((m) => m.body === body), { timeout: 10_000 }).toBeTruthy();
    return fake.messages.find((m) => m.body === body)!;
  };

  it('shows a new customer message live, lets the agent pick it and reply, and turns the ticks to read', async () => {
    await page.getByRole('tab', { name: /Open to pick/ }).click();
    const { conversationId } = await customerWrites(t, setup, { from: '+15550001001', name: 'Ada Lovelace', body: 'Where is my parcel?' });
    await row('Ada Lovelace').waitFor();
    await expect.poll(() => row('Ada Lovelace').locator('.badge').textContent()).toBe('1');
    await row('Ada Lovelace').click();
    await page.waitForURL(`**/agent/c/${conversationId}`);
    await bubble('Where is my parcel?').waitFor();
    await page.getByRole('button', { name: 'Pick', exact: true }).click();
    await page.getByRole('tab', { name: /Mine/ }).getByText('1', { exact: true }).waitFor();

    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('Hello *Ada*, let me check _right now_.');
    await page.locator('.format-preview strong', { hasText: 'Ada' }).waitFor();
    await page.locator('.format-preview em', { hasText: 'right now' }).waitFor();
    await box.press('Enter');
    const sent = await sentTo('Hello *Ada*, let me check _right now_.');
    const reply = bubble('let me check');
    await reply.locator('strong', { hasText: 'Ada' }).waitFor();
    await fake.sendStatusCallback(sent.sid, 'sent');
    await fake.sendStatusCallback(sent.sid, 'delivered');
    await reply.locator('.ticks[data-status=delivered]').waitFor();
    await fake.sendStatusCallback(sent.sid, 'read');
    await reply.locator('.ticks.ticks-read[data-status=read]').waitFor();
    expect(await reply.locator('.ticks').getAttribute('aria-label')).toBe('Read');
    const workstreams = await t.request('GET', '/api/v1/workstreams', { token: setup.admin.token });
    await page.locator('.capacity', { hasText: `Capacity ${workstreams.body.items[0].capacityPerConversation} / 100` }).waitFor();
    await screenshot(page, 'agent-conversation');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(agent.errors).toEqual([]);
  });

  it('inserts a quick reply typed with "/" and shows a failed message with Twilio\'s code on hover', async () => {
    const reply = await t.request('POST', '/api/v1/canned-responses', {
      token: setup.admin.token,
      body: { shortcut: 'order', title: 'Ask for the order number', body: 'Could you share your order number, please?', scope: 'shared' },
    });
    expect(reply.status).toBe(201);
    const { conversationId } = await customerWrites(t, setup, { from: '+15550001002', name: 'Grace Hopper', body: 'Can you help?' });
    await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: sam.token });
    await page.goto(`/agent/c/${conversationId}`);
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('/ord');
    await page.getByRole('option', { name: /order/ }).waitFor();
    await box.press('Enter');
    await expect.poll(() => box.inputValue()).toBe('Could you share your order number, please?');
    fake.script.push({ kind: 'error', status: 400, code: 63024, message: 'Invalid message recipient' });
    await box.press('Enter');
    const failed = bubble('order number').locator('.ticks-failed');
    await failed.waitFor({ timeout: 10_000 });
    await failed.hover();
    await page.getByRole('tooltip').filter({ hasText: 'Twilio 63024: The recipient is not a valid WhatsApp user.' }).waitFor();
    await page.getByRole('button', { name: 'Send again' }).click();
    await expect.poll(() => fake.messages.filter((m) => m.body === 'Could you share your order number, please?').length, { timeout: 10_000 }).toBe(1);
    // Retried in place: the same bubble leaves the failed state, no copy appears.
    await bubble('order number').locator('.ticks-failed').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await bubble('order number').count()).toBe(1);
    await screenshot(page, 'agent-failed-message');
  });

  it("adds a private note shown apart from the bubbles, and edits the customer's name", async () => {
    const { conversationId } = await customerWrites(t, setup, { from: '+15550001009', name: 'Linus', body: 'My invoice is wrong' });
    await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: sam.token });
    await page.goto(`/agent/c/${conversationId}`);
    await bubble('My invoice is wrong').waitFor();
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByRole('textbox', { name: 'Note' }).fill('VIP: <b>call back</b> after 5pm');
    await page.getByRole('button', { name: 'Save note' }).click();
    await page.locator('.note-card', { hasText: 'VIP: <b>call back</b> after 5pm' }).waitFor();
    expect(await bubble('call back').count()).toBe(0);
    expect(await page.locator('.thread').count()).toBe(1);
    expect(await bubble('My invoice is wrong').count()).toBe(1);
    expect(fake.messages.some((m) => m.body.includes('call back'))).toBe(false);

    await page.getByRole('button', { name: 'Edit customer' }).click();
    const form = page.getByRole('form', { name: 'Edit the customer' });
    await form.getByRole('textbox', { name: 'Name' }).fill('Linus Torvalds');
    await form.getByRole('button', { name: 'Add attribute' }).click();
    await form.getByRole('textbox', { name: 'Attribute name' }).fill('plan');
    await form.getByRole('textbox', { name: 'Attribute value' }).fill('Gold');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.locator('.pane-title h1', { hasText: 'Linus Torvalds' }).waitFor();
    await page.locator('.customer-facts dd', { hasText: 'Gold' }).waitFor();
    await screenshot(page, 'agent-note-and-customer-edit');
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('replaces the composer with the template picker once the window has closed, and sends a template', async () => {
    const template = await t.request('POST', '/api/v1/templates', {
      token: setup.admin.token,
      body: {
        name: 'order_update', defaultLanguage: 'en', text: 'Hello {{1}}, your order {{2}} has shipped.',
        localizations: [
          { language: 'en', text: 'Hello {{1}}, your order {{2}} has shipped.', contentSid: 'HX' + 'a'.repeat(32) },
          { language: 'ko', text: '{{1}}님, 주문 {{2}}이(가) 발송되었습니다.', contentSid: 'HX' + 'b'.repeat(32) },
        ],
      },
    });
    expect(template.status).toBe(201);
    const { conversationId } = await customerWrites(t, setup, { from: '+15550001003', name: 'Alan Turing', body: 'Any news?' });
    await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: sam.token });
    await t.ctx.db.updateTable('conversations').set({ last_inbound_at: new Date(Date.now() - 25 * 3600_000) }).where('id', '=', conversationId).execute();
    await page.goto(`/agent/c/${conversationId}`);

    await page.getByText('The customer last wrote more than 24 hours ago').waitFor();
    expect(await page.getByRole('textbox', { name: 'Message' }).count()).toBe(0);
    await page.getByLabel('Language').and(page.locator('.template-filters select')).selectOption('en');
    await page.getByRole('button', { name: /order_update/ }).click();
    await page.getByLabel('Value for 1').fill('Alan');
    await page.locator('.template-preview', { hasText: 'Hello Alan, your order {{2}} has shipped.' }).waitFor();
    expect(await page.getByRole('button', { name: 'Send template' }).isDisabled()).toBe(true);
    await page.getByLabel('Value for 2').fill('#1234');
    await screenshot(page, 'agent-template-picker');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Send template' }).click();
    await bubble('your order #1234 has shipped').waitFor();
    const sent = await sentTo('');
    const request = fake.requests.find((r) => r.form.get('ContentSid') === 'HX' + 'a'.repeat(32));
    expect(request?.form.get('ContentVariables')).toBe(JSON.stringify({ 1: 'Alan', 2: '#1234' }));
    expect(sent.contentSid).toBe('HX' + 'a'.repeat(32));
  });

  it('flags a conversation whose window closes within the hour and puts it on top', async () => {
    const { conversationId } = await customerWrites(t, setup, { from: '+15550001004', name: 'Edsger Dijkstra', body: 'Hello?' });
    await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: sam.token });
    await t.ctx.db.updateTable('conversations').set({ last_inbound_at: new Date(Date.now() - (23 * 60 + 30) * 60_000) }).where('id', '=', conversationId).execute();
    await page.goto('/agent');
    const first = page.locator('.list-items li').first();
    await first.locator('.risk-flag', { hasText: /window closes in (29|30)m/ }).waitFor();
    expect(await first.textContent()).toContain('Edsger Dijkstra');
    await screenshot(page, 'agent-list-at-risk');
  });

  it('round-trips attachments: the customer\'s image shows inline, the agent\'s PDF reaches Twilio', async () => {
    const imageUrl = fake.addMedia('MM' + '0'.repeat(32), 'image/png', PNG);
    const { conversationId } = await customerWrites(t, setup, {
      from: '+15550001005', name: 'Barbara Liskov', body: '',
      extra: { NumMedia: '1', MediaUrl0: imageUrl, MediaContentType0: 'image/png', MessageType: 'image' },
    });
    await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: sam.token });
    await page.goto(`/agent/c/${conversationId}`);
    const image = page.locator('.media-image img');
    await image.waitFor({ timeout: 15_000 });
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 10_000 }).toBe(1);

    await page.locator('.composer input[type=file]').setInputFiles({ name: 'invoice.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.locator('.pending-files', { hasText: 'invoice.pdf' }).waitFor();
    await page.locator('.composer input[type=file]').setInputFiles({ name: 'clip.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a') });
    await page.getByRole('alert').filter({ hasText: 'WhatsApp does not accept files of type image/gif' }).waitFor();
    await page.getByRole('textbox', { name: 'Message' }).fill('Here is your invoice');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await bubble('Here is your invoice').locator('.media-document', { hasText: 'invoice.pdf' }).waitFor();
    await expect.poll(() => fake.requests.find((r) => r.form.get('Body') === 'Here is your invoice'), { timeout: 10_000 }).toBeTruthy();
    const mediaUrl = fake.requests.find((r) => r.form.get('Body') === 'Here is your invoice')!.form.get('MediaUrl')!;
    const fetched = await fetch(mediaUrl);
    expect(Buffer.from(await fetched.arrayBuffer()).equals(PDF)).toBe(true);
    await screenshot(page, 'agent-attachments');

    // Drag-and-drop onto the conversation and paste into the box attach too, with the same checks.
    await page.locator('.conversation-pane').evaluate((pane, png) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([Uint8Array.from(atob(png), (c) => c.charCodeAt(0))], 'dropped.png', { type: 'image/png' }));
      for (const type of ['dragenter', 'dragover', 'drop']) pane.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, PNG.toString('base64'));
    await page.locator('.pending-files', { hasText: 'dropped.png' }).waitFor();
    await page.getByRole('textbox', { name: 'Message' }).evaluate((box) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['%PDF-1.4'], 'pasted.pdf', { type: 'application/pdf' }));
      box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    });
    await page.locator('.pending-files', { hasText: 'pasted.pdf' }).waitFor();
    await page.getByRole('button', { name: 'Remove dropped.png' }).click();
    await page.getByRole('button', { name: 'Remove pasted.pdf' }).click();
    expect(await page.locator('.pending-files').count()).toBe(0);
  });

  it('moves a conversation on hold, to wrap-up and closed with keyboard shortcuts, then shows it as a previous conversation', async () => {
    const { conversationId } = await customerWrites(t, setup, { from: '+15550001007', name: 'Donald Knuth', body: 'First question' });
    await page.goto(`/agent/c/${conversationId}`);
    await page.locator('.bubble-row', { hasText: 'First question' }).waitFor();
    // A shortcut presses the pane's button, which is disabled while the previous action runs.
    const shortcut = async (keys: string) => {
      await page.locator(`.pane-actions button[aria-keyshortcuts="${keys}"]:enabled`).waitFor();
      await page.keyboard.press(keys.replace('+', '+Key'));
    };
    await shortcut('Alt+P');
    await page.locator('.pane-title .state-chip', { hasText: 'Active' }).waitFor();
    await shortcut('Alt+W');
    await page.locator('.pane-title .state-chip', { hasText: 'On hold' }).waitFor();
    await shortcut('Alt+W');
    await page.locator('.pane-title .state-chip', { hasText: 'Active' }).waitFor();
    await shortcut('Alt+E');
    // End asks for the wrap-up (reason, labels, summary: none required here).
    await page.getByRole('alertdialog').getByRole('button', { name: 'End conversation' }).click();
    await page.locator('.pane-title .state-chip', { hasText: 'Wrap-up' }).waitFor();
    await shortcut('Alt+C');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Yes, close it' }).click();
    await page.getByText('This conversation is closed.').waitFor();
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await page.locator('.timeline', { hasText: 'You: Wrap-up → Closed' }).waitFor();

    const again = await customerWrites(t, setup, { from: '+15550001007', name: 'Donald Knuth', body: 'Second question' });
    expect(again.conversationId).not.toBe(conversationId);
    await page.goto(`/agent/c/${again.conversationId}`);
    await page.getByRole('tab', { name: 'Customer' }).click();
    await page.locator('.previous li button').first().click();
    await page.locator('.transcript', { hasText: 'First question' }).waitFor();
    await page.keyboard.press('Shift+?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await screenshot(page, 'agent-shortcuts');
    await page.keyboard.press('Escape');
    expect(await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).count()).toBe(0);
  });

  it('keeps the later state when a reload read before a pick answers after it', async () => {
    const { conversationId } = await customerWrites(t, setup, { from: '+15550001008', name: 'Grace Hopper', body: 'Slow network here' });
    const path = `/api/v1/conversations/${conversationId}`;
    // The first reload of the conversation is read at once (still open) and answered after the pick.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    await page.route(`**${path}`, async (route) => {
      if (route.request().method() !== 'GET' || held) return route.continue();
      held = true;
      const stale = await route.fetch();
      await released;
      await route.fulfill({ response: stale });
    });
    await page.goto(`/agent/c/${conversationId}`);
    await bubble('Slow network here').waitFor();
    await page.getByRole('button', { name: 'Pick', exact: true }).click();
    await page.locator('.pane-title .state-chip', { hasText: 'Active' }).waitFor();
    expect(held).toBe(true);
    const staleAnswer = page.waitForResponse((r) => r.url().endsWith(path) && r.request().method() === 'GET');
    release();
    expect(await (await staleAnswer).json()).toMatchObject({ state: 'open' });
    // A note added now reaches the page after the stale answer, and carries no state of its own.
    expect((await t.request('POST', `${path}/notes`, { token: sam.token, body: { body: 'After the stale answer' } })).status).toBe(201);
    await page.locator('.note-card', { hasText: 'After the stale answer' }).waitFor();
    expect(await page.locator('.pane-title .state-chip').textContent()).toBe('Active');
    await page.unroute(`**${path}`);
  });

  it('transfers a conversation to another queue', async () => {
    const other = await t.request('POST', '/api/v1/queues', { token: setup.admin.token, body: { name: 'Billing', agentIds: [setup.agent.id] } });
    expect(other.status).toBe(201);
    const { conversationId } = await customerWrites(t, setup, { from: '+15550001008', name: 'Frances Allen', body: 'It is about my bill' });
    await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: sam.token });
    await page.goto(`/agent/c/${conversationId}`);
    await page.getByRole('button', { name: 'Transfer' }).click();
    const dialog = page.getByRole('dialog', { name: 'Transfer the conversation' });
    await dialog.getByLabel('Transfer to').selectOption({ label: 'Billing' });
    await screenshot(page, 'agent-transfer');
    await dialog.getByRole('button', { name: 'Transfer' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.waitForURL((url) => url.pathname === '/agent');
    expect(await page.locator('.list-items .conversation-row', { hasText: 'Frances Allen' }).count()).toBe(0);
    const timeline = await t.request('GET', `/api/v1/conversations/${conversationId}/timeline`, { token: setup.admin.token });
    expect(timeline.body.items.find((e: { type: string }) => e.type === 'transferred').data).toMatchObject({ toQueueName: 'Billing', fromAgentId: sam.id });
  });

  it('consults a colleague, then lets them write', async () => {
    const { conversationId } = await customerWrites(t, setup, { from: '+15550001009', name: 'John Backus', body: 'A tricky one' });
    await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: sam.token });
    await page.goto(`/agent/c/${conversationId}`);
    await page.getByRole('button', { name: 'Consult' }).click();
    const dialog = page.getByRole('dialog', { name: 'Consult a colleague' });
    await dialog.getByRole('combobox', { name: /^Colleague/ }).selectOption({ label: 'Grace Agent · Available' });
    await dialog.getByRole('button', { name: 'Invite' }).click();
    await dialog.getByText('Grace Agent · reading').waitFor();
    await dialog.getByRole('button', { name: 'Let them write' }).click();
    await dialog.getByText('Grace Agent · can write').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.locator('.system-line', { hasText: 'You invited Grace Agent to consult' }).waitFor();
    await page.locator('.system-line', { hasText: 'You let Grace Agent write' }).waitFor();
  });

  it('renders an injected <img onerror> body as text', async () => {
    const hostile = '<img src=x onerror=alert(1)> <script>alert(2)</script>';
    const { conversationId } = await customerWrites(t, setup, { from: '+15550001006', name: '<b>Mallory</b>', body: hostile });
    await page.goto(`/agent/c/${conversationId}`);
    await bubble('<img src=x onerror=alert(1)>').waitFor();
    // Nowhere on the page an element the body or name could have made: nothing there can raise an alert later.
    expect(await page.locator('img[src=x], script:text("alert(2)"), b:text("Mallory")').count()).toBe(0);
    expect(await page.locator('.pane-title h1').textContent()).toBe('<b>Mallory</b>');
    expect(agent.dialogs).toEqual([]);
    expect(agent.errors).toEqual([]);
  });

  it('speaks Korean and fits a tablet', async () => {
    const tablet = await openPage(browser, t, { viewport: { width: 820, height: 1180 }, locale: 'ko-KR' });
    await logIn(tablet.page, sam);
    await tablet.page.getByRole('tab', { name: /내 대화/ }).waitFor();
    await tablet.page.locator('.conversation-row', { hasText: 'Ada Lovelace' }).click();
    await tablet.page.getByRole('textbox', { name: '메시지' }).waitFor();
    await tablet.page.getByText(/후 창이 닫힙니다/).waitFor();
    const overflow = await tablet.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(tablet.page, 'agent-tablet-ko');
    expect(await accessibilityProblems(tablet.page)).toEqual([]);
    await tablet.context.close();
  });
});
