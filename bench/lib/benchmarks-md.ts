import { readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';

/** Replaces (or appends) one named section of BENCHMARKS.md, so each bench script owns its part. */
export async function writeSection(name: string, body: string): Promise<void> {
  const file = 'BENCHMARKS.md';
  let text = '';
  try {
    text = await readFile(file, 'utf8');
  } catch {
    text = '# Benchmarks\n\nFigures measured on the project machine; each section says how to reproduce it.\n';
  }
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const section = `${start}\n${body.trim()}\n${end}`;
  const pattern = new RegExp(`${start}[\\s\\S]*?${end}`);
  text = pattern.test(text) ? text.replace(pattern, section) : `${text.trimEnd()}\n\n${section}\n`;
  await writeFile(file, text);
}

export function machineLine(): string {
  const cpu = cpus();
  return `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}. Date: ${new Date().toISOString().slice(0, 10)}.`;
}
