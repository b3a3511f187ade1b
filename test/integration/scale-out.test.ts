import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../helpers/realtime-listener.js';
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
    const agent = await listen(b.url, setup.agent.token);
    try {
      const longBody = '😀'.repeat(2000); // 8,000 bytes of UTF-8: past NOTIFY's payload limit, so it travels through realtime_spill
      await customerWrites(a, setup, { from: '+15550003001', body: 'Across processes' });
      await customerWrites(a, setup, { from: '+15550003002', body: longBody });
      const arrives = (body: string) => agent.waitFor((f) => f.type === 'message.created' && f.data.message.body === body, 5000);
      expect(await arrives('Across processes')).toBeDefined();
      expect(await arrives(longBody)).toBeDefined();
    } finally {
      agent.close();
    }
  });
});
