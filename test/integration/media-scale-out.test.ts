import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startSecondProcess } from '../helpers/second-process.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { ACCOUNT_SID, AUTH_TOKEN, customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { claimPendingMedia, downloadPendingMedia, MEDIA_CLAIM_SECONDS } from '../../src/server/media/download-media.js';

const onPostgres = dbKinds.includes('postgres') ? describe : describe.skip;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000100ffff03000006000557bfabd40000000049454e44ae426082', 'hex');

/** A network whose media CDN answers only when the test says: a download held in flight. */
function gatedFetch() {
  let release!: () => void;
  let reached!: () => void;
  const opened = new Promise<void>((r) => (release = r));
  const arrived = new Promise<void>((r) => (reached = r));
  const fetchImpl: typeof fetch = async (input, init) => {
    if (String(input instanceof Request ? input.url : input).includes('/cdn/')) {
      reached();
      await opened;
    }
    return fetch(input, init);
  };
  return { fetch: fetchImpl, arrived, release };
}

onPostgres('media with two Switchboard processes on one PostgreSQL', () => {
  let a: TestApp;
  let b: Awaited<ReturnType<typeof startSecondProcess>>;
  let bDataDir: string;
  let fake: FakeTwilio;
  let setup: WhatsappSetup;
  const gate = gatedFetch();

  beforeAll(async () => {
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    a = await startTestApp('postgres', { fetch: gate.fetch, config: { twilioApiBaseUrl: fake.baseUrl, simulator: false } });
    // Its own data folder, as a process on another machine has: nothing on disk is shared.
    bDataDir = await mkdtemp(join(tmpdir(), 'switchboard-b-'));
    b = await startSecondProcess(a, { dataDir: bDataDir });
    setup = await setupWhatsapp(a);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await fake?.close();
    if (bDataDir) await rm(bDataDir, { recursive: true, force: true });
  });

  it('downloads an inbound image once, serves it from both processes, and an erasure on one removes it for both', async () => {
    expect([a.ctx.media.kind, b.ctx.media.kind]).toEqual(['postgres', 'postgres']);
    const sid = 'MM' + 'c3'.repeat(16);
    const written = await customerWrites(a, setup, {
      from: '+15550004001',
      body: 'my parcel',
      extra: { MessageSid: sid, SmsMessageSid: sid, SmsSid: sid, NumMedia: '1', MessageType: 'image', MediaContentType0: 'image/png', MediaUrl0: fake.addMedia(sid, 'image/png', PNG) },
    });

    // Process A has claimed the download and is fetching it; process B must leave it alone.
    const downloadingOnA = downloadPendingMedia(a.ctx, 10, 'process-a');
    await gate.arrived;
    expect(await downloadPendingMedia(b.ctx, 10, 'process-b')).toBe(0);
    gate.release();
    expect(await downloadingOnA).toBe(1);
    expect(await downloadPendingMedia(b.ctx, 10, 'process-b')).toBe(0);
    const mediaPath = `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${sid}/Media/`;
    expect(fake.requests.filter((r) => r.path.startsWith(mediaPath)).length).toBe(1);
    expect(fake.requests.filter((r) => r.path.startsWith('/cdn/')).length).toBe(1);

    const messages = await a.request('GET', `/api/v1/conversations/${written.conversationId}/messages`, { token: setup.agent.token });
    const media = messages.body.items.find((m: any) => m.body === 'my parcel').media[0];
    expect(media.status).toBe('stored');
    for (const url of [a.url, b.url]) {
      const res = await fetch(`${url}/api/v1/media/${media.id}`, { headers: { authorization: `Bearer ${setup.agent.token}` } });
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
      expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
    }
    const key = (await a.ctx.db.selectFrom('message_media').select('storage_key').where('id', '=', media.id).executeTakeFirstOrThrow()).storage_key!;

    const contact = await a.ctx.db.selectFrom('contacts').select('id').where('phone', '=', '+15550004001').executeTakeFirstOrThrow();
    const erased = await fetch(`${b.url}/api/v1/contacts/${contact.id}/erase`, { method: 'POST', headers: { authorization: `Bearer ${setup.admin.token}` } });
    expect(erased.status).toBe(200);
    expect(await erased.json()).toMatchObject({ mediaFiles: 1 });
    for (const url of [a.url, b.url]) {
      const res = await fetch(`${url}/api/v1/media/${media.id}`, { headers: { authorization: `Bearer ${setup.admin.token}` } });
      expect({ url, status: res.status }).toEqual({ url, status: 404 });
    }
    expect(await a.ctx.media.exists(key)).toBe(false);
    expect(await b.ctx.media.exists(key)).toBe(false);
  });

  it('takes over a download whose process died once its claim runs out, not before', async () => {
    const sid = 'MM' + 'd4'.repeat(16);
    await customerWrites(a, setup, {
      from: '+15550004002',
      body: 'another photo',
      extra: { MessageSid: sid, SmsMessageSid: sid, SmsSid: sid, NumMedia: '1', MessageType: 'image', MediaContentType0: 'image/png', MediaUrl0: fake.addMedia(sid, 'image/png', PNG) },
    });
    // A process claims it and dies before downloading.
    const now = new Date();
    const claimed = await a.ctx.db.transaction().execute((tx) => claimPendingMedia(tx, 10, { now, worker: 'died' }));
    expect(claimed).toHaveLength(1);
    expect(await downloadPendingMedia(b.ctx, 10, 'process-b')).toBe(0);
    const realNow = b.ctx.now;
    b.ctx.now = () => new Date(now.getTime() + (MEDIA_CLAIM_SECONDS + 1) * 1000);
    try {
      expect(await downloadPendingMedia(b.ctx, 10, 'process-b')).toBe(1);
    } finally {
      b.ctx.now = realNow;
    }
    const row = await a.ctx.db.selectFrom('message_media').select(['status', 'attempts', 'claimed_by']).where('id', '=', claimed[0].id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'stored', attempts: 2, claimed_by: null });
  });
});
