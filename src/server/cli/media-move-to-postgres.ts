import { join } from 'node:path';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { createLocalMediaStore } from '../media/local-media-store.js';
import { createPostgresMediaStore } from '../media/postgres-media-store.js';
import { copyMediaBetweenStores } from '../media/move-media.js';

/**
 * npm run media:move-to-postgres: copies the media files under DATA_DIR/media into the database
 * (the store every process shares), for an install that kept media on disk before. Safe to run
 * while Switchboard runs and to run again; the files on disk are left for you to delete.
 */
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, preparedStatements: config.preparedStatements });
try {
  await migrate(database);
  const result = await copyMediaBetweenStores(database.db, createLocalMediaStore(join(config.dataDir, 'media')), createPostgresMediaStore(database.db));
  console.log(`Copied ${result.copied} media files into the database; ${result.alreadyThere} were there already.`);
  if (result.missing.length) console.log(`${result.missing.length} files the database names are not in ${join(config.dataDir, 'media')}: ${result.missing.slice(0, 10).join(', ')}${result.missing.length > 10 ? ', …' : ''}`);
  if (config.mediaStore !== 'postgres') console.log('Set MEDIA_STORE=postgres (the default with DATABASE_URL) so Switchboard reads them from there.');
} finally {
  await database.close();
}
