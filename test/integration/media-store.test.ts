import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { createPostgresMediaStore } from '../../src/server/media/postgres-media-store.js';
import { createLocalMediaStore } from '../../src/server/media/local-media-store.js';
import { copyMediaBetweenStores } from '../../src/server/media/move-media.js';
import { bytesOf } from '../../src/server/media/media-store.js';

const run = promisify(execFile);

async function readAll(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part));
  return Buffer.concat(parts);
}

/** The bytes in pieces of `size`, as a download delivers them. */
async function* inPieces(data: Buffer, size: number, failAfter?: number): AsyncIterable<Uint8Array> {
  for (let at = 0; at < data.length; at += size) {
    if (failAfter !== undefined && at >= failAfter) throw new Error('the connection broke');
    yield data.subarray(at, at + size);
  }
}

describe.each(dbKinds)('media stores (%s)', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(kind, { config: { mediaStore: 'local', simulator: false } });
  });
  afterAll(() => t?.close());

  it('keeps a file in the database in chunks, streams it back whole, and keeps nothing of a write that failed', async () => {
    const store = createPostgresMediaStore(t.ctx.db, 64 * 1024);
    const data = randomBytes(200 * 1024 + 17);
    expect(await store.put('inbound/a.bin', inPieces(data, 10_000))).toBe(data.length);
    const chunks = await t.ctx.db.selectFrom('media_chunks').select(['seq']).where('key', '=', 'inbound/a.bin').orderBy('seq').execute();
    expect(chunks.map((c) => c.seq)).toEqual([0, 1, 2, 3]);
    const file = await store.get('inbound/a.bin');
    expect(file?.size).toBe(data.length);
    expect((await readAll(file!.stream)).equals(data)).toBe(true);
    expect(await store.exists('inbound/a.bin')).toBe(true);

    await expect(store.put('inbound/broken.bin', inPieces(data, 10_000, 150_000))).rejects.toThrow('the connection broke');
    expect(await store.get('inbound/broken.bin')).toBeNull();
    expect(await t.ctx.db.selectFrom('media_chunks').select('seq').where('key', '=', 'inbound/broken.bin').execute()).toEqual([]);

    await store.remove('inbound/a.bin');
    expect(await store.exists('inbound/a.bin')).toBe(false);
    expect(await store.get('inbound/a.bin')).toBeNull();
  });

  it('copies the files the database names from the local folder into the database, once', async () => {
    const local = t.ctx.media;
    expect(local.kind).toBe('local');
    const shared = createPostgresMediaStore(t.ctx.db);
    const message = await t.ctx.db
      .insertInto('messages')
      .values({
        conversation_id: (await seedConversation(t)).id,
        direction: 'inbound',
        status: 'received',
        body: 'photo',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const photo = randomBytes(300_000);
    await local.put('inbound/2026-01-01/photo.png', bytesOf(photo));
    await t.ctx.db
      .insertInto('message_media')
      .values([
        { message_id: message.id, content_type: 'image/png', status: 'stored', storage_key: 'inbound/2026-01-01/photo.png' },
        { message_id: message.id, position: 1, content_type: 'image/png', status: 'stored', storage_key: 'inbound/2026-01-01/lost.png' },
      ])
      .execute();

    expect(await copyMediaBetweenStores(t.ctx.db, local, shared)).toEqual({ copied: 1, alreadyThere: 0, missing: ['inbound/2026-01-01/lost.png'] });
    expect((await readAll((await shared.get('inbound/2026-01-01/photo.png'))!.stream)).equals(photo)).toBe(true);
    expect(await copyMediaBetweenStores(t.ctx.db, local, shared)).toMatchObject({ copied: 0, alreadyThere: 1 });
    await t.ctx.db.deleteFrom('message_media').where('message_id', '=', message.id).execute();
  });

  it.runIf(kind === 'postgres')('npm run media:move-to-postgres copies DATA_DIR/media into the shared store', async () => {
    const conversation = await seedConversation(t);
    const message = await t.ctx.db.insertInto('messages').values({ conversation_id: conversation.id, direction: 'inbound', status: 'received', body: 'scan' }).returning('id').executeTakeFirstOrThrow();
    const scan = randomBytes(700_000);
    await t.ctx.media.put('inbound/2026-01-02/scan.pdf', bytesOf(scan));
    await t.ctx.db.insertInto('message_media').values({ message_id: message.id, content_type: 'application/pdf', status: 'stored', storage_key: 'inbound/2026-01-02/scan.pdf' }).execute();

    const { stdout } = await run('npx', ['tsx', join('src', 'server', 'cli', 'media-move-to-postgres.ts')], {
      env: { ...process.env, DATABASE_URL: t.ctx.database.connectionString!, DATA_DIR: t.ctx.config.dataDir, LOG_LEVEL: 'silent' },
    });
    expect(stdout).toMatch(/Copied [1-9]\d* media files into the database/);
    const shared = createPostgresMediaStore(t.ctx.db);
    expect((await readAll((await shared.get('inbound/2026-01-02/scan.pdf'))!.stream)).equals(scan)).toBe(true);
  });
});

/** A conversation to hang media rows on: a contact on a number of a fresh account. */
async function seedConversation(t: TestApp) {
  const suffix = randomBytes(4).toString('hex');
  const account = await t.ctx.db
    .insertInto('messaging_accounts')
    .values({ name: `Media ${suffix}`, provider: 'simulator', account_sid: 'AC' + randomBytes(16).toString('hex'), auth_token_encrypted: t.ctx.secrets.seal('x'.repeat(32)), inbound_key: suffix })
    .returning('id')
    .executeTakeFirstOrThrow();
  const number = await t.ctx.db.insertInto('numbers').values({ account_id: account.id, name: 'Line', messaging_service_sid: null, number: `+1415${Math.floor(Math.random() * 1e7).toString().padStart(7, '0')}` }).returning('id').executeTakeFirstOrThrow();
  const contact = await t.ctx.db.insertInto('contacts').values({ phone: `+1555${suffix}` }).returning('id').executeTakeFirstOrThrow();
  return t.ctx.db.insertInto('conversations').values({ contact_id: contact.id, number_id: number.id, channel: 'whatsapp' }).returning('id').executeTakeFirstOrThrow();
}
