import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createServer, type AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { postSignedWebhook } from '../helpers/twilio-signing.js';
import { ACCOUNT_SID, AUTH_TOKEN, randomMessageSid } from '../helpers/scenario.js';
import { accessibilityProblems, createBrowserUser, describeBrowser, launchBrowser, logIn, openPage, screenshot, type OpenPage } from '../helpers/browser.js';

/** An address where nothing answers: Twilio out of reach. */
async function deadAddress(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

/**
 * What a new admin meets when something is wrong: the account wizard validating without saving,
 * wording an unreachable Twilio apart from a refusal, cancelling at any page, refusing to say
 * "ready" when Twilio cannot reach the server; WhatsApp's template rules; and the Overview's
 * account health, in English and Korean.
 */
describeBrowser('admin center: account health, wizard cancel and template rules', () => {
  let t: TestApp;
  let fake: FakeTwilio;
  let browser: Browser;
  let admin: OpenPage;
  let page: Page;
  let token: string;

  beforeAll(async () => {
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    [t, browser] = await Promise.all([startTestApp('pglite', { config: { twilioApiBaseUrl: fake.baseUrl } }), launchBrowser()]);
    const user = await createBrowserUser(t, 'admin', { name: 'Ada Admin' });
    token = (await t.request('POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password } })).body.token;
    admin = await openPage(browser, t);
    page = admin.page;
    await logIn(page, user, '/admin');
    // Starting the server and Chromium together takes longer than the default on a busy machine.
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await fake?.close();
  });

  const accounts = async () => (await t.request('GET', '/api/v1/messaging-accounts', { token })).body.items as { id: string; name: string }[];
  const capture = async (name: string) => {
    await screenshot(page, name);
    expect(await accessibilityProblems(page)).toEqual([]);
  };
  const heading = (name: string) => page.getByRole('heading', { name, exact: true }).waitFor();
  const startWizard = async (name: string, provider: RegExp) => {
    await page.goto('/admin/accounts/new');
    await heading('Name and provider');
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByRole('radio', { name: provider }).check();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await heading('Account details');
  };

  it('validates credentials without saving a draft, and words an unreachable Twilio as such', async () => {
    await startWizard('Trial', /^Twilio/);
    await page.getByLabel('Account SID').fill(ACCOUNT_SID);
    await page.getByLabel('Auth Token', { exact: true }).fill('wrong-token-123');
    await page.getByRole('button', { name: 'Validate' }).click();
    await page.getByText('Refused by Twilio.').waitFor();
    expect(await accounts()).toEqual([]);

    const twilioUrl = t.ctx.config.twilioApiBaseUrl;
    t.ctx.config.twilioApiBaseUrl = await deadAddress();
    try {
      await page.getByLabel('Auth Token', { exact: true }).fill(AUTH_TOKEN);
      await page.getByRole('button', { name: 'Validate' }).click();
      await page.getByText('Could not reach Twilio.').waitFor();
      expect(await page.getByText(/Refused by Twilio|Twilio refused/).count()).toBe(0);
      await capture('admin-wizard-unreachable');
    } finally {
      t.ctx.config.twilioApiBaseUrl = twilioUrl;
    }
    await page.getByRole('button', { name: 'Validate' }).click();
    await page.getByText('Twilio accepted the credentials.').waitFor();
    expect(await accounts()).toEqual([]);

    // Nothing is saved yet, so Cancel just leaves.
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/accounts');
    expect(await accounts()).toEqual([]);
  });

  it('flags a name already in use on the first page, whatever its case', async () => {
    const taken = await t.request('POST', '/api/v1/messaging-accounts', { token, body: { name: 'Support Line', channel: 'whatsapp', provider: 'twilio', accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN } });
    expect(taken.status).toBe(201);
    await page.goto('/admin/accounts/new');
    await page.getByLabel('Name', { exact: true }).fill('support line');
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByText('Another messaging account is already called this.').waitFor();
    await heading('Name and provider');
    await t.request('DELETE', `/api/v1/messaging-accounts/${taken.body.id}`, { token });
  });

  it('offers Cancel on every page after the first, asking whether to delete what was saved', async () => {
    await startWizard('Draft', /Built-in simulator/);
    await page.getByRole('button', { name: 'Create simulator credentials' }).click();
    await expect.poll(() => page.getByLabel('Account SID').inputValue()).toMatch(/^AC[0-9a-f]{32}$/);
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await heading('Numbers and channels');
    expect((await accounts()).map((a) => a.name)).toEqual(['Draft']);
    // The address carries the new account, so a reload keeps the wizard's place.
    expect(new URL(page.url()).searchParams.get('id')).toBe((await accounts())[0].id);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('“Draft” is already saved.').waitFor();
    await capture('admin-wizard-cancel');
    await page.getByRole('button', { name: 'Stay' }).click();
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await heading('Account details');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Delete it and leave' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/accounts');
    expect(await accounts()).toEqual([]);
  });

  it("does not say ready when Twilio cannot reach the inbound URL, and says what to do", async () => {
    await startWizard('Acme Twilio', /^Twilio/);
    await page.getByLabel('Account SID').fill(ACCOUNT_SID);
    await page.getByLabel('Auth Token', { exact: true }).fill(AUTH_TOKEN);
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await heading('Numbers and channels');
    await page.getByLabel('Name', { exact: true }).fill('Support');
    await page.getByLabel('Number', { exact: true }).fill('+14155550177');
    await page.getByRole('button', { name: 'Add number' }).click();
    await page.getByRole('cell', { name: '+14155550177' }).waitFor();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await heading('Callback information');
    await page.getByRole('button', { name: 'Cancel' }).waitFor();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await heading('Done');
    await page.getByText('Acme Twilio is saved with 1 number, but it is not ready').waitFor();
    await page.getByText(/Inbound URL of “Acme Twilio” is on 127\.0\.0\.1, which Twilio cannot reach/).waitFor();
    await page.getByText(/Set PUBLIC_URL to the public https address/).waitFor();
    expect(await page.getByText(/is ready with/).count()).toBe(0);
    await capture('admin-wizard-not-ready');
  });

  it('shows account health on the Overview with the fix for each, in English and Korean', async () => {
    const [account] = await accounts();
    const inboundUrl = (await t.request('GET', `/api/v1/messaging-accounts/${account.id}`, { token })).body.inboundUrl as string;
    const sid = randomMessageSid();
    expect((await postSignedWebhook(inboundUrl, 'not the saved token', { MessageSid: sid, SmsSid: sid, From: 'whatsapp:+15550001111', To: 'whatsapp:+14155550177', Body: 'hi', AccountSid: ACCOUNT_SID })).status).toBe(403);
    const broken = await t.request('POST', '/api/v1/messaging-accounts', { token, body: { name: 'Old token', channel: 'whatsapp', provider: 'twilio', accountSid: ACCOUNT_SID, authToken: 'revoked-token-1' } });
    await t.request('POST', `/api/v1/messaging-accounts/${broken.body.id}/validate`, { token });

    await page.goto('/admin');
    await page.getByRole('heading', { name: 'Needs attention' }).waitFor();
    const health = page.locator('section.warnings');
    await health.getByText('Twilio refuses the credentials of “Old token”').waitFor();
    await health.getByText(/1 webhook to “Acme Twilio” in the last 24 hours was refused/).waitFor();
    await health.getByText(/No message has ever arrived at \+14155550177/).waitFor();
    await health.getByText(/Inbound URL of “Acme Twilio” is on 127\.0\.0\.1/).waitFor();
    expect(await health.getByText('Fix:').count()).toBeGreaterThanOrEqual(4);
    await health.scrollIntoViewIfNeeded();
    await capture('admin-overview-health');

    await page.getByRole('banner').getByRole('combobox', { name: /^Language/ }).selectOption('ko');
    await page.getByRole('heading', { name: '확인 필요' }).waitFor();
    await health.getByText(/Twilio가 “Old token” 계정의 자격 증명을 거부합니다/).waitFor();
    await health.getByText(/웹훅 1건이 거부되었습니다/).waitFor();
    await capture('admin-overview-health-ko');
    await page.getByRole('banner').getByRole('combobox', { name: /^언어/ }).selectOption('en');
  });

  it("checks WhatsApp's template rules as the admin types and on save, and warns about a missing Content SID", async () => {
    await page.goto('/admin/templates/new');
    await page.getByLabel('Name', { exact: true }).fill('Order Update');
    await page.getByLabel('Text', { exact: true }).fill('Hello {{1}, your order {{3}} has shipped.');
    await page.getByRole('button', { name: 'Create template' }).click();
    await page.getByText('WhatsApp accepts only lowercase letters (a–z), digits and underscores in a template name, e.g. order_update.').waitFor();
    await page.getByText('“{{1}” is not a placeholder: WhatsApp needs them written exactly as {{1}}, {{2}}…').waitFor();
    await page.getByText(/Without a Content SID, this text can only be sent inside the 24-hour window/).waitFor();
    await capture('admin-template-rules');
    await page.getByLabel('Text', { exact: true }).fill('Hello {{1}}, your order {{3}} has shipped.');
    await page.getByText('Number the placeholders {{1}}, {{2}}… in the order they first appear, with no gaps: {{3}} comes where {{2}} was expected.').waitFor();

    await page.getByRole('banner').getByRole('combobox', { name: /^Language/ }).selectOption('ko');
    await page.getByText('WhatsApp 템플릿 이름에는 영문 소문자(a–z), 숫자, 밑줄(_)만 쓸 수 있습니다. 예: order_update').waitFor();
    await page.getByText(/\{\{2\}\}가 와야 할 자리에 \{\{3\}\}가 있습니다/).waitFor();
    await capture('admin-template-rules-ko');
    await page.getByRole('banner').getByRole('combobox', { name: /^언어/ }).selectOption('en');

    await page.getByLabel('Name', { exact: true }).fill('order_update');
    await page.getByLabel('Text', { exact: true }).fill('Hello {{1}}, your order {{2}} has shipped.');
    await page.getByRole('button', { name: 'Create template' }).click();
    await heading('order_update');
    await page.goto('/admin/templates');
    await page.getByText('⚠ Inside the 24-hour window only, no Content SID: en').waitFor();
    expect(admin.errors).toEqual([]);
  });

  it('suggests the skills agents already have where a skill is typed', async () => {
    const kim = await t.request('POST', '/api/v1/users', { token, body: { email: 'kim@example.com', name: 'Kim Agent', password: 'long enough password', role: 'agent' } });
    expect((await t.request('PATCH', `/api/v1/users/${kim.body.id}`, { token, body: { skills: [{ name: 'korean', proficiency: 8 }] } })).status).toBe(200);
    await page.goto('/admin/users/new');
    await page.getByRole('button', { name: 'Add skill' }).click();
    const input = page.getByLabel('Name of skill 1');
    const listId = await input.getAttribute('list');
    expect(listId).toBeTruthy();
    await expect.poll(() => page.locator(`datalist[id="${listId}"] option`).evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual(['korean']);
  });
});
