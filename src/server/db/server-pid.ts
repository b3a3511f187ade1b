import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The embedded database allows one process per data folder, and PGlite's own postmaster.pid names
 * no real process. The server writes DATA_DIR/server.pid while it runs, so the backup and restore
 * commands can tell a folder in use from a stopped one.
 */
export const SERVER_PID_FILE = 'server.pid';

export type ServerPid = { pid: number; startedAt: string };
/** `running`: the process named in the file is alive; otherwise the file was left by a server that was killed. */
export type ServerUsingDir = ServerPid & { running: boolean };

/** Writes this process's pid file into `dataDir`; answers the function that removes it (only if it still names this process). */
export function writeServerPid(dataDir: string): () => void {
  const file = join(dataDir, SERVER_PID_FILE);
  const own: ServerPid = { pid: process.pid, startedAt: new Date().toISOString() };
  writeFileSync(file, JSON.stringify(own) + '\n');
  return () => {
    try {
      if ((JSON.parse(readFileSync(file, 'utf8')) as ServerPid).pid === own.pid) unlinkSync(file);
    } catch {
      /* already gone, or replaced by another server's */
    }
  };
}

/** The server the pid file of `dataDir` names, if there is a file; null when there is none (or it cannot be read). */
export function serverUsing(dataDir: string): ServerUsingDir | null {
  let recorded: ServerPid;
  try {
    recorded = JSON.parse(readFileSync(join(dataDir, SERVER_PID_FILE), 'utf8')) as ServerPid;
  } catch {
    return null;
  }
  if (!Number.isInteger(recorded.pid) || recorded.pid <= 0) return null;
  return { pid: recorded.pid, startedAt: String(recorded.startedAt), running: recorded.pid !== process.pid && isAlive(recorded.pid) };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class DataDirInUse extends Error {}

/**
 * Refuses (throws DataDirInUse, naming the pid) while a server runs on `dataDir`; answers a note when
 * the pid file was left by a server that no longer runs (killed), which is then ignored.
 */
export function refuseWhileServerRuns(dataDir: string, action: string): string | null {
  const server = serverUsing(dataDir);
  if (!server) return null;
  if (server.running) {
    throw new DataDirInUse(
      `A Switchboard server (pid ${server.pid}, started ${server.startedAt}) is using ${dataDir}. ` +
        `Stop it first (kill ${server.pid}, or Ctrl-C where it runs), then ${action} again: the embedded database allows one process at a time.`,
    );
  }
  return `Note: ${join(dataDir, SERVER_PID_FILE)} names pid ${server.pid}, which is no longer running (a server that was killed); ignoring it.`;
}
