import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../bench/lib/server-process.js';
import { projectPath } from '../../src/server/project-path.js';
import { eventually } from './eventually.js';

export type ChildServer = { url: string; child: ChildProcess; /** What the process wrote to stderr so far. */ stderr(): string; kill9(): Promise<void>; stop(): Promise<void> };

/** Switchboard from the sources in its own process (so a test can kill -9 it), ready when /readyz answers. */
export async function startChildServer(env: Record<string, string>, port?: number, opts: { nodeArgs?: string[] } = {}): Promise<ChildServer> {
  const listenPort = port ?? (await freePort());
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', projectPath('src/server/main.ts')], {
    cwd: projectPath(),
    env: { ...process.env, PORT: String(listenPort), HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${listenPort}`, SEED_DEMO: 'false', LOG_LEVEL: 'error', SHUTDOWN_DRAIN_SECONDS: '0', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const url = `http://127.0.0.1:${listenPort}`;
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`server exited early: ${stderr}`);
    return fetch(`${url}/readyz`).then((res) => res.ok, () => false); // refused: not listening yet
  }, 'the server to become ready', 60_000).catch((err: Error) => {
    throw new Error(`${err.message}: ${stderr}`);
  });
  const exited = () => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
  return {
    url,
    child,
    stderr: () => stderr,
    async kill9() {
      child.kill('SIGKILL');
      await exited();
    },
    async stop() {
      child.kill('SIGTERM');
      await exited();
    },
  };
}
