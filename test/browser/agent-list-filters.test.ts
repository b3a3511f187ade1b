import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { customerWrites, setupChannel, type WhatsappSetup } from '../helpers/scenario.js';
import { accessibilityProblems, createBrowserUser, describeBrowser, launchBrowser, logIn, openPage, screenshot } from '../helpers/browser.js';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

const WORDS = {
  en: { channelFilter: 'Filter by channel', closed: 'Closed', guessed: 'Korean (from the number)', keep: 'Keep', templates: 'Templates' },
  ko: { channelFilter: '채널로 거르기', closed: '종료', guessed: '한국어 (번호로 추정)', keep: '이 언어로 저장', templates: '템플릿' },
} as const;

/**
 * The agent's list and customer context (issue 24): filters by state, queue and channel in one
 * compact row (a phone's too), a Closed tab, search results showing the message that matched and
 * opening the thread at it; a +82 customer's language guessed from the number, kept in one click,
 * the template picker opening on Korean, and an earlier conversation read inline.
 */
describeBrowser('agent workspace: list filters, closed view, search matches, customer language', () => {
  let t: TestApp;
  let setup: WhatsappSetup;
  let browser: Browser;
  let run = 0;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp('pglite'), launchBrowser()]);
    setup = await setupChannel(t, 'sms');
    const whatsapp = await t.request('POST', '/api/v1/workstreams', {
      token: setup.admin.token,
      body: { name: 'Support on WhatsApp', channel: 'whatsapp', mode: 'pick', fallbackQueueId: setup.queueId, capacityPerConversation: 1, whatsapp: { numberId: setup.numberId } },
    });
    expect(whatsapp.status).toBe(201);
    const template = await t.request('POST', '/api/v1/templates', {
      token: setup.admin.token,
      body: { name: 'order_update', defaultLanguage: 'en', text: 'Your order {{1}} is on its way.', localizations: [{ language: 'en', text: 'Your order {{1}} is on its way.' }, { language: 'ko', text: '주문 {{1}}이(가) 배송 중입니다.' }] },
    });
    expect(template.status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function agentPage(viewport: typeof DESKTOP, locale: string): Promise<Page> {
    const user = await createBrowserUser(t, 'agent', { name: `Lee ${run}`, capacity: 100 });
    const queue = await t.request('GET', `/api/v1/queues/${setup.queueId}`, { token: setup.admin.token });
    expect((await t.request('PATCH', `/api/v1/queues/${setup.queueId}`, { token: setup.admin.token, body: { agentIds: [...queue.body.agentIds, user.id] } })).status).toBe(200);
    const { page, errors } = await openPage(browser, t, { viewport, locale });
    await logIn(page, user);
    page.once('close', () => expect(errors).toEqual([]));
    return page;
  }

  for (const [language, locale] of [['en', 'en-US'], ['ko', 'ko-KR']] as const) {
    for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
      it(`filters, finds, and shows the customer's language (${language}, ${size})`, async () => {
        run += 1;
        const words = WORDS[language];
        const phone = viewport === PHONE;
        const korean = `+8210555${String(run).padStart(4, '0')}`;
        // SMS carries no profile name: the row shows the number.
        const smsCustomer = `+1555008${String(run).padStart(4, '0')}`;
        const parcel = `PARCEL${run}77`;
        // An earlier conversation with the Korean customer, closed; then the customer writes again.
        const earlier = await customerWrites(t, setup, { from: korean, name: `Kim ${run}`, body: `제 택배 ${parcel} 어디 있나요?`, channel: 'whatsapp' });
        expect((await t.request('POST', `/api/v1/conversations/${earlier.conversationId}/close`, { token: setup.admin.token })).status).toBe(200);
        const now = await customerWrites(t, setup, { from: korean, name: `Kim ${run}`, body: '다시 문의드립니다', channel: 'whatsapp' });
        await customerWrites(t, setup, { from: smsCustomer, body: 'Texting about my bill', channel: 'sms' });

        const page = await agentPage(viewport, locale);
        await page.locator('.list-tabs .tab').nth(1).click();
        await page.locator('.conversation-row', { hasText: smsCustomer }).waitFor();
        await page.locator('.conversation-row', { hasText: `Kim ${run}` }).waitFor();

        // The filter bar: one row, whole on screen, even on a phone.
        const bar = page.locator('.list-filters');
        const box = (await bar.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
        expect(box.height).toBeLessThanOrEqual(phone ? 44 : 32);
        await page.getByRole('combobox', { name: words.channelFilter }).selectOption('sms');
        await expect.poll(() => page.locator('.conversation-row', { hasText: `Kim ${run}` }).count()).toBe(0);
        await page.locator('.conversation-row', { hasText: smsCustomer }).waitFor();
        await screenshot(page, `agent-list-filtered-${language}-${size}`);

        // The Closed tab, within the same filters: the WhatsApp conversation appears once the channel filter is cleared.
        await page.getByRole('tab', { name: words.closed }).click();
        await page.locator('.list-empty').waitFor();
        await page.locator('.list-filters-clear').click();
        await page.locator('.conversation-row', { hasText: `Kim ${run}` }).waitFor();
        await screenshot(page, `agent-list-closed-${language}-${size}`);

        // Search shows the message that matched, the match marked, and opens the thread at it.
        await page.locator('.list-search input').fill(parcel.toLowerCase());
        const hit = page.locator(`.conversation-row[data-conversation-id="${earlier.conversationId}"]`);
        await hit.locator('mark', { hasText: parcel }).waitFor();
        await screenshot(page, `agent-list-search-${language}-${size}`);
        await hit.click();
        await page.waitForURL(`**/agent/c/${earlier.conversationId}?m=*`);
        const matched = page.locator('.bubble-row.search-match', { hasText: parcel });
        await matched.waitFor();
        expect(await matched.isVisible()).toBe(true);
        if (phone) await page.locator('.pane-back').click();
        await page.locator('.list-search input').fill('');

        // The live conversation: pick it, then the customer's language, guessed from +82.
        await page.locator('.list-tabs .tab').nth(1).click();
        await page.locator(`.conversation-row[data-conversation-id="${now.conversationId}"]`).click();
        await page.waitForURL(`**/agent/c/${now.conversationId}`);
        await page.locator('.pane-actions button.primary').click();
        await page.locator('.composer-input').waitFor();
        if (!(await page.locator('.customer-panel').isVisible())) await page.locator('.customer-toggle').click();
        const panel = page.locator('.customer-panel');
        await panel.locator('.customer-language', { hasText: words.guessed }).waitFor();
        // An earlier conversation opens inline, read-only.
        await panel.locator('.previous button[aria-expanded]').first().click();
        await panel.locator('.transcript', { hasText: parcel }).waitFor();
        await screenshot(page, `agent-customer-language-${language}-${size}`);
        expect(await accessibilityProblems(page)).toEqual([]);
        await panel.getByRole('button', { name: words.keep }).click();
        await expect.poll(async () => (await t.request('GET', `/api/v1/conversations/${now.conversationId}`, { token: setup.admin.token })).body.customer.language).toBe('ko');
        if (phone) await panel.locator('.panel-close').click();

        // The template picker opens on the customer's language.
        await page.getByRole('button', { name: words.templates, exact: true }).click();
        const picker = page.locator('.template-picker');
        await expect.poll(() => picker.locator('select').first().inputValue()).toBe('ko');
        await picker.locator('.template-option', { hasText: '배송 중' }).waitFor();
        await screenshot(page, `agent-template-language-${language}-${size}`);
        await page.context().close();
      });
    }
  }
});
