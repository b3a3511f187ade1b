import { afterAll, beforeAll, expect, it, onTestFinished } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { loadQueues } from '../../src/server/routing/store.js';
import { mayAssignNow } from '../../src/server/routing/overflow.js';
import { accessibilityProblems, createBrowserUser, describeBrowser, launchBrowser, logIn, openPage, screenshot, type OpenPage } from '../helpers/browser.js';

const NUMBER = '+14155550142';
const CUSTOMER = '+821055550123';

/**
 * A moment the Korean desk (weekday and Saturday hours) is open: now if it is, else just after it
 * opens. Routing skips a closed queue, so the checks below must not depend on when the suite runs.
 */
async function whenDeskIsOpen(t: TestApp): Promise<Date> {
  const desk = [...(await loadQueues(t.ctx.db)).values()].find((q) => q.name === 'Korean desk')!;
  const now = new Date();
  const verdict = mayAssignNow(desk, now);
  return verdict.ok ? now : new Date(verdict.hours.nextOpenAt!.getTime() + 60_000);
}

/** A date as a datetime-local input takes it, in this machine's (and the browser's) time zone. */
const localInputValue = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/**
 * The seed walkthrough as a new admin does it, in Debian's chromium against a real server whose
 * Twilio is the built-in simulator: account, number, inbound URL, workstream and WhatsApp setup,
 * a routing rule tested in the box, a template in two languages (one imported from Twilio), and
 * then a customer message that arrives in the queue the rule names.
 */
