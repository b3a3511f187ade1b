import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { ACCOUNT_SID, AUTH_TOKEN, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { eventually } from '../helpers/eventually.js';
import { startBotWorker } from '../../src/server/bots/bot-worker.js';
import { behaviorsWorld } from './behaviors-world.js';

const SECRET = 'bot-shared-secret-0123456789';

/** A server on 127.0.0.1 that counts its requests and answers as told. */
async function startServer(answer: () => { status: number; headers?: Record<string, string>; body?: string }) {
  let hits = 0;
  const server: Server = createServer(async (req, res) => {
    for await (const _chunk of req) void _chunk;
    hits += 1;
    const a = answer();
    res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers }).end(a.body ?? '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { port, url: `http://127.0.0.1:${port}/bot`, hits: () => hits, close: () => new Promise((r) => server.close(r)) };
}

describe.each(dbKinds)('the HTTP bot goes through the outbound guard (%s)', (kind) => {
  let t: TestApp;
  let fake: FakeTwilio;
  let setup: WhatsappSetup;
  let world: ReturnType<typeof behaviorsWorld>;
  let worker: ReturnType<typeof startBotWorker>;
  let workstreamId: string;
  let bot: Awaited<ReturnType<typeof startServer>>;
  let elsewhere: Awaited<ReturnType<typeof startServer>>;
  let botAnswer: () => { status: number; headers?: Record<string, string>; body?: string };
  let phone = 15550007000;

  const saveBotUrl = (url: string) =>
    t.request('PUT', `/api/v1/workstreams/${workstreamId}/behaviors`, { token: setup.admin.token, body: { bot: { kind: 'http', http: { url, timeoutMs: 2000 }, httpSecret: SECRET } } });
  /** A setting stored before the guard existed, or by hand in the database. */
  const storeBotUrlDirectly = (url: string) =>
    sql`UPDATE workstream_behaviors SET bot = jsonb_set(bot, '{http,url}', to_jsonb(${url}::text)) WHERE workstream_id = ${workstreamId}`.execute(t.ctx.db);
  const handoffAfterWriting = async () => {
    const from = `+${++phone}`;
    await world.customerSends(from, 'hello bot');
    const c = await t.ctx.db.selectFrom('conversations as c').innerJoin('contacts as ct', 'ct.id', 'c.contact_id').select(['c.id', 'c.bot_state']).where('ct.phone', '=', from).executeTakeFirstOrThrow();
    await eventually(async () => (await world.timelineOf(c.id)).some((e) => e.type === 'bot.handoff' || e.type === 'bot.reply'), 'the bot turn', 8000);
    return { id: c.id, handoff: (await world.timelineOf(c.id)).find((e) => e.type === 'bot.handoff')?.data };
  };

  beforeAll(async () => {
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    t = await startTestApp(kind, { config: { twilioApiBaseUrl: fake.baseUrl, outboundAllowedHosts: [] } });
    worker = startBotWorker(t.ctx, t.app.log);
    t.ctx.signals.botQueued = worker.wake;
    setup = await setupWhatsapp(t);
    world = behaviorsWorld(t, () => setup);
    workstreamId = (await t.request('GET', '/api/v1/workstreams', { token: setup.admin.token })).body.items[0].id;
    botAnswer = () => ({ status: 200, body: JSON.stringify({ replies: [{ text: 'Hello from the bot' }] }) });
    bot = await startServer(() => botAnswer());
    elsewhere = await startServer(() => ({ status: 200, body: JSON.stringify({ secret: 'instance credentials' }) }));
  });
  afterAll(async () => {
    t.ctx.signals.botQueued = () => {};
    await worker?.stop();
    await t?.close();
    await fake?.close();
    await bot?.close();
    await elsewhere?.close();
  });

  it('refuses to save a bot URL that is not a public http(s) address, saying why, and keeps the old setting', async () => {
    const refusals: [string, RegExp][] = [
      ['http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is a link-local address/],
      ['file:///etc/passwd', /only http and https/],
      [bot.url, /127\.0\.0\.1 is a loopback address.*OUTBOUND_ALLOWED_HOSTS/],
      [`http://[::ffff:127.0.0.1]:${bot.port}/bot`, /loopback/],
      [`http://localhost:${bot.port}/bot`, /localhost is at (127\.0\.0\.1|::1), a loopback address/],
      ['http://10.1.2.3/hook', /private/],
      ['http://[fd00::1]/hook', /unique-local/],
    ];
    for (const [url, reason] of refusals) {
      const res = await saveBotUrl(url);
      expect(res.status, url).toBe(422);
      expect(res.body.error.field).toBe('bot.http.url');
      expect(res.body.error.message, url).toMatch(reason);
    }
    const behaviors = await t.request('GET', `/api/v1/workstreams/${workstreamId}/behaviors`, { token: setup.admin.token });
    expect(behaviors.body.bot).toMatchObject({ kind: 'none', http: { url: null } });
    expect(bot.hits()).toBe(0);
  });

  it('calls an allow-listed loopback bot', async () => {
    t.ctx.config.outboundAllowedHosts = [`127.0.0.1:${bot.port}`];
    expect((await saveBotUrl(bot.url)).status).toBe(200);
    const { id, handoff } = await handoffAfterWriting();
    expect(handoff).toBeUndefined();
    expect(await world.automatedOf(id)).toEqual(['Hello from the bot']);
    expect(bot.hits()).toBe(1);
  });

  it('refuses at call time an address that is no longer allowed, without contacting it', async () => {
    t.ctx.config.outboundAllowedHosts = [];
    const before = bot.hits();
    const { handoff } = await handoffAfterWriting();
    expect(handoff?.reason).toMatch(/^the bot URL was refused: 127\.0\.0\.1 is a loopback address/);
    expect(bot.hits()).toBe(before);

    // Stored without the guard (by hand, or before it existed): the metadata address is never called.
    await storeBotUrlDirectly('http://169.254.169.254/latest/meta-data/iam/');
    const metadata = await handoffAfterWriting();
    expect(metadata.handoff?.reason).toMatch(/^the bot URL was refused: 169\.254\.169\.254 is a link-local address/);
    await storeBotUrlDirectly('file:///etc/passwd');
    expect((await handoffAfterWriting()).handoff?.reason).toMatch(/^the bot URL was refused: only http and https/);
  });

  it('refuses a redirect, even from an allowed bot, and does not follow it', async () => {
    t.ctx.config.outboundAllowedHosts = ['127.0.0.1'];
    expect((await saveBotUrl(bot.url)).status).toBe(200);
    botAnswer = () => ({ status: 302, headers: { location: elsewhere.url } });
    const { handoff } = await handoffAfterWriting();
    expect(handoff?.reason).toBe('the bot URL was refused: it answered with a redirect (HTTP 302), and redirects are not followed');
    expect(elsewhere.hits()).toBe(0);
    expect(JSON.stringify(handoff)).not.toContain('instance credentials');
  });
});
