import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { sql } from 'kysely';
import { dbKinds, POSTGRES_ADMIN_URL, urlFor, type DbKind } from '../helpers/databases.js';
import { openPostgres, wrapPglite, type Database } from '../../src/server/db/database.js';
import { migrate, MIGRATIONS_DIR } from '../../src/server/db/migrate.js';

const CHANNELS_MIGRATION = '0025_channels';

/** An empty database of the kind, migrated by hand by the test. */
async function emptyDatabase(kind: DbKind): Promise<Database> {
  if (kind === 'pglite') return wrapPglite(await PGlite.create());
  const name = `switchboard_migration_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`).finally(() => admin.end());
  const database = openPostgres(urlFor(name), { max: 2 });
  const close = database.close;
  database.close = async () => {
    await close();
    const cleanup = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => cleanup.end());
  };
  return database;
}

describe.each(dbKinds)('the channels migration on a database written by the WhatsApp-only schema (%s)', (kind) => {
  let database: Database;
  let before: string;

  beforeAll(async () => {
    // The migrations as they were before the channels: a database a running WhatsApp desk has.
    before = await mkdtemp(join(tmpdir(), 'switchboard-migrations-'));
    for (const file of (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql') && f < CHANNELS_MIGRATION)) {
      await cp(join(MIGRATIONS_DIR, file), join(before, file));
    }
    database = await emptyDatabase(kind);
    await migrate(database, before);
    await database.runScript(`
      INSERT INTO messaging_accounts (id, name, channel, provider, account_sid, auth_token_encrypted, inbound_key)
        VALUES ('00000000-0000-4000-8000-000000000001', 'Acme', 'whatsapp', 'twilio', 'AC${'1'.repeat(32)}', 'sealed', 'key-1');
      INSERT INTO whatsapp_numbers (id, account_id, name, number)
        VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'Support', '+14155238886');
      INSERT INTO workstreams (id, name, channel, mode, fallback_queue_id, number_id)
        SELECT '00000000-0000-4000-8000-000000000003', 'WhatsApp', 'whatsapp', 'pick', id, '00000000-0000-4000-8000-000000000002' FROM queues WHERE is_default;
      INSERT INTO workstream_behaviors (workstream_id, survey) VALUES ('00000000-0000-4000-8000-000000000003', '{"enabled": true, "channel": "whatsapp"}');
      INSERT INTO contacts (id, wa_id, phone, profile_name) VALUES
        ('00000000-0000-4000-8000-000000000004', '15551234567', '+15551234567', 'Ada'),
        ('00000000-0000-4000-8000-000000000005', '15550000002', '+15550000002', 'Grace');
      -- Erased before: its phone was blanked, as an older erasure did.
      INSERT INTO contacts (id, wa_id, phone, erased_at) VALUES
        ('00000000-0000-4000-8000-000000000006', 'erased:00000000-0000-4000-8000-000000000006', '', now()),
        ('00000000-0000-4000-8000-000000000007', 'erased:00000000-0000-4000-8000-000000000007', '', now());
      INSERT INTO conversations (id, contact_id, number_id, workstream_id, state) VALUES
        ('00000000-0000-4000-8000-000000000008', '00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003', 'open'),
        ('00000000-0000-4000-8000-000000000009', '00000000-0000-4000-8000-000000000005', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003', 'closed');
      INSERT INTO messages (conversation_id, direction, body, status, twilio_sid) VALUES
        ('00000000-0000-4000-8000-000000000008', 'inbound', 'Where is my parcel?', 'received', 'SM${'a'.repeat(32)}'),
        ('00000000-0000-4000-8000-000000000009', 'outbound', 'Rate us 1-5', 'delivered', 'SM${'b'.repeat(32)}');
      INSERT INTO survey_requests (conversation_id, contact_id, number_id, channel, status, created_at, expires_at, rating, answered_at, answered_via)
        VALUES ('00000000-0000-4000-8000-000000000009', '00000000-0000-4000-8000-000000000005', '00000000-0000-4000-8000-000000000002', 'whatsapp', 'answered', now(), now() + interval '1 day', 5, now(), 'whatsapp');
    `);
    expect(await migrate(database)).toContain(CHANNELS_MIGRATION);
  });
  afterAll(async () => {
    await database?.close();
    if (before) await rm(before, { recursive: true, force: true });
  });

  it('keeps every number, contact, conversation and message, and names their channel', async () => {
    const { db } = database;
    expect(await db.selectFrom('numbers').select(['id', 'number', 'channels']).execute()).toEqual([
      { id: '00000000-0000-4000-8000-000000000002', number: '+14155238886', channels: ['whatsapp'] },
    ]);
    expect(await db.selectFrom('conversations').select(['id', 'channel']).orderBy('id').execute()).toEqual([
      { id: '00000000-0000-4000-8000-000000000008', channel: 'whatsapp' },
      { id: '00000000-0000-4000-8000-000000000009', channel: 'whatsapp' },
    ]);
    expect(await db.selectFrom('workstreams').select(['channel', 'number_id']).execute()).toEqual([{ channel: 'whatsapp', number_id: '00000000-0000-4000-8000-000000000002' }]);
    expect((await db.selectFrom('messages').select(['provider_sid']).orderBy('provider_sid').execute()).map((m) => m.provider_sid)).toEqual([
      'SM' + 'a'.repeat(32),
      'SM' + 'b'.repeat(32),
    ]);
  });

  it('gives each contact its WhatsApp address, and erased contacts distinct placeholder phones', async () => {
    const { db } = database;
    expect(await db.selectFrom('contact_addresses').select(['channel', 'address', 'contact_id']).orderBy('address').execute()).toEqual([
      { channel: 'whatsapp', address: '15550000002', contact_id: '00000000-0000-4000-8000-000000000005' },
      { channel: 'whatsapp', address: '15551234567', contact_id: '00000000-0000-4000-8000-000000000004' },
    ]);
    const erased = await db.selectFrom('contacts').select('phone').where('erased_at', 'is not', null).orderBy('phone').execute();
    expect(erased.map((c) => c.phone)).toEqual(['erased:00000000-0000-4000-8000-000000000006', 'erased:00000000-0000-4000-8000-000000000007']);
  });

  it('turns the WhatsApp survey into a survey asked in the conversation', async () => {
    const { db } = database;
    expect(await db.selectFrom('survey_requests').select(['channel', 'answered_via', 'rating']).execute()).toEqual([{ channel: 'chat', answered_via: 'chat', rating: 5 }]);
    const behaviors = await sql<{ channel: string }>`SELECT survey->>'channel' AS channel FROM workstream_behaviors`.execute(db);
    expect(behaviors.rows).toEqual([{ channel: 'chat' }]);
  });

  it('holds the new rules: one live conversation per contact, number and channel; one workstream per number and channel', async () => {
    const live = {
      contact_id: '00000000-0000-4000-8000-000000000004',
      number_id: '00000000-0000-4000-8000-000000000002',
      state: 'open' as const,
    };
    await expect(database.db.insertInto('conversations').values({ ...live, channel: 'whatsapp' }).execute()).rejects.toThrow(/conversations_one_live/);
    await database.db.updateTable('numbers').set({ channels: ['whatsapp', 'sms'] }).execute();
    await database.db.insertInto('conversations').values({ ...live, channel: 'sms' }).execute();
    await expect(database.db.insertInto('contacts').values({ phone: '+15551234567' }).execute()).rejects.toThrow(/contacts_phone_key/);
  });
});
