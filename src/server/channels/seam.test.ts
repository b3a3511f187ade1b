import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../project-path.js';
import { CHANNEL_IDS } from './registry.js';

const SOURCES = projectPath('src');
const CHANNELS_FOLDER = join(SOURCES, 'server', 'channels');
const NAMES = CHANNEL_IDS.join('|');
/** `x === 'sms'`, `'sms' !== x`, `case 'sms':` for any registered channel, with any quote. */
const DECIDES_BY_NAME = new RegExp(`(===?|!==?)\\s*['"\`](${NAMES})['"\`]|['"\`](${NAMES})['"\`]\\s*(===?|!==?)|case\\s+['"\`](${NAMES})['"\`]`);

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [])),
  );
  return nested.flat();
}

/**
 * The channel seam holds only while no code outside src/server/channels/ decides by a channel's
 * name: a new channel must need its folder, its migration and its registration, nothing more.
 */
describe('the channel seam', () => {
  it('no source outside src/server/channels/ compares against or switches on a channel name', async () => {
    const offenders: string[] = [];
    for (const file of await sourceFiles(SOURCES)) {
      if (file.startsWith(CHANNELS_FOLDER)) continue;
      const lines = (await readFile(file, 'utf8')).split('\n');
      lines.forEach((line, i) => {
        if (DECIDES_BY_NAME.test(line)) offenders.push(`${relative(SOURCES, file)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('would catch a comparison like the ones it forbids', () => {
    expect(DECIDES_BY_NAME.test("if (conversation.channel === 'sms') {")).toBe(true);
    expect(DECIDES_BY_NAME.test('switch (channel) { case "whatsapp":')).toBe(true);
    expect(DECIDES_BY_NAME.test("const channel: ChannelId = 'sms';")).toBe(false);
  });
});
