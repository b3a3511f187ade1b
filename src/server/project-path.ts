import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// This file sits at src/server/ (sources) or dist/server/ (build): two levels below the root.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A path inside the project folder, whether running from sources or from the build. */
export function projectPath(...parts: string[]): string {
  return resolve(root, ...parts);
}
