import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../context.js';
import { countUsers } from '../users/store.js';
import { createUser } from '../users/create-user.js';

/** With no user yet, ADMIN_EMAIL and ADMIN_PASSWORD create the first admin. */
export async function ensureFirstAdmin(ctx: AppContext, log: FastifyBaseLogger): Promise<void> {
  const { adminEmail, adminPassword } = ctx.config;
  if (!adminEmail || !adminPassword) return;
  if ((await countUsers(ctx.db)) > 0) return;
  await createUser(ctx.db, { email: adminEmail, name: 'Administrator', password: adminPassword, role: 'admin' });
  log.info({ email: adminEmail }, 'created the first admin from ADMIN_EMAIL');
}
