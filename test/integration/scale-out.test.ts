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
    const helloUntil = Date.now() + 5000;
    while (!frames.some((f) => f.type === 'hello') && Date.now() < helloUntil) await new Promise((r) => setTimeout(r, 10));
    try {
      const longBody = '😀'.repeat(2000); // 8,000 bytes of UTF-8: past NOTIFY's payload limit, so it travels through realtime_spill
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
