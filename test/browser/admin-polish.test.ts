import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { accessibilityProblems, createBrowserUser, describeBrowser, launchBrowser, logIn, openPage, screenshot, type OpenPage } from '../helpers/browser.js';

/**
 * The admin center's everyday polish: one save for a workstream's behaviors with a question before
 * unsaved changes are left behind, survey options resting while the survey is off, the audit log in
 * words with search and a date range, tables that fit a 768-pixel window, the way to the supervisor
 * area and back, and a user's presence at sign-in; in English and Korean.
 */
describeBrowser('admin center: behaviors save, audit log, narrow tables, supervisor link, default presence', () => {
  let t: TestApp;
  let browser: Browser;
  let setup: WhatsappSetup;
  let admin: OpenPage;
  let page: Page;
  let token: string;
  let workstreamId: string;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp('pglite'), launchBrowser()]);
    const simToken = (await t.userWithToken('agent')).token;
    const credentials = await t.request('POST', '/simulator/api/accounts', { token: simToken, body: { friendlyName: 'Acme' } });
    setup = await setupWhatsapp(t, { provider: 'simulator', ...credentials.body });
    token = setup.admin.token;
    workstreamId = (await t.request('GET', '/api/v1/workstreams', { token })).body.items[0].id;
    const user = await createBrowserUser(t, 'admin', { name: 'Ada Admin' });
    admin = await openPage(browser, t);
    page = admin.page;
    await logIn(page, user, '/admin');
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const capture = async (name: string) => {
    await screenshot(page, name);
    expect(await accessibilityProblems(page)).toEqual([]);
  };
  const heading = (name: string) => page.getByRole('heading', { name, exact: true }).waitFor();
  const language = async (lang: 'en' | 'ko') => {
    await page.getByRole('banner').getByRole('combobox', { name: /^(Language|언어)/ }).selectOption(lang);
  };
  /** Nothing sticks out of the window: no sideways scrolling, every table and each control in it inside. */
  const fitsWindow = () =>
    page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const outside = [...document.querySelectorAll('table, table a, table button, .audit-list, .audit-list li')]
        .filter((el) => el.getBoundingClientRect().right > width + 0.5)
        .map((el) => el.textContent?.slice(0, 40));
      return { scrolls: document.documentElement.scrollWidth > width, outside };
    });

  it('leads from the admin center to the supervisor area and back', async () => {
    await page.getByRole('banner').getByRole('link', { name: 'Supervisor area' }).click();
    await page.waitForURL((url) => url.pathname === '/supervisor');
    await page.getByRole('link', { name: 'Admin center' }).click();
    await page.waitForURL((url) => url.pathname === '/admin');
    await heading('Set up Switchboard');
    await capture('admin-polish-header-en');
    await language('ko');
    await page.getByRole('banner').getByRole('link', { name: '감독자 화면' }).waitFor();
    await capture('admin-polish-header-ko');
    await language('en');
  });

  it('sets a user’s presence at sign-in when inviting and editing', async () => {
    await page.getByRole('navigation', { name: 'Admin center sections' }).getByRole('link', { name: 'Users' }).click();
    await page.getByRole('link', { name: 'Invite user' }).click();
    await heading('Invite a user');
    const presence = page.getByLabel('Presence at sign-in');
    expect(await presence.inputValue()).toBe('available');
    await page.getByLabel('Role').selectOption('supervisor');
    expect(await presence.inputValue()).toBe('offline');
    await presence.selectOption('away');
    await page.getByLabel('Name', { exact: true }).fill('Sam Supervisor');
    await page.getByLabel('Email').fill('sam@example.com');
    await capture('admin-polish-user-presence-en');
    await page.getByRole('button', { name: 'Create user' }).click();
    await heading('Sam Supervisor');
    const sam = async () => ((await t.request('GET', '/api/v1/users', { token })).body.items as { email: string; defaultPresence: string; role: string }[]).find((u) => u.email === 'sam@example.com');
    expect(await sam()).toMatchObject({ role: 'supervisor', defaultPresence: 'away' });

    await language('ko');
    await page.getByLabel('로그인 시 상태').selectOption('dnd');
    await capture('admin-polish-user-presence-ko');
    await page.getByRole('button', { name: '저장' }).click();
    await page.getByRole('status').filter({ hasText: '저장했습니다' }).waitFor();
    expect(await sam()).toMatchObject({ defaultPresence: 'dnd' });
    await language('en');
  });

  it('saves every section of the behaviors with one button, and asks before leaving unsaved changes', async () => {
    await page.goto(`/admin/workstreams/${workstreamId}/behaviors`);
    await page.getByRole('heading', { name: /^Behaviors: / }).waitFor();
    const save = page.getByRole('button', { name: 'Save behaviors' });
    expect(await save.isDisabled()).toBe(true);

    // The survey's options rest while it is off, and say why.
    const surveyOn = page.getByLabel('Send the survey');
    if (await surveyOn.isChecked()) await surveyOn.uncheck();
    await page.getByText('Turn the survey on to change how it is sent.').waitFor();
    expect(await page.getByLabel('A reply counts as the answer for (minutes)').isDisabled()).toBe(true);
    expect(await page.getByRole('radio', { name: /link/i }).first().isDisabled()).toBe(true);
    await surveyOn.check();
    expect(await page.getByLabel('A reply counts as the answer for (minutes)').isDisabled()).toBe(false);
    await page.getByLabel('A reply counts as the answer for (minutes)').fill('90');

    await page.locator('summary', { hasText: 'Greeting when a conversation starts' }).click();
    await page.getByLabel('Greeting when a conversation starts — Korean').fill('반갑습니다!');
    await page.getByText('Unsaved changes: Automated messages, Post-conversation survey.').waitFor();

    // Leaving through the menu asks first, naming what is unsaved; dismissed, nothing is lost.
    await page.getByRole('navigation', { name: 'Admin center sections' }).getByRole('link', { name: 'Queues' }).click();
    expect(admin.dialogs).toEqual(['confirm: Leave this page? Your changes to Automated messages, Post-conversation survey are not saved and will be lost.']);
    admin.dialogs.length = 0;
    expect(new URL(page.url()).pathname).toBe(`/admin/workstreams/${workstreamId}/behaviors`);
    expect(await page.getByLabel('A reply counts as the answer for (minutes)').inputValue()).toBe('90');
    await capture('admin-polish-behaviors-unsaved-en');

    await save.click();
    await page.getByRole('status').filter({ hasText: /^Saved\.$/ }).waitFor();
    const behaviors = (await t.request('GET', `/api/v1/workstreams/${workstreamId}/behaviors`, { token })).body;
    expect(behaviors.automatedMessages.greeting.texts).toEqual({ ko: '반갑습니다!' });
    expect(behaviors.survey).toMatchObject({ enabled: true, answerWithinMinutes: 90 });
    expect(await save.isDisabled()).toBe(true);

    await language('ko');
    await page.getByLabel('설문 보내기').uncheck();
    await page.getByText('설문 방식을 바꾸려면 먼저 설문을 켜세요.').waitFor();
    await page.getByText(/^저장하지 않은 변경 사항: .*설문/).waitFor();
    await capture('admin-polish-behaviors-ko');
    await page.getByLabel('설문 보내기').check();
    await page.getByText(/^저장하지 않은 변경 사항/).waitFor({ state: 'detached' });
    await language('en');

    // With everything saved, leaving asks nothing.
    await page.getByRole('navigation', { name: 'Admin center sections' }).getByRole('link', { name: 'Queues' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/queues');
    expect(admin.dialogs).toEqual([]);
  });

  it('tells the audit log in words, with names, searched and limited to days on the server', async () => {
    await page.getByRole('navigation', { name: 'Admin center sections' }).getByRole('link', { name: 'Audit log' }).click();
    const entries = page.getByRole('list', { name: 'Audit entries' });
    const workstreamCreated = entries.getByRole('listitem').filter({ hasText: /: Created workstream “Support on whatsapp”/ });
    await workstreamCreated.waitFor();
    // Ids read as the names of what they point at.
    await workstreamCreated.getByText('Fallback queue: Support').waitFor();
    await workstreamCreated.getByText('Number: Support (+14155238886)').waitFor();
    await entries.getByRole('listitem').filter({ hasText: 'Ada Admin: Changed workstream behaviors' }).getByText('Survey › answer within minutes:').waitFor();
    await capture('admin-polish-audit-en');

    await page.getByLabel('Search for').fill('sam@example');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => entries.locator(':scope > li').count(), { timeout: 10_000 }).toBe(2);
    await entries.getByRole('listitem').filter({ hasText: 'Ada Admin: Created user “sam@example.com”' }).waitFor();
    await entries.getByText('Presence at sign-in: Away → Do not disturb').waitFor();

    const day = (offset: number) => {
      const d = new Date(Date.now() + offset * 86_400_000);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    };
    await page.getByLabel('From').fill(day(1));
    await page.getByLabel('To').fill(day(-1));
    await page.getByText('The end date is before the start date.').waitFor();
    await page.getByLabel('To').fill(day(2));
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('No entries match.').waitFor();
    await page.getByLabel('From').fill(day(0));
    await page.getByLabel('To').fill(day(0));
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await entries.getByRole('listitem').filter({ hasText: 'Created user “sam@example.com”' }).waitFor();
    await page.getByRole('button', { name: 'Clear search' }).click();
    await workstreamCreated.waitFor();

    await language('ko');
    await page.getByRole('list', { name: '감사 기록' }).getByRole('listitem').filter({ hasText: ': 워크스트림 “Support on whatsapp” 생성' }).getByText('기본 큐: Support').waitFor();
    await capture('admin-polish-audit-ko');
    await language('en');
  });

  it('fits the admin tables and the audit log in a 768-pixel window', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    try {
      for (const [path, name] of [['/admin/accounts', 'accounts'], ['/admin/workstreams', 'workstreams'], ['/admin/queues', 'queues'], ['/admin/users', 'users'], ['/admin/templates', 'templates'], ['/admin/quick-replies', 'quick-replies'], ['/admin/audit', 'audit']] as const) {
        await page.goto(path);
        await page.locator('table, .audit-list, .empty').first().waitFor();
        expect({ path, ...(await fitsWindow()) }).toEqual({ path, scrolls: false, outside: [] });
        if (name === 'workstreams' || name === 'users' || name === 'audit') await capture(`admin-polish-768-${name}-en`);
      }
      await language('ko');
      for (const path of ['/admin/workstreams', '/admin/users', '/admin/audit']) {
        await page.goto(path);
        await page.locator('table, .audit-list').first().waitFor();
        expect({ path, ...(await fitsWindow()) }).toEqual({ path, scrolls: false, outside: [] });
        await capture(`admin-polish-768-${path.split('/').pop()}-ko`);
      }
      await language('en');
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
    expect(admin.errors).toEqual([]);
  });
});