describeBrowser('admin center walkthrough', () => {
  let t: TestApp;
  let browser: Browser;
  let admin: OpenPage;
  let page: Page;
  let token: string;
  let agentId: string;
  let accountSid = '';

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp('pglite', { workers: true }), launchBrowser()]);
    const user = await createBrowserUser(t, 'admin', { name: 'Ada Admin' });
    agentId = (await createBrowserUser(t, 'agent', { name: 'Kim Agent' })).id;
    token = (await t.request('POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password } })).body.token;
    admin = await openPage(browser, t, { permissions: ['clipboard-read', 'clipboard-write'] });
    page = admin.page;
    await logIn(page, user, '/admin');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const next = () => page.getByRole('button', { name: 'Next', exact: true }).click();
  /** Every page the walkthrough shows is saved as a screenshot and checked with axe (WCAG 2.1 A/AA). */
  const capture = async (name: string) => {
    await screenshot(page, name);
    expect(await accessibilityProblems(page)).toEqual([]);
  };
  const heading = (name: string) => page.getByRole('heading', { name, exact: true }).waitFor();

  it('creates a simulator account through the wizard: credentials validated, a number checked as typed, the inbound URL copied and connected', async () => {
    await page.getByRole('navigation', { name: 'Admin center sections' }).getByRole('link', { name: 'Messaging accounts' }).click();
    await page.getByRole('link', { name: 'New account' }).click();

    await heading('Name and provider');
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByText('This is required.').waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Acme WhatsApp');
    await page.getByRole('radio', { name: /Built-in simulator/ }).check();
    await capture('admin-wizard-1-channel-details');
    await next();

    await heading('Account details');
    await page.getByLabel('Account SID').fill('SK123');
    await page.getByText('An Account SID starts with "AC"').waitFor();
    await page.getByRole('button', { name: 'Create simulator credentials' }).click();
    await expect.poll(() => page.getByLabel('Account SID').inputValue()).toMatch(/^AC[0-9a-f]{32}$/);
    accountSid = await page.getByLabel('Account SID').inputValue();
    await expect.poll(() => page.getByLabel('Auth Token', { exact: true }).getAttribute('type')).toBe('password');
    await page.getByRole('button', { name: 'Validate' }).click();
    await page.getByText('Twilio accepted the credentials.').waitFor();
    await page.getByText(/Twilio accepted the credentials for "Acme WhatsApp"/).waitFor();
    await capture('admin-wizard-2-account-details');
    await page.getByRole('button', { name: 'Save and continue' }).click();

    await heading('Numbers and channels');
    expect(new URL(page.url()).searchParams.get('id')).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByRole('button', { name: 'Next', exact: true }).isDisabled()).toBe(true);
    await page.getByLabel('Name', { exact: true }).fill('Support line');
    await page.getByLabel('Number', { exact: true }).fill('4155550142');
    await page.getByText('Write the number in international format').waitFor();
    await page.getByLabel('Number', { exact: true }).fill('+1415');
    await page.getByText('This is not a valid phone number for its country.').waitFor();
    await page.getByLabel('Number', { exact: true }).fill('+1 (415) 555-0142');
    await page.getByText(`Will be saved as ${NUMBER}.`).waitFor();
    await page.getByRole('button', { name: 'Add number' }).click();
    await page.getByRole('cell', { name: NUMBER }).waitFor();
    // The server refuses a number that is already configured; its answer shows next to the field and nothing typed is lost.
    await page.getByLabel('Name', { exact: true }).fill('Second line');
    await page.getByLabel('Number', { exact: true }).fill(NUMBER);
    await page.getByRole('button', { name: 'Add number' }).click();
    await page.getByText(`${NUMBER} is already configured on a messaging account.`).waitFor();
    expect(await page.getByLabel('Number', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Second line');
    await page.getByLabel('Name', { exact: true }).fill('');
    await page.getByLabel('Number', { exact: true }).fill('');
    await capture('admin-wizard-3-whatsapp-numbers');
    await next();

    await heading('Callback information');
    const inbound = await page.getByLabel('Twilio inbound URL').inputValue();
    expect(inbound).toMatch(new RegExp(`^${t.url}/webhooks/twilio/[\\w-]+/inbound$`));
    await page.getByRole('button', { name: 'Copy' }).first().click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(inbound);
    await page.getByRole('button', { name: `Connect in the simulator ${NUMBER}` }).click();
    await page.getByText('Connected: the simulator now sends').waitFor();
    await capture('admin-wizard-4-callback-information');
    await next();

    await heading('Done');
    await page.getByText('Acme WhatsApp is ready with 1 number.').waitFor();
    await capture('admin-wizard-5-done');
    const accounts = await t.request('GET', '/api/v1/messaging-accounts', { token });
    expect(accounts.body.items).toMatchObject([{ name: 'Acme WhatsApp', provider: 'simulator', accountSid, numbers: [{ name: 'Support line', number: NUMBER }] }]);
  });

  it('creates a queue with an agent and weekly hours', async () => {
    await page.getByRole('link', { name: 'Queues' }).click();
    await page.getByRole('link', { name: 'New queue' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Korean desk');
    await page.getByRole('checkbox', { name: /Kim Agent/ }).check();
    await page.getByRole('checkbox', { name: 'Open around the clock' }).uncheck();
    await page.getByRole('button', { name: 'Create queue' }).click();
    await page.getByText('Paint at least one open slot').waitFor();
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Korean desk');
    await page.getByRole('button', { name: 'Weekdays 09:00–18:00' }).click();
    await page.getByRole('button', { name: 'Sat 10:00–10:30' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Sat 10:00–10:30' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByLabel('Date').fill('2026-12-25');
    await page.getByLabel('Name (optional)').fill('Christmas');
    await page.getByRole('button', { name: 'Add holiday' }).click();
    await capture('admin-queue');
    await page.getByRole('button', { name: 'Create queue' }).click();
    await heading('Korean desk');
    const queues = await t.request('GET', '/api/v1/queues', { token });
    const desk = queues.body.items.find((q: { name: string }) => q.name === 'Korean desk');
    expect(desk).toMatchObject({ agentIds: [agentId], holidays: [{ date: '2026-12-25', name: 'Christmas' }] });
    expect(desk.weeklyHours).toContainEqual({ day: 'mon', open: '09:00', close: '18:00' });
    expect(desk.weeklyHours).toContainEqual({ day: 'sat', open: '10:00', close: '10:30' });
  });

  it('creates a workstream and runs its WhatsApp setup: number, language, behaviors, user features, summary', async () => {
    await page.getByRole('link', { name: 'Workstreams' }).click();
    await page.getByRole('link', { name: 'New workstream' }).click();
    await page.getByLabel('Name', { exact: true }).fill('WhatsApp support');
    await page.getByRole('radio', { name: /^Pick/ }).check();
    await page.getByRole('radio', { name: /^Closest/ }).check();
    await page.getByRole('checkbox', { name: 'Keep the same agent for the whole conversation' }).check();
    await capture('admin-workstream');
    await page.getByRole('button', { name: 'Create and set up the channel' }).click();

    await heading('Number');
    await page.getByRole('radio', { name: new RegExp(`Support line.*\\${NUMBER}`) }).check();
    await capture('admin-whatsapp-1-number');
    await next();
    await heading('Language');
    await page.getByRole('main').getByLabel('Language').selectOption('ko');
    await capture('admin-whatsapp-2-language');
    await next();
    await heading('Behaviors');
    await page.getByRole('checkbox', { name: 'Greeting when a conversation starts' }).check();
    await page.getByText('In Korean: “안녕하세요! 문의해 주셔서 감사합니다. 곧 도와드리겠습니다.”').waitFor();
    await capture('admin-whatsapp-3-behaviors');
    await next();
    await heading('User features');
    await page.getByRole('checkbox', { name: 'Agents may send attachments' }).uncheck();
    await capture('admin-whatsapp-4-user-features');
    await next();
    await heading('Summary');
    await page.getByRole('definition').filter({ hasText: NUMBER }).waitFor();
    await capture('admin-whatsapp-5-summary');
    await page.getByRole('button', { name: 'Finish' }).click();
    await page.getByText('Channel setup saved.').waitFor();
    const workstreamId = new URL(page.url()).pathname.split('/')[3];
    const behaviors = await t.request('GET', `/api/v1/workstreams/${workstreamId}/behaviors`, { token });
    expect(behaviors.body.automatedMessages.greeting).toEqual({ enabled: true });

    const workstreams = await t.request('GET', '/api/v1/workstreams', { token });
    expect(workstreams.body.items).toMatchObject([{
      name: 'WhatsApp support', mode: 'pick', skillMatching: 'closest', keepSameAgent: true,
      whatsapp: { language: 'ko', customerAttachments: true, agentAttachments: false },
    }]);
  });

  it('adds route-to-queue rules, reorders them by drag, and tests them in the box', async () => {
    await page.getByRole('button', { name: 'Add a route-to-queue rule' }).click();
    await page.getByLabel('Rule name').fill('Korean speakers');
    await page.getByRole('button', { name: 'Add condition' }).last().click();
    await page.getByLabel('Field of condition 1').last().selectOption('message.first');
    await page.getByLabel('Operator of condition 1').last().selectOption('matches');
    await page.getByLabel('Value of condition 1').last().fill('[');
    await page.getByText('This regular expression is not valid.').waitFor();
    await page.getByLabel('Value of condition 1').last().fill('안녕|주문');
    await page.getByLabel('Then route to queue').selectOption({ label: 'Korean desk' });
    await page.getByRole('button', { name: 'Save rule' }).click();
    await page.getByText(/First message matches pattern “안녕\|주문” → Korean desk/).waitFor();

    await page.getByRole('button', { name: 'Add a route-to-queue rule' }).click();
    await page.getByLabel('Rule name').fill('Everyone else');
    await page.getByLabel('Then route to queue').selectOption({ label: 'Default queue' });
    await page.getByRole('button', { name: 'Save rule' }).click();
    const ruleNames = () => page.locator('section[aria-labelledby="route-rules-title"] .sortable-item strong:first-child').allTextContents();
    await expect.poll(ruleNames).toEqual(['Korean speakers', 'Korean desk', 'Everyone else', 'Default queue']);

    // The catch-all dragged above the Korean rule would win everything: drag it there, then back with the keyboard-friendly button.
    const items = page.locator('section[aria-labelledby="route-rules-title"] .sortable-item');
    await items.nth(1).locator('.drag-handle').dragTo(items.nth(0));
    await expect.poll(ruleNames).toEqual(['Everyone else', 'Default queue', 'Korean speakers', 'Korean desk']);
    await page.getByRole('button', { name: 'Move Korean speakers up' }).click();
    await expect.poll(ruleNames).toEqual(['Korean speakers', 'Korean desk', 'Everyone else', 'Default queue']);

    // A classification ruleset whose output the test box shows.
    await page.getByLabel('New ruleset name').fill('Urgency');
    await page.getByRole('button', { name: 'Add ruleset' }).click();
    await page.getByRole('heading', { name: 'Urgency' }).waitFor();
    await page.getByRole('button', { name: 'Add rule', exact: true }).click();
    await page.getByLabel('Rule name').first().fill('Urgent words');
    const rule = page.getByRole('group', { name: 'Conditions of Urgent words' });
    await rule.getByRole('button', { name: 'Add condition' }).click();
    await rule.getByLabel('Value of condition 1').fill('급해');
    await page.getByRole('group', { name: 'Outputs of Urgent words' }).getByLabel('Priority').fill('7');
    await page.getByRole('button', { name: 'Save Urgency' }).click();
    await page.getByRole('status').filter({ hasText: /^Saved\.$/ }).waitFor();

    // The tester starts empty: a pre-filled number was taken for the business's own.
    expect(await page.getByLabel('Customer phone').inputValue()).toBe('');
    await page.getByLabel('Customer phone').fill('+821012345678');
    await page.getByLabel('First message', { exact: true }).fill('급해요! 안녕하세요, 주문 문의입니다');
    await page.getByRole('button', { name: 'Run the test' }).click();
    await page.getByText('"Urgent words" matched').waitFor();
    await page.getByText('Outputs: Priority 7').waitFor();
    await page.getByLabel('First message', { exact: true }).fill('안녕하세요, 주문 문의입니다');
    await page.getByLabel('At (optional)').fill(localInputValue(await whenDeskIsOpen(t)));
    await page.getByRole('button', { name: 'Run the test' }).click();
    await page.getByText('It would go to Korean desk: the rule "Korean speakers" matched.').waitFor();
    await page.getByRole('region', { name: 'Routing diagnostics' }).getByText('First message matches pattern “안녕|주문” (was “안녕하세요, 주문 문의입니다”)').waitFor();
    await capture('admin-routing-rule-test');

    await page.getByLabel('First message', { exact: true }).fill('Hello, where is my parcel?');
    await page.getByRole('button', { name: 'Run the test' }).click();
    await page.getByText('It would go to Default queue: the rule "Everyone else" matched.').waitFor();

    // The catch-all becomes a 70/30 split; the form insists on 100%.
    await page.getByRole('button', { name: 'Edit Everyone else' }).click();
    await page.getByRole('radio', { name: 'Split between queues (percentages)' }).check();
    await page.getByLabel('Queue 1 of the split').selectOption({ label: 'Default queue' });
    await page.getByLabel('Queue 2 of the split').selectOption({ label: 'Korean desk' });
    await page.getByLabel('Percent for queue 1').fill('70');
    await page.getByText('The percentages add up to 120%, not 100%.').waitFor();
    await page.getByLabel('Percent for queue 2').fill('30');
    await page.getByRole('button', { name: 'Save rule' }).click();
    await page.getByText('Always → Default queue 70%, Korean desk 30%').waitFor();
  });

  it('creates a template with two localizations, placeholders highlighted and previewed', async () => {
    await page.getByRole('link', { name: 'Message templates' }).click();
    await page.getByRole('link', { name: 'New template' }).click();
    await page.getByLabel('Name', { exact: true }).fill('order_update');
    await page.getByLabel('Text', { exact: true }).fill('Hello {{1}}, your order {{2}} has shipped.');
    expect(await page.locator('.highlight-mirror mark').allTextContents()).toEqual(['{{1}}', '{{2}}']);
    await page.getByText('Placeholders: {{1}} {{2}}').waitFor();
    await page.getByLabel('Content SID').first().fill('HX' + 'a'.repeat(32));
    await page.getByRole('button', { name: 'Add a language' }).click();
    await page.getByRole('group', { name: /Localization/ }).getByLabel('Language', { exact: true }).selectOption('ko');
    await page.getByLabel('Text (ko)').fill('{{1}}님, 주문하신 상품이 발송되었습니다.');
    await page.getByText('Use the same placeholders as the default text: {{1}} {{2}}.').waitFor();
    await page.getByLabel('Text (ko)').fill('{{1}}님, 주문 {{2}}이 발송되었습니다.');
    await page.getByLabel('Content SID').last().fill('HX' + 'b'.repeat(32));
    await page.getByLabel('{{1}}').fill('Ada');
    await page.getByLabel('{{2}}').fill('ZX-42');
    await page.getByLabel('Preview of the message').getByText('Ada').waitFor();
    expect(await page.getByLabel('Preview of the message').textContent()).toBe('Hello Ada, your order ZX-42 has shipped.');
    await capture('admin-template');
    await page.getByRole('button', { name: 'Create template' }).click();
    await heading('order_update');
    const templates = await t.request('GET', '/api/v1/templates', { token });
    expect(templates.body.items[0].localizations).toEqual([
      { language: 'en', text: 'Hello {{1}}, your order {{2}} has shipped.', contentSid: 'HX' + 'a'.repeat(32) },
      { language: 'ko', text: '{{1}}님, 주문 {{2}}이 발송되었습니다.', contentSid: 'HX' + 'b'.repeat(32) },
    ]);
  });

  it("imports a Content template from the account's Twilio", async () => {
    const created = await t.request('POST', '/simulator/api/content', { token, body: { accountSid, friendlyName: 'appointment_reminder', language: 'en', body: 'Hi {{1}}, see you on {{2}}.' } });
    expect(created.status).toBe(201);
    await page.getByRole('link', { name: 'Message templates' }).click();
    await page.getByRole('button', { name: 'Import from Twilio' }).click();
    await page.getByRole('checkbox', { name: 'Import appointment_reminder (en)' }).check();
    await capture('admin-template-import');
    await page.getByRole('button', { name: 'Import 1 template' }).click();
    await page.getByText('Imported into 1 template: appointment_reminder').waitFor();
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('link', { name: 'appointment_reminder' }).waitFor();
  });

  it('routes a customer message from the simulator phone as configured', async () => {
    // The message arrives while the desk is open: the server's clock runs ahead to its hours if need be.
    const ahead = (await whenDeskIsOpen(t)).getTime() - Date.now();
    const realNow = t.ctx.now;
    t.ctx.now = () => new Date(Date.now() + Math.max(0, ahead));
    onTestFinished(() => {
      t.ctx.now = realNow;
    });
    const sent = await t.request('POST', '/simulator/api/phone/messages', { token, body: { from: CUSTOMER, profileName: 'Minji', to: NUMBER, body: '안녕하세요, 주문 문의입니다' } });
    expect(sent.status).toBe(201);
    const queues = await t.request('GET', '/api/v1/queues', { token });
    const desk = queues.body.items.find((q: { name: string }) => q.name === 'Korean desk');
    await expect.poll(async () => (await t.request('GET', '/api/v1/conversations', { token })).body.items.length, { timeout: 10_000 }).toBe(1);
    const [conversation] = (await t.request('GET', '/api/v1/conversations', { token })).body.items;
    expect(conversation).toMatchObject({ queueId: desk.id, customer: { phone: CUSTOMER } });
    const diagnostics = await t.request('GET', `/api/v1/conversations/${conversation.id}/diagnostics`, { token });
    expect(JSON.stringify(diagnostics.body.routeToQueue)).toContain('Korean speakers');
    // The greeting turned on in the WhatsApp setup reaches the customer's phone, in the workstream's language.
    const greeting = '안녕하세요! 문의해 주셔서 감사합니다. 곧 도와드리겠습니다.';
    const greeted = async () => {
      const phone = await t.request('GET', `/simulator/api/phone/${encodeURIComponent(CUSTOMER)}/messages?with=${encodeURIComponent(NUMBER)}`, { token });
      return (phone.body.items as { direction: string; body: string }[]).some((m) => m.direction === 'to-customer' && m.body === greeting);
    };
    await expect.poll(greeted, { timeout: 10_000 }).toBe(true);
  });

  it("rewrites an automated message in Korean and sets up a bot on the workstream's Behaviors page", async () => {
    await page.getByRole('link', { name: 'Workstreams' }).click();
    await page.getByRole('row', { name: /WhatsApp support/ }).getByRole('link', { name: 'Behaviors' }).click();
    await page.getByRole('heading', { name: 'Behaviors: WhatsApp support' }).waitFor();
    await page.locator('summary', { hasText: 'Greeting when a conversation starts' }).click();
    const korean = page.getByLabel('Greeting when a conversation starts — Korean');
    await korean.fill('{Agent}님, 반갑습니다!');
    await page.getByText('This message does not fill {Agent}').waitFor();
    await korean.fill('반갑습니다! 곧 연결해 드릴게요.');
    await page.getByRole('button', { name: 'Save behaviors' }).click();
    await page.getByRole('status').filter({ hasText: /^Saved\.$/ }).waitFor();

    await page.getByRole('radio', { name: /^HTTP bot/ }).check();
    await page.getByLabel('URL', { exact: true }).fill('https://bot.example.com/hook');
    await page.getByRole('button', { name: 'Save behaviors' }).click();
    await page.getByText('An HTTP bot needs a signing secret of at least 16 characters.').waitFor();
    await page.getByRole('radio', { name: /^Rule bot/ }).check();
    await page.getByRole('button', { name: 'Add intent' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Opening hours');
    await page.getByLabel('Keywords', { exact: true }).fill('hours, open');
    await page.getByLabel('Reply', { exact: true }).fill('We are open 9 to 6 on weekdays.');
    await capture('admin-behaviors');
    await page.getByRole('button', { name: 'Save behaviors' }).click();
    await page.getByRole('status').filter({ hasText: /^Saved\.$/ }).waitFor();

    const workstreams = await t.request('GET', '/api/v1/workstreams', { token });
    const behaviors = await t.request('GET', `/api/v1/workstreams/${workstreams.body.items[0].id}/behaviors`, { token });
    expect(behaviors.body.automatedMessages.greeting).toEqual({ enabled: true, texts: { ko: '반갑습니다! 곧 연결해 드릴게요.' } });
    expect(behaviors.body.bot).toMatchObject({ kind: 'rule', rule: { intents: [{ name: 'Opening hours', keywords: ['hours', 'open'], reply: 'We are open 9 to 6 on weekdays.' }] } });
  });

  it('shows what deleting an account affects before deleting it, and checks a rotated token with Twilio', async () => {
    await page.getByRole('link', { name: 'Messaging accounts' }).click();
    await page.getByRole('link', { name: 'Acme WhatsApp' }).click();
    await page.getByRole('button', { name: 'Delete account…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Acme WhatsApp?' });
    // Deleting is never a dead end: the workstream on its number is named, and is left without one once confirmed.
    await dialog.getByText(/1 workstream is left without a number/).waitFor();
    await dialog.getByText('WhatsApp support').waitFor();
    expect(await dialog.getByRole('button', { name: 'Delete the account' }).count()).toBe(1);
    await capture('admin-account-delete-dependents');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page.getByLabel('New Auth Token').fill('not-the-real-token');
    await page.getByRole('button', { name: 'Save the new token' }).click();
    await page.getByText('Refused by Twilio.').waitFor();
    await page.getByText(/Twilio refused the credentials/).waitFor();
  });

  it('shows the exact Twilio console steps for a real Twilio account', async () => {
    const created = await t.request('POST', '/api/v1/messaging-accounts', {
      token, body: { name: 'Acme production', channel: 'whatsapp', provider: 'twilio', accountSid: 'AC' + '7'.repeat(32), authToken: 'f'.repeat(32) },
    });
    await page.goto(`/admin/accounts/${created.body.id}`);
    await page.getByRole('heading', { name: 'For a WhatsApp sender (your own number)' }).waitFor();
    await page.getByText('Webhook URL for incoming messages').waitFor();
    await page.getByRole('heading', { name: 'For the WhatsApp Sandbox' }).waitFor();
    await page.getByText('join <your code>').waitFor();
    await page.getByRole('heading', { name: 'Callback information' }).scrollIntoViewIfNeeded();
    await capture('admin-account-twilio-callback');
  });

  it('invites an agent with a role, capacity and skills', async () => {
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByLabel('Profile name').fill('WhatsApp chats');
    await page.getByLabel('At once (default)').fill('3');
    await page.getByRole('button', { name: 'Add profile' }).click();
    await page.getByText('WhatsApp chats — 3 at once by default').waitFor();
    await page.getByRole('link', { name: 'Invite user' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Lee Agent');
    await page.getByLabel('Email').fill('lee@');
    await page.getByText('Enter an email address').waitFor();
    await page.getByLabel('Email').fill('lee@example.com');
    await page.getByLabel('Capacity').fill('30');
    await page.getByRole('button', { name: 'Add skill' }).click();
    await page.getByLabel('Name of skill 1').fill('korean');
    await page.getByLabel('Proficiency of korean').fill('8');
    await page.getByRole('group', { name: 'Capacity profile limits' }).getByLabel('WhatsApp chats').fill('2');
    await capture('admin-user');
    await page.getByRole('button', { name: 'Create user' }).click();
    await heading('Lee Agent');
    const users = await t.request('GET', '/api/v1/users', { token });
    expect(users.body.items.find((u: { email: string }) => u.email === 'lee@example.com')).toMatchObject({ role: 'agent', capacity: 30, skills: [{ name: 'korean', proficiency: 8 }], capacityProfiles: [{ maxItems: 2 }] });
  });

  it('shows who changed what in the audit log, and speaks Korean', async () => {
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('heading', { name: 'Set up Switchboard' }).waitFor();
    await capture('admin-overview');
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('list', { name: 'Audit entries' }).getByText(/: Changed user “lee@example\.com”/).first().waitFor();
    // The walkthrough wrote more than a page of entries: the filter finds the older ones.
    await page.getByLabel('Show').selectOption('messaging-account');
    await page.getByRole('list', { name: 'Audit entries' }).getByText(/: Created messaging account “Acme WhatsApp”/).first().waitFor();
    await page.getByLabel('Show').selectOption('workstream');
    await page.getByRole('list', { name: 'Audit entries' }).getByText(/: Changed workstream “WhatsApp support”/).first().waitFor();
    await page.getByLabel('Show').selectOption('');
    await page.getByRole('list', { name: 'Audit entries' }).getByText(/: Changed user “lee@example\.com”/).first().waitFor();
    expect(await page.getByRole('list', { name: 'Audit entries' }).getByText(/^Ada Admin: /).count()).toBeGreaterThan(5);
    await capture('admin-audit-log');

    await page.getByRole('banner').getByRole('combobox', { name: /^Language/ }).selectOption('ko');
    await page.getByRole('heading', { name: '감사 로그' }).waitFor();
    await page.getByRole('navigation', { name: '관리 센터 메뉴' }).getByRole('link', { name: '메시징 계정' }).click();
    await page.getByRole('link', { name: 'Acme WhatsApp' }).click();
    await page.getByRole('heading', { name: '번호', exact: true }).waitFor();
    await capture('admin-account-ko');
    await page.getByRole('banner').getByRole('combobox', { name: /^언어/ }).selectOption('en');
    expect(admin.errors).toEqual([]);
    expect(admin.dialogs).toEqual([]);
  });

  it('lets a supervisor look at every setting but change none', async () => {
    const supervisor = await createBrowserUser(t, 'supervisor', { name: 'Sue Supervisor' });
    const view = await openPage(browser, t);
    await logIn(view.page, supervisor, '/admin');
    await view.page.getByText('only admins can change them').waitFor();
    expect(await view.page.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
    await view.page.getByRole('link', { name: 'Messaging accounts' }).click();
    await view.page.getByRole('link', { name: 'Acme WhatsApp' }).waitFor();
    expect(await view.page.getByRole('link', { name: 'New account' }).count()).toBe(0);
    await view.page.getByRole('link', { name: 'Acme WhatsApp' }).click();
    await view.page.getByRole('heading', { name: 'Settings' }).waitFor();
    expect(await view.page.getByLabel('Name', { exact: true }).first().isDisabled()).toBe(true);
    expect(await view.page.getByRole('button', { name: 'Delete account…' }).count()).toBe(0);
    expect(view.errors).toEqual([]);
    await view.context.close();
  });
});
