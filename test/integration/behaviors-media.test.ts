import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { ACCOUNT_SID, AUTH_TOKEN, customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { downloadPendingMedia } from '../../src/server/media/download-media.js';
import { CATALOGUE } from '../../src/server/automation/catalogue.js';
import { behaviorsWorld } from './behaviors-world.js';

const PNG_HEADER = Buffer.from('89504e470d0a1a0a', 'hex');

describe.each(dbKinds)('automated message for a file too big (%s)', (kind) => {
  let t: TestApp;
  let fake: FakeTwilio;
  let setup: WhatsappSetup;
  let world: ReturnType<typeof behaviorsWorld>;

  beforeAll(async () => {
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    t = await startTestApp(kind, { config: { twilioApiBaseUrl: fake.baseUrl } });
    setup = await setupWhatsapp(t);
    world = behaviorsWorld(t, () => setup);
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  const photo = async (from: string, bytes: number) => {
    const sid = 'MM' + Math.random().toString(16).slice(2).padEnd(32, '0').slice(0, 32);
    const data = Buffer.concat([PNG_HEADER, Buffer.alloc(bytes - PNG_HEADER.length)]);
    return customerWrites(t, setup, {
      from,
      body: '',
      extra: { MessageSid: sid, SmsMessageSid: sid, SmsSid: sid, NumMedia: '1', MessageType: 'image', MediaContentType0: 'image/png', MediaUrl0: fake.addMedia(sid, 'image/png', data) },
    });
  };

  it('tells the customer once the download shows the photo is over the 5 MB image limit, and not for a small one', async () => {
    const big = await photo('+15550006001', 6 * 1024 * 1024);
    const small = await photo('+15550006002', 1024);
    expect(await downloadPendingMedia(t.ctx)).toBe(2);
    expect(await world.automatedOf(big.conversationId)).toEqual([CATALOGUE['file-too-big'].defaults.en]);
    expect(await world.automatedOf(small.conversationId)).toEqual([]);
  });
});
