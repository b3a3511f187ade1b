import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startSecondProcess } from '../helpers/second-process.js';
import { customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';

const onPostgres = dbKinds.includes('postgres') ? describe : describe.skip;

onPostgres('two Switchboard processes on one PostgreSQL', () => {
  let a: TestApp;
  let b: Awaited<ReturnType<typeof startSecondProcess>>;
  let setup: WhatsappSetup;

  beforeAll(async () => {
    a = await startTestApp('postgres');
    b = await startSecondProcess(a);
    setup = await setupWhatsapp(a);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('delivers a webhook posted to process A to an agent whose WebSocket is on process B', async () => {
    const frames: { type: string; data: any }[] = [];
    const socket = new WebSocket(`${b.url.replace('http', 'ws')}/api/v1/realtime?token=${setup.agent.token}`);
    socket.on('message', (raw) => frames.push(JSON.parse(String(raw))));
    await new Promise((resolve) => socket.once('open', resolve));
    try {
      const longBody = 'x'.repeat(4000) + ' é 😀'.repeat(300); // forces the large-event path past NOTIFY's 8000 bytes
      await customerWrites(a, setup, { from: '+15550003001', body: 'Across processes' });
      await customerWrites(a, setup, { from: '+15550003002', body: longBody });
      const until = Date.now() + 5000;
      const has = (body: string) => frames.some((f) => f.type === 'message.created' && f.data.message.body === body);
      while (Date.now() < until && !(has('Across processes') && has(longBody))) await new Promise((r) => setTimeout(r, 20));
      expect(has('Across processes')).toBe(true);
      expect(has(longBody)).toBe(true);
    } finally {
      socket.close();
    }
  });
});
