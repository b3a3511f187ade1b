import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomToken } from '../crypto/tokens.js';
import type { MediaStore } from './media-store.js';

/** Files under one folder: the embedded single-process default. */
export function createLocalMediaStore(root: string): MediaStore {
  const base = resolve(root);
  const pathOf = (key: string) => {
    const full = resolve(join(base, key));
    if (!full.startsWith(base + sep)) throw new Error('Media key escapes the media folder.');
    return full;
  };
  return {
    kind: 'local',
    async put(key, source) {
      const file = pathOf(key);
      await mkdir(dirname(file), { recursive: true });
      // Written beside its final name and renamed once whole, so a reader never sees half a file.
      const partial = `${file}.${randomToken(6)}.partial`;
      let size = 0;
      const counted = async function* () {
        for await (const chunk of source) {
          size += chunk.length;
          yield chunk;
        }
      };
      try {
        await pipeline(Readable.from(counted()), createWriteStream(partial));
        await rename(partial, file);
      } catch (err) {
        await rm(partial, { force: true });
        throw err;
      }
      return size;
    },
    async get(key) {
      const file = pathOf(key);
      try {
        const { size } = await stat(file);
        return { stream: createReadStream(file), size };
      } catch {
        return null;
      }
    },
    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
    async exists(key) {
      return stat(pathOf(key)).then(
        () => true,
        () => false,
      );
    },
  };
}
