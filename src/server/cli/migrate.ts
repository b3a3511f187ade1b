import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';

/** npm run migrate: applies pending migrations to DATABASE_URL or the embedded database in DATA_DIR. */
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, preparedStatements: config.preparedStatements });
const applied = await migrate(database);
console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
await database.close();
