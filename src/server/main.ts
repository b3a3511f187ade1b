import { loadConfig } from './config.js';
import { createContext } from './bootstrap.js';
import { buildApp } from './app.js';
import { ensureFirstAdmin } from './seed/first-admin.js';
import { seedDemo } from './seed/demo.js';
import { startWorkers } from './workers.js';
import { startBanner } from './banner.js';
import { writeServerPid } from './db/server-pid.js';
import { closeGracefully } from './http/close-gracefully.js';

const config = loadConfig();
const ctx = await createContext(config);
// The embedded database is this process's alone: the pid file tells `npm run backup` and `restore` so.
const removePidFile = ctx.database.kind === 'pglite' ? writeServerPid(config.dataDir) : () => {};
process.on('exit', removePidFile);
const app = await buildApp(ctx);
await ensureFirstAdmin(ctx, app.log);
const demo = config.seedDemo ? await seedDemo(ctx) : null;
await app.listen({ port: config.port, host: config.host });
const workers = config.workers ? startWorkers(ctx, app.log) : null;

console.log(startBanner(config, ctx.database.kind, demo));

let stopping = false;
let endDrain = () => {};
/**
 * Draining: /readyz answers 503 at once, and the process goes on serving for SHUTDOWN_DRAIN_SECONDS,
 * so the load balancer sees it unready and stops sending before the port closes. Then the server
 * closes (requests in progress finish), the workers stop (sends already with Twilio are recorded;
 * claims not yet sent and sender leases are handed back for the other processes), and it exits.
 * A second signal ends the drain at once.
 */
async function shutdown(signal: string) {
  if (stopping) return endDrain();
  stopping = true;
  ctx.lifecycle.shuttingDown = true;
  app.log.info({ signal, drainSeconds: config.shutdownDrainSeconds }, 'shutting down: unready now, serving until the drain ends');
  await new Promise<void>((resolve) => {
    endDrain = resolve;
    setTimeout(resolve, config.shutdownDrainSeconds * 1000);
  });
  try {
    await closeGracefully(app);
    await workers?.stop();
    await ctx.events.close?.();
    await ctx.database.close();
  } catch (err) {
    app.log.error({ err }, 'shutdown did not finish cleanly; claims left behind expire and are reconciled');
    process.exitCode = 1;
  }
  removePidFile();
  process.exit();
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
