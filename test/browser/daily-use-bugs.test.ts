import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { ACCOUNT_SID, AUTH_TOKEN, customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { createBrowserUser, describeBrowser, launchBrowser, logIn, openPage, screenshot } from '../helpers/browser.js';

const PHONE = { width: 390, height: 844 };
const WORDS = {
  en: { locale: 'en-US', mine: /^Mine, 2 conversations(, \d+ unread)?$/, coordinates: '37.56629, 126.97795' },
  ko: { locale: 'ko-KR', mine: /^내 대화, 대화 2개(, 읽지 않음 \d+개)?$/, coordinates: '37.56629, 126.97795' },
} as const;

/**
 * What an agent sees of the first week's bugs: a shared place by its name and address, a
 * colleague's message in the list under the colleague's name, tabs whose counts are read apart,
 * and the page's language in <html lang>.
 */
describeBrowser('agent workspace: places, previews, tab names, page language', () => {
  let t: TestApp;
  let fake: FakeTwilio;
  let setup: WhatsappSetup;
  let browser: Browser;
  let customers = 0;

  beforeAll(async () => {
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    [t, browser] = await Promise.all([startTestApp('pglite', { config: { twilioApiBaseUrl: fake.baseUrl } }), launchBrowser()]);
    setup = await setupWhatsapp(t);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await fake?.close();
  });

  for (const language of ['en', 'ko'] as const) {
    it(`shows a place's name and address, a colleague's name in the preview, tab counts apart, and <html lang> (${language})`, async () => {
      const words = WORDS[language];
      const viewer = await createBrowserUser(t, 'agent', { name: `Vic ${language}`, capacity: 100 });
      const queue = await t.request('GET', `/api/v1/queues/${setup.queueId}`, { token: setup.admin.token });
      expect((await t.request('PATCH', `/api/v1/queues/${setup.queueId}`, { token: setup.admin.token, body: { agentIds: [...queue.body.agentIds, viewer.id] } })).status).toBe(200);

      // A colleague answers a customer, then hands the conversation to the viewer.
      customers += 1;
      const handed = await customerWrites(t, setup, { from: `+1555000410${customers}`, name: `Handed ${language}`, body: 'Where is my parcel?' });
      expect((await t.request('POST', `/api/v1/conversations/${handed.conversationId}/pick`, { token: setup.agent.token })).status).toBe(200);
      expect((await t.request('POST', `/api/v1/conversations/${handed.conversationId}/messages`, { token: setup.agent.token, body: { body: 'It left the depot today' } })).status).toBe(201);
      expect((await t.request('POST', `/api/v1/conversations/${handed.conversationId}/transfer`, { token: setup.agent.token, body: { agentId: viewer.id } })).status).toBe(200);

      // A customer shares a place, as WhatsApp sends it through Twilio; a colleague hands it over too.
      customers += 1;
      const place = await customerWrites(t, setup, {
        from: `+1555000410${customers}`, name: `Placed ${language}`, body: '',
        extra: { MessageType: 'location', Latitude: '37.566295', Longitude: '126.977945', Label: 'Seoul City Hall', Address: '110 Sejong-daero, Jung-gu, Seoul' },
      });
      expect((await t.request('POST', `/api/v1/conversations/${place.conversationId}/pick`, { token: setup.agent.token })).status).toBe(200);
      expect((await t.request('POST', `/api/v1/conversations/${place.conversationId}/transfer`, { token: setup.agent.token, body: { agentId: viewer.id } })).status).toBe(200);

      for (const viewport of [undefined, PHONE]) {
        const { page, errors } = await openPage(browser, t, { locale: words.locale, viewport });
        await logIn(page, viewer);
        expect(await page.locator('html').getAttribute('lang')).toBe(language);
        const mine = page.getByRole('tab', { name: words.mine });
        await mine.waitFor();
        await mine.click();

        const handedRow = page.locator('.conversation-row', { hasText: `Handed ${language}` });
        await handedRow.waitFor();
        expect(await handedRow.locator('.row-preview').textContent()).toBe('Grace Agent: It left the depot today');

        await page.locator('.conversation-row', { hasText: `Placed ${language}` }).click();
        const location = page.locator('.bubble .location');
        await location.waitFor();
        expect(await location.locator('.location-name').textContent()).toContain('Seoul City Hall');
        expect(await location.locator('.location-address').textContent()).toBe('110 Sejong-daero, Jung-gu, Seoul');
        expect(await location.textContent()).toContain(words.coordinates);
        expect(await location.getByRole('link').getAttribute('href')).toContain('mlat=37.566295');
        await screenshot(page, `daily-use-bugs-${language}-${viewport ? 'phone' : 'desktop'}`);
        expect(errors).toEqual([]);
        await page.context().close();
      }
    });
  }
});
