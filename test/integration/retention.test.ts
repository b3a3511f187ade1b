import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { ACCOUNT_SID, AUTH_TOKEN, customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { downloadPendingMedia } from '../../src/server/media/download-media.js';
import { runOutboxOnce } from '../../src/server/outbox/worker.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000100ffff03000006000557bfabd40000000049454e44ae426082', 'hex');
const DAY_MS = 24 * 3600 * 1000;

describe.each(dbKinds)('data retention and customer erasure (%s)', (kind) => {
  let t: TestApp;
  let fake: FakeTwilio;
  let setup: WhatsappSetup;

  beforeAll(async () => {
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    t = await startTestApp(kind, { config: { twilioApiBaseUrl: fake.baseUrl, simulator: false } });
    setup = await setupWhatsapp(t);
    // A rule on the first message: its routing trace records the text the rule saw.
    const workstream = await t.ctx.db.selectFrom('workstreams').select('id').executeTakeFirstOrThrow();
    const ruleset = await t.request('POST', `/api/v1/workstreams/${workstream.id}/classification-rulesets`, {
      token: setup.admin.token,
      body: { name: 'Photos', rules: [{ name: 'Photo', conditions: [{ field: 'message.first', operator: 'contains', value: 'photo' }], outputs: { priority: 1 } }] },
    });
    expect(ruleset.status).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  const imageFrom = (from: string, body: string) => {
    const sid = 'MM' + Math.random().toString(16).slice(2).padEnd(32, '0').slice(0, 32);
    return customerWrites(t, setup, {
      from,
      body,
      extra: { MessageSid: sid, SmsMessageSid: sid, SmsSid: sid, NumMedia: '1', MessageType: 'image', MediaContentType0: 'image/png', MediaUrl0: fake.addMedia(sid, 'image/png', PNG) },
    });
  };
  const mediaKeysOf = async (conversationId: string) =>
    (await t.ctx.db.selectFrom('message_media as x').innerJoin('messages as m', 'm.id', 'x.message_id').select('x.storage_key').where('m.conversation_id', '=', conversationId).execute()).map((r) => r.storage_key!);
  const ageConversation = (conversationId: string, days: number) =>
    t.ctx.db.updateTable('messages').set({ created_at: new Date(Date.now() - days * DAY_MS) }).where('conversation_id', '=', conversationId).execute();
  const fileExists = async (key: string) => (await t.ctx.media.get(key)) !== null;
  const pick = (id: string) => t.request('POST', `/api/v1/conversations/${id}/pick`, { token: setup.agent.token });
  const reply = (id: string, body: string) => t.request('POST', `/api/v1/conversations/${id}/messages`, { token: setup.agent.token, body: { body } });
  const close = (id: string) => t.request('POST', `/api/v1/conversations/${id}/close`, { token: setup.admin.token });

  it('purges the bodies and media of messages older than the setting, and nothing newer, audited', async () => {
    const old = await imageFrom('+15550007001', 'My old parcel photo');
    const recent = await imageFrom('+15550007002', 'A recent photo');
    const edge = await customerWrites(t, setup, { from: '+15550007003', body: 'Twenty-nine days ago' });
    expect(await downloadPendingMedia(t.ctx)).toBe(2);
    await pick(old.conversationId);
    await reply(old.conversationId, 'Old answer with an order number');
    await runOutboxOnce(t.ctx);
    await ageConversation(old.conversationId, 40);
    await t.ctx.db.updateTable('conversation_events').set({ created_at: new Date(Date.now() - 40 * DAY_MS) }).where('conversation_id', '=', old.conversationId).execute();
    await ageConversation(edge.conversationId, 29);
    const [oldKey] = await mediaKeysOf(old.conversationId);
    const [recentKey] = await mediaKeysOf(recent.conversationId);
    expect(await fileExists(oldKey)).toBe(true);

    // Off by default: a purge changes nothing.
    expect((await t.request('GET', '/api/v1/retention', { token: setup.admin.token })).body).toEqual({ retentionDays: null, lastPurgeAt: null });
    expect((await t.request('POST', '/api/v1/retention/purge', { token: setup.admin.token })).body).toMatchObject({ messages: 0, cutoff: null });

    expect((await t.request('PUT', '/api/v1/retention', { token: setup.agent.token, body: { retentionDays: 30 } })).status).toBe(403);
    expect((await t.request('PUT', '/api/v1/retention', { token: setup.admin.token, body: { retentionDays: 0 } })).status).toBe(400);
    const saved = await t.request('PUT', '/api/v1/retention', { token: setup.admin.token, body: { retentionDays: 30 } });
    expect(saved.body.retentionDays).toBe(30);
    const purge = await t.request('POST', '/api/v1/retention/purge', { token: setup.admin.token });
    expect(purge.status).toBe(200);
    const oldMessages = await t.ctx.db.selectFrom('messages').selectAll().where('conversation_id', '=', old.conversationId).execute();
    expect(purge.body).toMatchObject({ messages: oldMessages.length, mediaFiles: 1 });
    expect(oldMessages.length).toBeGreaterThanOrEqual(2);
    for (const m of oldMessages) {
      expect(m).toMatchObject({ body: '', raw: null });
      expect(m.purged_at).not.toBeNull();
    }
    // The rows stay for the numbers: direction and status survive.
    expect(oldMessages.map((m) => m.direction).sort()).toEqual(expect.arrayContaining(['inbound', 'outbound']));
    expect(await mediaKeysOf(old.conversationId)).toEqual([]);
    // Nothing else about the old conversation still quotes the customer (routing traces see the first message).
    const before = await sql<{ n: number }>`SELECT count(*)::int AS n FROM conversation_events e WHERE e.conversation_id = ${recent.conversationId} AND e.data::text ILIKE '%recent photo%'`.execute(t.ctx.db);
    expect(before.rows[0].n).toBeGreaterThan(0); // the newer conversation's trace still quotes it
    const quoting = await sql<{ n: number }>`SELECT count(*)::int AS n FROM conversation_events e WHERE e.conversation_id = ${old.conversationId} AND e.data::text ILIKE '%parcel photo%'`.execute(t.ctx.db);
    expect(quoting.rows[0].n).toBe(0);
    expect(await fileExists(oldKey)).toBe(false);

    // Newer than the cutoff: untouched.
    expect(await fileExists(recentKey)).toBe(true);
    const kept = await t.ctx.db.selectFrom('messages').select(['body', 'purged_at']).where('conversation_id', 'in', [recent.conversationId, edge.conversationId]).execute();
    expect(kept.map((m) => m.body).sort()).toEqual(['A recent photo', 'Twenty-nine days ago']);
    expect(kept.every((m) => m.purged_at === null)).toBe(true);

    const transcript = await t.request('GET', `/api/v1/conversations/${old.conversationId}/transcript?format=text`, { token: setup.admin.token });
    expect(transcript.body).toContain('(removed by the data retention policy)');
    expect(transcript.body).not.toContain('order number');

    expect((await t.request('POST', '/api/v1/retention/purge', { token: setup.admin.token })).body.messages).toBe(0);
    const audit = (await t.request('GET', '/api/v1/audit-log', { token: setup.admin.token })).body.items;
    expect(audit.find((e: any) => e.action === 'purged')).toMatchObject({ entityType: 'message-content', changes: expect.arrayContaining([{ field: 'messages', to: oldMessages.length }]) });
    expect(audit.find((e: any) => e.entityType === 'retention-setting')).toMatchObject({ action: 'updated', changes: [{ field: 'retentionDays', from: null, to: 30 }] });
    await t.request('PUT', '/api/v1/retention', { token: setup.admin.token, body: { retentionDays: null } });
  });

  it("erases what says who one customer is and what they wrote, media files included, and nobody else's", async () => {
    const phone = '+15550009001';
    const first = await imageFrom(phone, 'Photo of my passport please delete later');
    await downloadPendingMedia(t.ctx);
    await pick(first.conversationId);
    await reply(first.conversationId, 'Thanks, Mr Erasable');
    await runOutboxOnce(t.ctx);
    await close(first.conversationId);
    const second = await customerWrites(t, setup, { from: phone, body: 'Another question from me', name: 'Erasable Person' });
    expect(second.conversationId).not.toBe(first.conversationId);
    await pick(second.conversationId);
    const other = await customerWrites(t, setup, { from: '+15550009002', body: 'I stay', name: 'Kept Person' });
    const keys = await mediaKeysOf(first.conversationId);
    expect(keys).toHaveLength(1);
    const contact = await t.ctx.db.selectFrom('contacts').select('id').where('phone', '=', phone).executeTakeFirstOrThrow();

    const capacityBefore = (await t.request('GET', '/api/v1/me/capacity', { token: setup.agent.token })).body.used;
    expect((await t.request('POST', `/api/v1/contacts/${contact.id}/erase`, { token: setup.agent.token })).status).toBe(403);
    const erased = await t.request('POST', `/api/v1/contacts/${contact.id}/erase`, { token: setup.admin.token });
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ contactId: contact.id, conversations: 2, mediaFiles: 1 });
    expect(erased.body.messages).toBeGreaterThanOrEqual(3);
    // Two messages from the customer and the agent's reply are at Twilio: each is queued for redaction there.
    expect(erased.body.twilioRedactions).toBe(3);

    expect(await fileExists(keys[0])).toBe(false);
    // No trace: no row in any table mentions the number, the name or what they wrote. The rows the
    // insights count stay under their ids, anonymised.
    const tables = await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(t.ctx.db);
    for (const needle of ['15550009001', 'Erasable', 'passport', 'Mr Erasable', 'Another question']) {
      for (const { table_name } of tables.rows) {
        const found = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table_name)} t WHERE t::text ILIKE ${'%' + needle + '%'}`.execute(t.ctx.db);
        expect({ table_name, needle, rows: found.rows[0].n }).toEqual({ table_name, needle, rows: 0 });
      }
    }
    const entry = (await t.request('GET', '/api/v1/audit-log?entityType=customer', { token: setup.admin.token })).body.items[0];
    expect(entry).toMatchObject({ action: 'erased', entityId: contact.id, entityName: null });
    // The other customer is whole, and the agent's capacity came back.
    const kept = await t.request('GET', `/api/v1/conversations/${other.conversationId}/messages`, { token: setup.admin.token });
    expect(kept.body.items.map((m: any) => m.body)).toContain('I stay');
    expect((await t.request('GET', '/api/v1/me/capacity', { token: setup.agent.token })).body.used).toBe(capacityBefore - 1);
    expect((await t.request('POST', `/api/v1/contacts/${contact.id}/erase`, { token: setup.admin.token })).status).toBe(404);
  });
});
