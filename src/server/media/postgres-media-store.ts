import { Readable } from 'node:stream';
import type { Db } from '../db/database.js';
import type { MediaStore } from './media-store.js';

/** Bytes per stored chunk: a 16 MB file is 64 rows, and reading or writing holds one chunk at a time. */
export const MEDIA_CHUNK_BYTES = 256 * 1024;

/**
 * Media in the database (media_blobs, media_chunks), so every process serves and deletes the same
 * files. Each chunk is its own statement: no transaction stays open while a download trickles in,
 * and a file becomes visible only when its last chunk is written (`complete`).
 */
export function createPostgresMediaStore(db: Db, chunkBytes = MEDIA_CHUNK_BYTES): MediaStore {
  const remove = async (key: string) => {
    await db.deleteFrom('media_blobs').where('key', '=', key).execute();
  };
  return {
    kind: 'postgres',
    async put(key, source) {
      // A key is written once; storing it again replaces what was there.
      await remove(key);
      await db.insertInto('media_blobs').values({ key }).execute();
      let seq = 0;
      let size = 0;
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      const flush = async (data: Buffer) => {
        await db.insertInto('media_chunks').values({ key, seq: seq++, data }).execute();
      };
      try {
        for await (const piece of source) {
          size += piece.length;
          pending.push(Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength));
          pendingBytes += piece.length;
          while (pendingBytes >= chunkBytes) {
            const all = Buffer.concat(pending);
            await flush(all.subarray(0, chunkBytes));
            pending = [all.subarray(chunkBytes)];
            pendingBytes = all.length - chunkBytes;
          }
        }
        if (pendingBytes > 0) await flush(Buffer.concat(pending));
        await db.updateTable('media_blobs').set({ size_bytes: size, complete: true }).where('key', '=', key).execute();
      } catch (err) {
        await remove(key).catch(() => {});
        throw err;
      }
      return size;
    },
    async get(key) {
      const blob = await db.selectFrom('media_blobs').select(['size_bytes']).where('key', '=', key).where('complete', '=', true).executeTakeFirst();
      if (!blob) return null;
      const chunks = async function* () {
        for (let seq = 0; ; seq++) {
          const row = await db.selectFrom('media_chunks').select('data').where('key', '=', key).where('seq', '=', seq).executeTakeFirst();
          if (!row) return;
          yield Buffer.from(row.data);
        }
      };
      // One chunk read ahead at most: a slow client never makes the process hold the whole file.
      return { stream: Readable.from(chunks(), { highWaterMark: 1 }), size: Number(blob.size_bytes) };
    },
    remove,
    async exists(key) {
      const blob = await db.selectFrom('media_blobs').select('key').where('key', '=', key).where('complete', '=', true).executeTakeFirst();
      return blob !== undefined;
    },
  };
}
