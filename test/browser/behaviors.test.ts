import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { BUSINESS_NUMBER, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { accessibilityProblems, createBrowserUser, describeBrowser, launchBrowser, logIn, openPage, screenshot } from '../helpers/browser.js';

const CUSTOMER = '+34655550123';

/**
 * An admin turns the survey (as a link) and the greeting on in the workstream's WhatsApp setup; a
 * customer on the simulated phone is greeted, the agent closes the conversation, and the customer
 * answers the survey on its mobile page. Twilio is the built-in simulator; workers run.
 */
describeBrowser('behaviors from the WhatsApp setup to the customer', () => {
  let t: TestApp;
  let browser: Browser;
  let setup: WhatsappSetup;
  let workstreamId: string;
  let simToken: string;

  const phoneThread = async () =>
    (await t.request('GET', `/simulator/api/phone/${encodeURIComponent(CUSTOMER)}/messages?with=${encodeURIComponent(BUSINESS_NUMBER)}`, { token: simToken })).body.items as { direction: string; body: string }[];
  const toCustomer = async () => (await phoneThread()).filter((m) => m.direction === 'to-customer').map((m) => m.body);

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp('pglite', { workers: true }), launchBrowser()]);
    simToken = (await t.userWithToken('agent')).token;
    await t.request('PUT', '/simulator/api/settings', { token: simToken, body: { sentAfterMs: 20, deliveredAfterMs: 40 } });
    const credentials = await t.request('POST', '/simulator/api/accounts', { token: simToken, body: { friendlyName: 'Acme' } });
    setup = await setupWhatsapp(t, { provider: 'simulator', ...credentials.body });
    await t.request('PUT', `/simulator/api/numbers/${encodeURIComponent(BUSINESS_NUMBER)}`, { token: simToken, body: { accountSid: credentials.body.accountSid, smsUrl: setup.inboundUrl } });
    workstreamId = (await t.request('GET', '/api/v1/workstreams', { token: setup.admin.token })).body.items[0].id;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the admin turns the greeting and the survey link on in the WhatsApp setup', async () => {
    const user = await createBrowserUser(t, 'admin', { name: 'Ada Admin' });
    const { page } = await openPage(browser, t);
    await logIn(page, user, '/admin');
    await page.goto(`/admin/workstreams/${workstreamId}/setup`);
    const next = () => page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('heading', { name: 'Number', exact: true }).waitFor();
    await next();
    await page.getByRole('heading', { name: 'Language', exact: true }).waitFor();
    await page.getByRole('main').getByLabel('Language').selectOption('es');
    await next();
    await page.getByRole('heading', { name: 'Behaviors', exact: true }).waitFor();
    await page.getByRole('checkbox', { name: 'Greeting when a conversation starts' }).check();
    await page.getByRole('checkbox', { name: 'Send the survey' }).check();
    await page.getByRole('radio', { name: 'with a link to a short survey page' }).check();
    await screenshot(page, 'behaviors-whatsapp-setup');
    await next();
    await page.getByRole('heading', { name: 'User features', exact: true }).waitFor();
    await next();
    await page.getByRole('heading', { name: 'Summary', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Finish' }).click();
    await page.getByText('Channel setup saved.').waitFor();

    const behaviors = await t.request('GET', `/api/v1/workstreams/${workstreamId}/behaviors`, { token: setup.admin.token });
    expect(behaviors.body.automatedMessages.greeting).toMatchObject({ enabled: true });
    expect(behaviors.body.survey).toMatchObject({ enabled: true, channel: 'link' });
  });

  it('the customer is greeted in Spanish, and after the close answers the survey on a phone-sized page', async () => {
    const sent = await t.request('POST', '/simulator/api/phone/messages', { token: simToken, body: { from: CUSTOMER, profileName: 'Lucía', to: BUSINESS_NUMBER, body: 'Hola, mi pedido no llega' } });
    expect(sent.body.webhook).toEqual({ ok: true, status: 200 });
    await expect.poll(toCustomer, { timeout: 10_000 }).toEqual(['¡Hola! Gracias por escribirnos. En breve te atenderemos.']);

    const [conversation] = (await t.request('GET', '/api/v1/conversations', { token: setup.agent.token })).body.items;
    expect((await t.request('POST', `/api/v1/conversations/${conversation.id}/pick`, { token: setup.agent.token })).status).toBe(200);
    expect((await t.request('POST', `/api/v1/conversations/${conversation.id}/close`, { token: setup.agent.token })).status).toBe(200);
    await expect.poll(async () => (await toCustomer()).length, { timeout: 10_000 }).toBe(2);
    const invitation = (await toCustomer())[1];
    expect(invitation).toMatch(/^¿Qué tal lo hicimos\? Cuéntanos en un minuto: http/);
    const link = new URL(/(https?:\/\/\S+)/.exec(invitation)![1]);

    const phone = await openPage(browser, t, { viewport: { width: 390, height: 844 }, locale: 'es-ES' });
    await phone.page.goto(link.pathname);
    await phone.page.getByRole('heading', { name: '¿Qué tal lo hicimos?' }).waitFor();
    expect(await accessibilityProblems(phone.page)).toEqual([]);
    await phone.page.getByRole('radio', { name: /5/ }).check();
    await phone.page.getByLabel('¿Algo que añadir? (opcional)').fill('Muy amables');
    await screenshot(phone.page, 'survey-page-mobile');
    await phone.page.getByRole('button', { name: 'Enviar' }).click();
    await phone.page.getByRole('heading', { name: '¡Gracias por tu opinión!' }).waitFor();
    await screenshot(phone.page, 'survey-page-thanks');
    expect(phone.errors).toEqual([]);

    const csat = await t.request('GET', '/api/v1/surveys/csat?by=agent', { token: setup.admin.token });
    expect(csat.body.items).toEqual([expect.objectContaining({ id: setup.agent.id, responses: 1, averageRating: 5, csatPercent: 100 })]);
    // The link is single-use.
    await phone.page.goto(link.pathname);
    await phone.page.getByRole('heading', { name: 'Esta encuesta ya fue respondida o ha caducado.' }).waitFor();
  });

  it("the customer taps the bot's quick-reply button on the phone and gets the bot's answer", async () => {
    const bot = {
      kind: 'rule',
      rule: {
        welcome: 'Hi, I am the Acme bot.',
        intents: [
          { name: 'Opening hours', keywords: ['hours'], reply: 'We are open 9 to 5.' },
          { name: 'Billing', keywords: ['invoice'], reply: 'Passing you to billing.', handoff: true },
        ],
      },
    };
    expect((await t.request('PUT', `/api/v1/workstreams/${workstreamId}/behaviors`, { token: setup.admin.token, body: { bot } })).status).toBe(200);
    const phone = await openPage(browser, t, { viewport: { width: 390, height: 844 } });
    // The phone page is for signed-in users: it opens on the app's sign-in, then comes back.
    await phone.page.goto('/simulator');
    await phone.page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/simulator');
    await logIn(phone.page, await createBrowserUser(t, 'agent', { name: 'Phone tester' }), '/simulator');
    await phone.page.getByLabel("Customer's phone number").fill('+34655550124');
    await phone.page.getByLabel("Customer's profile name (WhatsApp shows it)").fill('Marta');
    await phone.page.getByLabel('Business number to write to').selectOption(BUSINESS_NUMBER);
    await phone.page.getByRole('button', { name: 'Open the chat' }).click();
    await phone.page.locator('.live-dot.on').waitFor();
    await phone.page.getByRole('textbox', { name: 'Message' }).fill('hola');
    await phone.page.getByRole('button', { name: 'Send', exact: true }).click();

    const buttons = phone.page.getByRole('group', { name: 'Quick replies' });
    // The workstream speaks Spanish (set above): the bot's own "talk to a person" option is said in Spanish.
    await buttons.getByRole('button', { name: 'Hablar con alguien' }).waitFor({ timeout: 10_000 });
    await screenshot(phone.page, 'simulator-phone-quick-replies');
    expect(await accessibilityProblems(phone.page)).toEqual([]);
    await buttons.getByRole('button', { name: 'Opening hours' }).click();
    await phone.page.locator('.phone-row.mine', { hasText: 'Opening hours' }).locator('.webhook-note.ok').waitFor();
    await phone.page.locator('.phone-row.theirs', { hasText: 'We are open 9 to 5.' }).waitFor({ timeout: 10_000 });
    expect(phone.errors).toEqual([]);
  });
});
