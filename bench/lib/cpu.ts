import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports process CPU in clock ticks of 1/100 s. */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used, from /proc; 0 once it is gone. */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds used so far by every PostgreSQL server process on this machine (backends, WAL
 * writer…). Differences over a run are the database's share of the work; a backend that exits in
 * between takes its share with it, so measure while the server's pool keeps its connections.
 */
export function postgresCpuSeconds(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') total += processCpuSeconds(Number(entry));
    } catch {
      /* gone meanwhile */
    }
  }
  return total;
}
