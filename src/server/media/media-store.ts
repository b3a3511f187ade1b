import type { Readable } from 'node:stream';

/**
 * Where media bytes live. Bytes go in and come out as streams, so a 16 MB file is never held whole
 * in memory. `local` keeps files under DATA_DIR/media (one process); `postgres` keeps them in the
 * database every process shares.
 */
export type MediaStore = {
  readonly kind: MediaStoreKind;
  /** Stores the bytes as they arrive and answers how many there were; if the source fails, nothing stays stored. */
  put(key: string, source: AsyncIterable<Uint8Array>): Promise<number>;
  get(key: string): Promise<{ stream: Readable; size: number } | null>;
  remove(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
};

export type MediaStoreKind = 'local' | 'postgres';

/** The bytes of one buffer as a source for `put`. */
export async function* bytesOf(data: Uint8Array): AsyncIterable<Uint8Array> {
  yield data;
}

/** Passes the bytes on and throws once more than `limit` went through, so a store never keeps an oversized file. */
export async function* limited(source: AsyncIterable<Uint8Array>, limit: number, tooBig: () => Error): AsyncIterable<Uint8Array> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > limit) throw tooBig();
    yield chunk;
  }
}
