import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { ACCOUNT_SID, AUTH_TOKEN, customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { accessibilityProblems, createBrowserUser, describeBrowser, launchBrowser, logIn, openPage, screenshot, type OpenPage } from '../helpers/browser.js';

/**
 * The supervisor's live floor in chromium: customers write through signed webhooks, the agent
 * answers through the API, and the dashboard follows over the WebSocket without a reload.
 */
describeBrowser('supervisor dashboard', () => {
  let t: TestApp;
  let fake: FakeTwilio;
  let setup: WhatsappSetup;
  let browser: Browser;
  let supervisor: OpenPage;
  let page: Page;
  let agent: OpenPage;

  beforeAll(async () => {
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    [t, browser] = await Promise.all([startTestApp('pglite', { workers: true, config: { twilioApiBaseUrl: fake.baseUrl } }), launchBrowser()]);
    setup = await setupWhatsapp(t);
    await t.request('PATCH', `/api/v1/users/${setup.agent.id}`, { token: setup.admin.token, body: { capacity: 10 } });
    await t.request('PUT', '/api/v1/me/presence', { token: setup.agent.token, body: { presence: 'available' } });
    const sam = await createBrowserUser(t, 'supervisor', { name: 'Sam Supervisor' });
    const ravi = await createBrowserUser(t, 'agent', { name: 'Ravi Agent', capacity: 100 });
    await t.request('PATCH', `/api/v1/queues/${setup.queueId}`, { token: setup.admin.token, body: { agentIds: [setup.agent.id, ravi.id] } });
    supervisor = await openPage(browser, t);
    page = supervisor.page;
    agent = await openPage(browser, t);
    await Promise.all([logIn(page, sam, '/supervisor'), logIn(agent.page, ravi)]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await fake?.close();
  });

  const queueCell = (cell: string) => page.locator('[data-testid=queue-table] tr[data-queue="Support"] [data-cell="' + cell + '"]');
  const floorRow = (customer: string) => page.locator(`[data-testid=floor-table] tr[data-customer="${customer}"]`);
  const agentApi = (method: string, path: string, body?: unknown) => t.request(method, `/api/v1${path}`, { token: setup.agent.token, body });

  it('updates live as customers write and the agent answers', async () => {
    await page.getByTestId('live-status').getByText('Live').waitFor();
    await expect.poll(() => queueCell('waiting').textContent()).toBe('0');

    const ada = await customerWrites(t, setup, { from: '+15550008001', name: 'Ada Lovelace', body: 'Where is my parcel?' });
    // Sooner than the 5-second refresh: the WebSocket event triggered it.
    await expect.poll(() => queueCell('waiting').textContent(), { timeout: 2500 }).toBe('1');
    await page.getByText(/Last update: (conversation|message)\./).waitFor();
    await floorRow('Ada Lovelace').waitFor();
    await screenshot(page, 'supervisor-live-waiting');

    // The agent, in the agent workspace beside it, picks the conversation and answers.
    const workspace = agent.page;
    await workspace.getByRole('tab', { name: /Open to pick/ }).click();
    await workspace.locator('.conversation-row', { hasText: 'Ada Lovelace' }).click();
    await workspace.getByRole('button', { name: 'Pick', exact: true }).click();
    const box = workspace.getByRole('textbox', { name: 'Message' });
    await box.fill('Let me look it up');
    await box.press('Enter');
    await expect.poll(() => queueCell('active').textContent(), { timeout: 2500 }).toBe('1');
    expect(await queueCell('waiting').textContent()).toBe('0');
    await page.locator('[data-testid=agent-table] tr[data-agent="Ravi Agent"] [data-cell=conversations]').getByText('Ada Lovelace').waitFor();
    await expect.poll(() => fake.messages.some((m) => m.body === 'Let me look it up'), { timeout: 10_000 }).toBe(true);
    await page.locator('.sv-chart canvas').first().waitFor();
    await screenshot(page, 'supervisor-live-answered');
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('lets the supervisor monitor, join, transfer and force-close from the floor', async () => {
    const ada = await t.ctx.db.selectFrom('conversations as c').innerJoin('contacts as k', 'k.id', 'c.contact_id').select('c.id as conversationId').where('k.phone', '=', '+15550008001').executeTakeFirstOrThrow();
    const ben = await customerWrites(t, setup, { from: '+15550008002', name: 'Ben Franklin', body: 'Is anyone there?' });
    await floorRow('Ben Franklin').waitFor();

    // Monitor read-only, then join.
    await floorRow('Ada Lovelace').getByRole('button', { name: 'Monitor' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Let me look it up').waitFor();
    await expect.poll(() => dialog.locator('input').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Join conversation' }).click();
    await dialog.getByRole('textbox').fill('Supervisor here, we are on it');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await dialog.getByText('Supervisor here, we are on it').waitFor();
    await screenshot(page, 'supervisor-monitor-joined');
    await dialog.getByRole('button', { name: 'Close' }).click();
    const events = await t.ctx.db.selectFrom('conversation_events').select('type').where('conversation_id', '=', ada.conversationId).execute();
    expect(events.map((e) => e.type)).toContain('supervisor-joined');
    expect(fake.messages.some((m) => m.body === 'Supervisor here, we are on it')).toBe(true);

    // Transfer (assign) Ben to the agent.
    await floorRow('Ben Franklin').getByRole('combobox').selectOption({ label: 'Grace Agent' });
    await floorRow('Ben Franklin').getByRole('button', { name: 'Assign / transfer' }).click();
    await expect.poll(() => floorRow('Ben Franklin').locator('[data-cell=agent]').textContent(), { timeout: 5000 }).toBe('Grace Agent');
    await expect.poll(() => floorRow('Ben Franklin').locator('[data-cell=state]').textContent()).toBe('Active');
    await expect.poll(() => queueCell('active').textContent()).toBe('2');
    const benRow = await t.ctx.db.selectFrom('conversations').select(['state', 'assigned_agent_id']).where('id', '=', ben.conversationId).executeTakeFirstOrThrow();
    expect(benRow).toEqual({ state: 'active', assigned_agent_id: setup.agent.id });

    // Force close Ada.
    await floorRow('Ada Lovelace').getByRole('button', { name: 'Force close' }).click();
    await floorRow('Ada Lovelace').getByRole('button', { name: 'Close it now' }).click();
    await floorRow('Ada Lovelace').waitFor({ state: 'detached', timeout: 5000 });
    await expect.poll(() => queueCell('active').textContent()).toBe('1');
    const adaRow = await t.ctx.db.selectFrom('conversations').select('state').where('id', '=', ada.conversationId).executeTakeFirstOrThrow();
    expect(adaRow.state).toBe('closed');
    await screenshot(page, 'supervisor-after-transfer-and-close');
    expect(supervisor.errors).toEqual([]);
    expect(agent.errors).toEqual([]);
  });

  it('shows historical insights and exports a CSV whose numbers match the database', async () => {
    fake.script.push({ kind: 'error', status: 400, code: 63016, message: 'Outside the window' });
    const ben = await t.ctx.db.selectFrom('conversations as c').innerJoin('contacts as k', 'k.id', 'c.contact_id').select('c.id').where('k.phone', '=', '+15550008002').executeTakeFirstOrThrow();
    await agentApi('POST', `/conversations/${ben.id}/messages`, { body: 'This one fails' });
    await expect.poll(async () => (await t.ctx.db.selectFrom('messages').select('error_code').where('body', '=', 'This one fails').executeTakeFirst())?.error_code, { timeout: 10_000 }).toBe(63016);

    await page.getByRole('link', { name: 'Insights' }).click();
    await page.getByTestId('history-figures').waitFor();
    await page.getByTestId('failures-table').getByText('63016').waitFor();
    await page.locator('.sv-chart canvas').first().waitFor();
    await screenshot(page, 'supervisor-insights');
    expect(await accessibilityProblems(page)).toEqual([]);
    // Every conversation here is on WhatsApp: the by-channel table has its row, and the SMS filter shows none.
    await page.getByTestId('by-channel').locator('tr[data-channel="whatsapp"]').waitFor();
    await page.getByTestId('channel-filter').selectOption('sms');
    await expect.poll(async () => page.getByTestId('history-figures').innerText(), { timeout: 10_000 }).toMatch(/^\D*0\b/);
    expect(await page.getByTestId('by-channel').locator('tbody tr').count()).toBe(0);
    await screenshot(page, 'supervisor-insights-sms-filter');
    await page.getByTestId('channel-filter').selectOption('');
    await page.getByTestId('by-channel').locator('tr[data-channel="whatsapp"]').waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-link').click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    const rows = csv.trim().split('\r\n').map((line) => line.split(','));
    expect(rows[0]).toEqual(['section', 'name', 'channel', 'value']);
    const values = new Map(rows.slice(1).filter(([, , c]) => c === 'all').map(([s, n, , v]) => [`${s}/${n}`, v]));

    const db = t.ctx.db;
    const conversations = await db.selectFrom('conversations').select(['id', 'state']).execute();
    const ids = conversations.map((c) => c.id);
    const transfers = await db.selectFrom('conversation_events').select('id').where('type', '=', 'transferred').where('conversation_id', 'in', ids).execute();
    const failures = await db.selectFrom('messages').select('id').where('error_code', '=', 63016).execute();
    expect(Number(values.get('totals/conversations'))).toBe(conversations.length);
    expect(Number(values.get('totals/transfers'))).toBe(transfers.length);
    expect(Number(values.get('delivery_failures/63016'))).toBe(failures.length);
    const byHour = [...values].filter(([k]) => k.startsWith('volume_by_hour_utc/')).reduce((sum, [, v]) => sum + Number(v), 0);
    expect(byHour).toBe(conversations.length);
    // What the page shows is what the file says.
    expect(await page.locator('[data-figure=conversations] strong').textContent()).toBe(values.get('totals/conversations'));
    expect(await page.locator('[data-figure=transfers] strong').textContent()).toBe(values.get('totals/transfers'));
  });
});
