import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { accessibilityProblems, createBrowserUser, describeBrowser, launchBrowser, logIn, openPage, screenshot } from '../helpers/browser.js';

/**
 * An admin deactivates an agent from the users page (the agent's open workspace goes to the
 * sign-in page at once), reactivates them, and the agent changes their own password.
 */
describeBrowser('revoking access in the admin center', () => {
  let t: TestApp;
  let browser: Browser;
  let adminPage: Page;
  let agentPage: Page;
  let kim: { email: string; password: string };

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp('pglite'), launchBrowser()]);
    const admin = await createBrowserUser(t, 'admin', { name: 'Ada Admin' });
    kim = await createBrowserUser(t, 'agent', { name: 'Kim Agent' });
    adminPage = (await openPage(browser, t)).page;
    agentPage = (await openPage(browser, t)).page;
    await logIn(adminPage, admin, '/admin');
    await logIn(agentPage, kim, '/agent');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const kimRow = () => adminPage.getByRole('row', { name: /Kim Agent/ });

  it('says why the last admin cannot deactivate themselves', async () => {
    await adminPage.getByRole('navigation', { name: 'Admin center sections' }).getByRole('link', { name: 'Users' }).click();
    await adminPage.getByRole('button', { name: 'Deactivate Ada Admin' }).click();
    const dialog = adminPage.getByRole('dialog', { name: 'Deactivate Ada Admin?' });
    // The dialog reads the impact first: the refusal shows before anything is tried, and the button stays off.
    await dialog.getByRole('alert').filter({ hasText: 'This is the last active admin' }).waitFor();
    expect(await dialog.getByRole('button', { name: 'Deactivate', exact: true }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('deactivates an agent after a confirmation: their open workspace is signed out and they cannot sign in', async () => {
    await agentPage.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    await adminPage.getByRole('button', { name: 'Deactivate Kim Agent' }).click();
    const dialog = adminPage.getByRole('dialog', { name: 'Deactivate Kim Agent?' });
    await dialog.getByText('go back to their queue').waitFor();
    await screenshot(adminPage, 'revoke-1-deactivate-confirmation');
    expect(await accessibilityProblems(adminPage)).toEqual([]);
    await dialog.getByRole('button', { name: 'Deactivate', exact: true }).click();
    await kimRow().getByText('Deactivated').waitFor();
    await screenshot(adminPage, 'revoke-2-deactivated');

    // The agent's socket was closed for an ended session: the workspace shows the sign-in page.
    await agentPage.waitForURL((url) => url.pathname === '/login');
    await agentPage.locator('input[type=email]').fill(kim.email);
    await agentPage.locator('input[type=password]').fill(kim.password);
    await agentPage.locator('form button[type=submit]').click();
    await agentPage.getByRole('alert').filter({ hasText: 'not right' }).waitFor();
  });

  it('reactivates them, and they sign in again', async () => {
    await adminPage.getByRole('button', { name: 'Reactivate Kim Agent' }).click();
    const dialog = adminPage.getByRole('dialog', { name: 'Reactivate Kim Agent?' });
    await dialog.getByRole('button', { name: 'Reactivate', exact: true }).click();
    await adminPage.getByRole('button', { name: 'Deactivate Kim Agent' }).waitFor();
    expect(await kimRow().getByText('Deactivated').count()).toBe(0);
    await logIn(agentPage, kim, '/agent');
  });

  it('lets the agent change their own password from the workspace, naming a wrong current password', async () => {
    await agentPage.getByRole('button', { name: /Kim Agent/ }).click();
    await agentPage.getByRole('button', { name: 'Change my password' }).click();
    const dialog = agentPage.getByRole('dialog', { name: 'Change my password' });
    await dialog.getByLabel('Current password').fill('not my password');
    await dialog.getByLabel('New password', { exact: true }).fill('kim has a new password');
    await dialog.getByLabel('New password again').fill('kim has a new password');
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await dialog.getByText('The current password is not right.').waitFor();
    await dialog.getByLabel('Current password').fill(kim.password);
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await dialog.getByText('Your password was changed.').waitFor();
    await screenshot(agentPage, 'revoke-3-password-changed');
    expect(await accessibilityProblems(agentPage)).toEqual([]);
    await dialog.getByRole('button', { name: 'Close' }).click();

    // This session stayed; the new password signs in elsewhere, the old one no longer does.
    expect((await t.request('POST', '/api/v1/auth/login', { body: { email: kim.email, password: kim.password } })).status).toBe(401);
    expect((await t.request('POST', '/api/v1/auth/login', { body: { email: kim.email, password: 'kim has a new password' } })).status).toBe(200);
    await agentPage.reload();
    await agentPage.getByRole('button', { name: /Kim Agent/ }).waitFor();
    // The admin center offers the same form.
    await adminPage.getByRole('button', { name: 'Change my password' }).waitFor();
  });
});
