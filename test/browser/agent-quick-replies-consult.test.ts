import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { ACCOUNT_SID, AUTH_TOKEN, customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { accessibilityProblems, createBrowserUser, describeBrowser, launchBrowser, logIn, openPage, screenshot, type OpenPage } from '../helpers/browser.js';

type BrowserUser = { id: string; email: string; password: string; token: string };

/**
 * Quick replies managed in the admin center and used in the composer, unread counts that survive
 * a reload, and a consult request reaching the colleague's workspace: each journey with both
 * people's browsers against one real server.
 */
describeBrowser('quick replies, unread counts and consult in the workspace', () => {
  let t: TestApp;
  let fake: FakeTwilio;
  let setup: WhatsappSetup;
  let browser: Browser;
  let sam: BrowserUser;
  let erin: BrowserUser;
  let agent: OpenPage;
  let page: Page;

  async function browserUser(role: 'agent' | 'admin', name: string): Promise<BrowserUser> {
    const user = await createBrowserUser(t, role, { name, capacity: 100 });
    const login = await t.request('POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password } });
    return { ...user, token: login.body.token };
  }

  beforeAll(async () => {
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    [t, browser] = await Promise.all([startTestApp('pglite', { workers: true, config: { twilioApiBaseUrl: fake.baseUrl } }), launchBrowser()]);
    setup = await setupWhatsapp(t);
    sam = await browserUser('agent', 'Sam Agent');
    erin = await browserUser('agent', 'Erin Expert');
    expect((await t.request('PATCH', `/api/v1/queues/${setup.queueId}`, { token: setup.admin.token, body: { agentIds: [setup.agent.id, sam.id] } })).status).toBe(200);
    agent = await openPage(browser, t);
    page = agent.page;
    await logIn(page, sam);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await fake?.close();
  });

  const row = (p: Page, name: string) => p.locator('.conversation-row', { hasText: name });
  const pickedConversation = async (from: string, name: string, body: string) => {
    const { conversationId } = await customerWrites(t, setup, { from, name, body });
    expect((await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: sam.token })).status).toBe(200);
    return conversationId;
  };

  it('an admin creates a quick reply in the admin center, checked as it is typed', async () => {
    const adminUser = await browserUser('admin', 'Ada Admin');
    const admin = await openPage(browser, t);
    await logIn(admin.page, adminUser, '/admin');
    const p = admin.page;
    await p.getByRole('navigation', { name: 'Admin center sections' }).getByRole('link', { name: 'Quick replies' }).click();
    await p.getByText('No quick reply yet.').waitFor();
    await p.getByRole('link', { name: 'New quick reply' }).click();
    const form = p.getByRole('form', { name: 'Quick reply' });
    await form.getByLabel('Shortcut').fill('great day');
    await form.getByText('Use lowercase letters, digits, - and _').waitFor();
    await form.getByLabel('Shortcut').fill('/greet');
    expect(await form.getByText('Use lowercase letters, digits, - and _').count()).toBe(0);
    await form.getByLabel('Title').fill('Greeting');
    await form.getByLabel('Text', { exact: true }).fill('Hello {Customer}');
    await form.getByText('Unknown placeholder {Customer}: use {CustomerName} or {AgentName}.').waitFor();
    await form.getByLabel('Text', { exact: true }).fill('Hello ');
    await form.getByRole('button', { name: 'Insert {CustomerName}' }).click();
    await form.getByLabel('Text', { exact: true }).press('End');
    await form.getByLabel('Text', { exact: true }).pressSequentially(', this is ');
    await form.getByRole('button', { name: 'Insert {AgentName}' }).click();
    await expect.poll(() => form.getByLabel('Text', { exact: true }).inputValue()).toBe('Hello {CustomerName}, this is {AgentName}');
    await p.getByLabel('Preview of the reply').getByText('Hello Ada Lovelace, this is Ada Admin').waitFor();
    await screenshot(p, 'admin-quick-reply-form');
    expect(await accessibilityProblems(p)).toEqual([]);
    await form.getByRole('button', { name: 'Create quick reply' }).click();
    await p.waitForURL((url) => url.pathname === '/admin/quick-replies');
    const listed = p.getByRole('row', { name: /\/greet/ });
    await listed.getByText('Whole team').waitFor();
    await screenshot(p, 'admin-quick-replies');
    expect(await accessibilityProblems(p)).toEqual([]);
    const stored = await t.request('GET', '/api/v1/canned-responses', { token: sam.token });
    expect(stored.body.items).toEqual([expect.objectContaining({ shortcut: 'greet', title: 'Greeting', body: 'Hello {CustomerName}, this is {AgentName}', scope: 'shared' })]);
    expect(admin.errors).toEqual([]);
    await admin.context.close();
  });

  it('typing "/gr" shows the server\'s quick reply and inserts it with the customer\'s name, driven by the keyboard', async () => {
    const conversationId = await pickedConversation('+15550002001', 'Ada Lovelace', 'Hi there');
    await page.goto(`/agent/c/${conversationId}`);
    // The agent keeps a personal one of their own too.
    await page.getByRole('button', { name: 'Quick replies' }).click();
    const mine = page.getByRole('dialog', { name: 'My quick replies' });
    await mine.getByText('Shared with the team: /greet').waitFor();
    await mine.getByLabel('Shortcut (after /)').fill('/grumpy');
    await mine.getByLabel('Title').fill('Calm an unhappy customer');
    await mine.getByLabel('Text').fill('I am sorry, {CustomerName}.');
    await mine.getByRole('button', { name: 'Add quick reply' }).click();
    await mine.getByRole('list', { name: 'My quick replies' }).getByText('/grumpy').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await mine.getByRole('button', { name: 'Close' }).click();
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('/gr');
    const options = page.getByRole('listbox', { name: 'Quick replies' }).getByRole('option');
    await expect.poll(() => options.count()).toBe(2);
    await options.filter({ hasText: '/greet' }).getByText('Hello Ada Lovelace, this is Sam Agent').waitFor();
    expect(await options.nth(0).getAttribute('aria-selected')).toBe('true');
    await box.press('ArrowDown');
    expect(await options.nth(1).getAttribute('aria-selected')).toBe('true');
    await box.press('ArrowUp');
    expect(await options.nth(0).getAttribute('aria-selected')).toBe('true');
    await screenshot(page, 'agent-quick-replies');
    expect(await accessibilityProblems(page)).toEqual([]);
    await box.press('Escape');
    expect(await page.getByRole('listbox', { name: 'Quick replies' }).count()).toBe(0);
    await box.fill('/gre');
    await options.first().waitFor();
    await box.press('Enter');
    await expect.poll(() => box.inputValue()).toBe('Hello Ada Lovelace, this is Sam Agent');
    // Still the agent's to edit before it goes.
    await box.press('End');
    await box.pressSequentially('!');
    await box.press('Enter');
    await expect.poll(() => fake.messages.find((m) => m.body === 'Hello Ada Lovelace, this is Sam Agent!'), { timeout: 10_000 }).toBeTruthy();
  });

  it('keeps the unread badge after a reload, and clears it for good once the conversation is opened', async () => {
    const conversationId = await pickedConversation('+15550002002', 'Grace Hopper', 'First question');
    await page.goto('/agent');
    await row(page, 'Grace Hopper').waitFor();
    await customerWrites(t, setup, { from: '+15550002002', name: 'Grace Hopper', body: 'Second question' });
    await expect.poll(() => row(page, 'Grace Hopper').locator('.badge').textContent()).toBe('2');
    await page.reload();
    await expect.poll(() => row(page, 'Grace Hopper').locator('.badge').textContent()).toBe('2');
    await screenshot(page, 'agent-unread-after-reload');
    await row(page, 'Grace Hopper').click();
    await page.waitForURL(`**/agent/c/${conversationId}`);
    await page.locator('.bubble-row', { hasText: 'Second question' }).waitFor();
    await expect.poll(() => row(page, 'Grace Hopper').locator('.badge').count()).toBe(0);
    await page.goto('/agent');
    // The row comes with the server's unread count: a mark the server had not kept would show here at once.
    await row(page, 'Grace Hopper').waitFor();
    expect(await row(page, 'Grace Hopper').locator('.badge').count()).toBe(0);
  });

  it("tells the consulted agent who asked about which customer, lists it as Consulting, and shows everyone who is on it", async () => {
    const colleague = await openPage(browser, t);
    await logIn(colleague.page, erin);
    const p = colleague.page;
    await p.getByRole('tab', { name: /Mine/ }).waitFor();
    const conversationId = await pickedConversation('+15550002003', 'John Backus', 'A tricky one');
    await page.goto(`/agent/c/${conversationId}`);
    await page.getByRole('button', { name: 'Consult' }).click();
    const dialog = page.getByRole('dialog', { name: 'Consult a colleague' });
    await dialog.getByRole('combobox', { name: /^Colleague/ }).selectOption({ label: 'Erin Expert · Available' });
    await dialog.getByRole('button', { name: 'Invite' }).click();
    await dialog.getByText('Erin Expert · reading').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    const people = page.getByRole('list', { name: 'People on this conversation' });
    await people.getByText('Agent: Sam Agent (you)').waitFor();
    await people.getByText('Consulting: Erin Expert (reading)').waitFor();

    const notice = p.getByRole('region', { name: 'Consult requests' }).getByText('Sam Agent asked you to consult on John Backus');
    await notice.waitFor();
    await row(p, 'John Backus').locator('.state-chip', { hasText: 'Consulting' }).waitFor();
    await screenshot(p, 'agent-consult-notice');
    expect(await accessibilityProblems(p)).toEqual([]);
    await p.getByRole('region', { name: 'Consult requests' }).getByRole('button', { name: 'Open' }).click();
    await p.waitForURL(`**/agent/c/${conversationId}`);
    await p.locator('.bubble-row', { hasText: 'A tricky one' }).waitFor();
    const theirPeople = p.getByRole('list', { name: 'People on this conversation' });
    await theirPeople.getByText('Agent: Sam Agent').waitFor();
    await theirPeople.getByText('Consulting: Erin Expert (you) (reading)').waitFor();
    await p.getByText('You are consulted on this conversation: answer Sam Agent with a private note (Add note); replying to the customer waits until they let you write.').waitFor();
    expect(await p.getByRole('textbox', { name: 'Message' }).count()).toBe(0);
    expect(await p.getByRole('region', { name: 'Consult requests' }).count()).toBe(0);
    // Live while consulting: the customer's next message reaches the consulted agent's thread.
    await customerWrites(t, setup, { from: '+15550002003', name: 'John Backus', body: 'Still there?' });
    await p.locator('.bubble-row', { hasText: 'Still there?' }).waitFor();
    await screenshot(p, 'agent-consulting');

    // Both sides talk in private notes: Erin answers, Sam reads it live and replies the same way.
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByRole('textbox', { name: 'Note' }).fill('Erin, does the warranty cover this?');
    await page.getByRole('button', { name: 'Save note' }).click();
    await p.locator('.note-card', { hasText: 'does the warranty cover this' }).waitFor();
    await p.getByRole('button', { name: 'Add note' }).click();
    await p.getByRole('textbox', { name: 'Note' }).fill('Yes, for two years from purchase.');
    await p.getByRole('button', { name: 'Save note' }).click();
    await page.locator('.note-card', { hasText: 'Yes, for two years from purchase.' }).waitFor();
    expect(await page.locator('.note-card', { hasText: 'for two years' }).locator('.note-meta').textContent()).toContain('Erin Expert');
    await p.screenshot({ path: '/tmp/agentux-consult-notes.png' });
    expect(colleague.errors).toEqual([]);
    expect(agent.errors).toEqual([]);
    await colleague.context.close();
  });
});
