import { loadConfig } from './config.js';
import { createContext } from './bootstrap.js';
import { buildApp } from './app.js';
import { ensureFirstAdmin } from './seed/first-admin.js';
import { seedDemo } from './seed/demo.js';
import { startWorkers } from './workers.js';
import { startBanner } from './banner.js';

const config = loadConfig();
const ctx = await createContext(config);
const app = await buildApp(ctx);
await ensureFirstAdmin(ctx, app.log);
const demo = config.seedDemo ? await seedDemo(ctx) : null;
await app.listen({ port: config.port, host: config.host });
const workers = config.workers ? startWorkers(ctx, app.log) : null;

console.log(startBanner(config, ctx.database.kind, demo));

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
