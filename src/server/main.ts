import { loadConfig } from './config.js';
import { createContext } from './bootstrap.js';
import { buildApp } from './app.js';
import { ensureFirstAdmin } from './seed/first-admin.js';
import { seedDemo } from './seed/demo.js';
import { startWorkers } from './workers.js';

const config = loadConfig();
const ctx = await createContext(config);
const app = await buildApp(ctx);
await ensureFirstAdmin(ctx, app.log);
const demo = config.seedDemo ? await seedDemo(ctx) : null;
await app.listen({ port: config.port, host: config.host });
const workers = config.workers ? startWorkers(ctx, app.log) : null;

const url = config.publicUrl;
const lines = [
  '',
  `  Switchboard is running on ${url}  (database: ${ctx.database.kind === 'pglite' ? `embedded, in ${config.dataDir}` : 'PostgreSQL'})`,
  `    Agent workspace   ${url}/agent`,
  `    Admin center      ${url}/admin`,
  `    Supervisor        ${url}/supervisor`,
  `    Twilio simulator  ${url}/simulator`,
  `    API docs          ${url}/api/docs`,
];
if (demo?.created) {
  lines.push('', '  Demo workspace created. These passwords are shown once:');
  for (const u of demo.users) lines.push(`    ${u.role.padEnd(6)} ${u.email}  /  ${u.password}`);
}
console.log(lines.join('\n') + '\n');

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  ctx.lifecycle.shuttingDown = true;
  app.log.info({ signal }, 'shutting down: finishing in-flight requests and sends');
  // Stop taking new work first; sends already handed to Twilio finish and are recorded.
  await workers?.stop();
  await app.close();
  await ctx.events.close?.();
  await ctx.database.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
