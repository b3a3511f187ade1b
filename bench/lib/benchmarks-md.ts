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

/** Prose that states a result rather than the method, so a variant's section keeps it. */
const RESULT_PROSE = [/^Target/m, /^Webhook to agent/m, /opened in [\d.]+ s/];

/**
 * A variant's section (the same benchmark on a seeded database) keeps its heading, machine, command, tables and the
 * prose that states results, and points to the main section for the method, so the method is written once.
 */
export function resultsOnly(body: string, methodIn: string): string {
  const paragraphs = body.trim().split(/\n\s*\n/);
  const head = paragraphs.flatMap((paragraph) => paragraph.split('\n')).filter((line) => /^(## |Machine: |Command: )/.test(line));
  head.push(`Method and caveats: as in "${methodIn}".`);
  const results = paragraphs.filter((paragraph) => !paragraph.startsWith('## ') && (/^\|/m.test(paragraph) || RESULT_PROSE.some((re) => re.test(paragraph))));
  return [head[0], head.slice(1).join('\n'), ...results].join('\n\n');
}

export function machineLine(): string {
  const cpu = cpus();
  return `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}. Date: ${new Date().toISOString().slice(0, 10)}.`;
}
