import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { createUser } from '../users/create-user.js';
import { DomainError } from '../http/errors.js';

/**
 * npm run user:create -- --email ada@example.com --role admin [--name "Ada"] [--password …]
 * Without --password a strong one is generated and printed once.
 */
const { values } = parseArgs({
  options: { email: { type: 'string' }, role: { type: 'string', default: 'agent' }, name: { type: 'string' }, password: { type: 'string' } },
});
const roles = ['admin', 'supervisor', 'agent'] as const;
const role = values.role as (typeof roles)[number];
if (!values.email || !roles.includes(role)) {
  console.error('Usage: npm run user:create -- --email someone@example.com --role admin|supervisor|agent [--name "Name"] [--password "…"]');
  process.exit(2);
}
const password = values.password ?? randomBytes(12).toString('base64url');
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, preparedStatements: config.preparedStatements });
try {
  await migrate(database);
  const user = await createUser(database.db, { email: values.email, name: values.name ?? values.email.split('@')[0], password, role });
  console.log(`Created ${user.role} ${user.email}${values.password ? '' : ` with the password ${password} (shown once)`}`);
} catch (err) {
  console.error(err instanceof DomainError ? err.message : err);
  process.exitCode = 1;
} finally {
  await database.close();
}
