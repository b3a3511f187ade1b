import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { accessibilityProblems, createBrowserUser, describeBrowser, launchBrowser, logIn, openPage, screenshot, type OpenPage } from '../helpers/browser.js';

/**
 * Removing a queue from the admin center: the dialog shows what it affects before anything
 * happens, refuses with the reason where work still goes to the queue, and deletes once confirmed,
 * in English and Korean.
 */
describeBrowser('admin center: deleting a queue after seeing its impact', () => {
  let t: TestApp;
  let browser: Browser;
  let admin: OpenPage;
  let page: Page;
  let token: string;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp('pglite'), launchBrowser()]);
    const user = await createBrowserUser(t, 'admin', { name: 'Ada Admin' });
    token = (await t.request('POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password } })).body.token;
    admin = await openPage(browser, t);
    page = admin.page;
    await logIn(page, user, '/admin');
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await t.request(method, path, { token, body });
    expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res.body;
  };
  const capture = async (name: string) => {
    await screenshot(page, name);
    expect(await accessibilityProblems(page)).toEqual([]);
  };

  it('refuses a queue a workstream falls back to, then deletes an unused one after listing the agents who leave it', async () => {
    const grace = await createBrowserUser(t, 'agent', { name: 'Grace Agent' });
    const billing = await api('POST', '/api/v1/queues', { name: 'Billing' });
    await api('POST', '/api/v1/workstreams', { name: 'Billing on WhatsApp', channel: 'whatsapp', mode: 'pick', fallbackQueueId: billing.id });
    const returns = await api('POST', '/api/v1/queues', { name: 'Returns', agentIds: [grace.id] });

    await page.goto('/admin/queues');
    await page.getByRole('button', { name: 'Delete Billing…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Billing?' });
    await dialog.getByText(/Work is still sent to this queue/).waitFor();
    await dialog.getByText(/1 workstream falls back to it/).waitFor();
    await dialog.getByText('Billing on WhatsApp').waitFor();
    expect(await dialog.getByRole('button', { name: 'Delete', exact: true }).count()).toBe(0);
    await capture('admin-queue-delete-refused');
    await dialog.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Delete Returns…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete Returns?' });
    await confirm.getByText(/deleted for good/).waitFor();
    await confirm.getByText(/1 agent leaves it/).waitFor();
    await confirm.getByText('Grace Agent').waitFor();
    await capture('admin-queue-delete-impact');
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('link', { name: 'Returns' }).waitFor({ state: 'detached' });
    expect((await t.request('GET', `/api/v1/queues/${returns.id}`, { token })).status).toBe(404);
    expect(admin.errors).toEqual([]);
  });

  it('says the same in Korean, refusals included', async () => {
    const spare = await api('POST', '/api/v1/queues', { name: 'Spare' });
    await page.goto('/admin/queues');
    await page.getByRole('banner').getByRole('combobox', { name: /^Language/ }).selectOption('ko');
    await page.getByRole('button', { name: 'Spare 삭제…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Spare을(를) 삭제할까요?' });
    await dialog.getByText(/완전히 삭제됩니다/).waitFor();
    await capture('admin-queue-delete-impact-ko');
    await dialog.getByRole('button', { name: '삭제', exact: true }).click();
    await page.getByRole('link', { name: 'Spare' }).waitFor({ state: 'detached' });
    expect((await t.request('GET', `/api/v1/queues/${spare.id}`, { token })).status).toBe(404);

    await page.getByRole('button', { name: 'Billing 삭제…' }).click();
    await page.getByRole('dialog').getByText(/아직 이 큐로 업무가 보내집니다/).waitFor();
    await capture('admin-queue-delete-refused-ko');
    await page.getByRole('dialog').getByRole('button', { name: '닫기' }).click();
    await page.getByRole('banner').getByRole('combobox', { name: /^언어/ }).selectOption('en');
    expect(admin.errors).toEqual([]);
  });
});
