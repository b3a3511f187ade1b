/**
 * The agent workspace in a real browser: how long a customer's WhatsApp message takes from the
 * inbound webhook to the agent's screen, and what the workspace costs on first load.
 *
 *   npm run build && npx tsx bench/agent-workspace.ts [--messages 200] [--gap 100] [--loads 10]
 */
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer, type ServerProcess } from './lib/server-process.js';
import { api } from './lib/api.js';
import { machineLine, writeSection } from './lib/benchmarks-md.js';

const { values } = parseArgs({ options: { messages: { type: 'string', default: '200' }, gap: { type: 'string', default: '100' }, loads: { type: 'string', default: '10' } } });
const MESSAGES = Number(values.messages);
const GAP_MS = Number(values.gap);
const LOADS = Number(values.loads);
const AUTH_TOKEN = 'e5'.repeat(16);
const ACCOUNT_SID = 'AC' + 'f6'.repeat(16);
const BUSINESS = '+14155238886';
const AGENT = { email: 'agent@bench.local', password: 'bench agent password' };
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** An account and number, an agent in a queue, a pick-mode workstream: the inbound URL to hit. */
async function configure(server: ServerProcess): Promise<string> {
  const { token } = await api(server, null, 'POST', '/api/v1/auth/login', { email: 'bench@switchboard.local', password: 'bench password 123' });
  const agent = await api(server, token, 'POST', '/api/v1/users', { ...AGENT, name: 'Bench Agent', role: 'agent' });
  const account = await api(server, token, 'POST', '/api/v1/messaging-accounts', { name: 'Bench', channel: 'whatsapp', provider: 'twilio', accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  const number = await api(server, token, 'POST', `/api/v1/messaging-accounts/${account.id}/numbers`, { name: 'Bench', number: BUSINESS });
  const queue = await api(server, token, 'POST', '/api/v1/queues', { name: 'Bench queue', agentIds: [agent.id] });
  await api(server, token, 'POST', '/api/v1/workstreams', { name: 'Bench', channel: 'whatsapp', mode: 'pick', fallbackQueueId: queue.id, whatsapp: { numberId: number.id } });
  return account.inboundUrl;
}

async function customerWrites(inboundUrl: string, phone: string, body: string): Promise<number> {
  const sid = 'SM' + randomBytes(16).toString('hex');
  const params = {
    SmsMessageSid: sid, NumMedia: '0', ProfileName: 'Bench Customer', MessageType: 'text', SmsSid: sid, WaId: phone.slice(1), SmsStatus: 'received',
    Body: body, To: `whatsapp:${BUSINESS}`, NumSegments: '1', ReferralNumMedia: '0', MessageSid: sid, AccountSid: ACCOUNT_SID, From: `whatsapp:${phone}`, ApiVersion: '2010-04-01',
  };
  const response = await fetch(inboundUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, inboundUrl, params) },
    body: new URLSearchParams(params).toString(),
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
  return response.status;
}

async function signIn(browser: Browser, server: ServerProcess): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto('/login?next=/agent');
  await page.locator('input[type=email]').fill(AGENT.email);
  await page.locator('input[type=password]').fill(AGENT.password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL((url) => url.pathname.startsWith('/agent'));
  return page;
}

/**
 * Each customer message carries a token ("bench-17"); the page notes, with the same wall clock as
 * this process, the moment the token first appears anywhere on screen.
 */
async function watchForTokens(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: Record<string, number> = {};
    (window as unknown as { benchSeen: Record<string, number> }).benchSeen = seen;
    new MutationObserver((mutations) => {
      const now = Date.now();
      for (const m of mutations) {
        const nodes = m.type === 'characterData' ? [m.target] : [...m.addedNodes];
        for (const node of nodes) for (const token of (node.textContent ?? '').match(/bench-\d+/g) ?? []) seen[token] ??= now;
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (n: number) => `${n.toFixed(0)} ms`;

async function measureLatency(page: Page, inboundUrl: string): Promise<{ new: number[]; thread: number[] }> {
  // A first message opens the conversation; the agent opens it so later messages land in the thread.
  await customerWrites(inboundUrl, '+15550009999', 'warm up');
  await page.getByRole('tab', { name: /Open to pick/ }).click();
  await page.locator('.conversation-row', { hasText: 'warm up' }).click();
  await page.locator('.bubble-row', { hasText: 'warm up' }).waitFor();
  await watchForTokens(page);
  const thread: number[] = [];
  const fresh: number[] = [];
  for (let i = 0; i < MESSAGES; i++) {
    const token = `bench-${i}`;
    const newConversation = i % 4 === 3; // every fourth message starts a conversation (a new row in the Open list)
    const phone = newConversation ? `+1555${String(2000000 + i).slice(-7)}` : '+15550009999';
    const sentAt = Date.now();
    await customerWrites(inboundUrl, phone, `Message ${token}`);
    await page.waitForFunction((t) => (window as unknown as { benchSeen: Record<string, number> }).benchSeen[t] !== undefined, token, { timeout: 10_000 });
    const shownAt = await page.evaluate((t) => (window as unknown as { benchSeen: Record<string, number> }).benchSeen[t], token);
    (newConversation ? fresh : thread).push(shownAt - sentAt);
    await new Promise((r) => setTimeout(r, GAP_MS));
  }
  return { new: fresh.sort((a, b) => a - b), thread: thread.sort((a, b) => a - b) };
}

/** A cold load of /agent (empty cache) until the lists are filled and the search box takes input. */
async function measureFirstLoad(browser: Browser, server: ServerProcess): Promise<{ interactive: number[]; fcp: number[]; scripts: { url: string; bytes: number }[] }> {
  const page = await signIn(browser, server);
  const cookies = await page.context().cookies();
  await page.context().close();
  const interactive: number[] = [];
  const fcp: number[] = [];
  let scripts: { url: string; bytes: number }[] = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 800 } });
    await context.addCookies(cookies);
    const cold = await context.newPage();
    await cold.goto('/agent', { waitUntil: 'commit' });
    // The Open list is filled from the API once its count is no longer 0 (the bench made dozens of open conversations).
    await cold.waitForFunction(() => Number(document.querySelectorAll('.list-tabs .count')[1]?.textContent ?? 0) > 0);
    await cold.getByRole('searchbox').fill('x');
    const timing = await cold.evaluate(() => ({
      interactive: performance.now(),
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      scripts: performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.js')).map((r) => new URL(r.name).pathname),
    }));
    interactive.push(timing.interactive);
    fcp.push(timing.fcp);
    scripts = await Promise.all(timing.scripts.map(async (path) => ({ url: path, bytes: (await readFile(`dist/web${path}`)).length })));
    await context.close();
  }
  return { interactive: interactive.sort((a, b) => a - b), fcp: fcp.sort((a, b) => a - b), scripts };
}

async function main() {
  const server = await startServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  try {
    const inboundUrl = await configure(server);
    const page = await signIn(browser, server);
    const latency = await measureLatency(page, inboundUrl);
    const load = await measureFirstLoad(browser, server);
    const gzip = await Promise.all(load.scripts.map(async (s) => gzipSync(await readFile(`dist/web${s.url}`)).length));
    const raw = load.scripts.reduce((n, s) => n + s.bytes, 0);
    const zipped = gzip.reduce((n, b) => n + b, 0);
    const row = (name: string, list: number[]) => `| ${name} | ${list.length} | ${ms(percentile(list, 50))} | ${ms(percentile(list, 95))} | ${ms(percentile(list, 99))} | ${ms(list[list.length - 1])} |`;
    const body = `
## Agent workspace: webhook to screen, and first load

${machineLine()} Load average during the run: ${loadavg().map((n) => n.toFixed(1)).join(' / ')} (other work shares these 2 cores).
Command: \`npm run build && npx tsx bench/agent-workspace.ts --messages ${MESSAGES} --gap ${GAP_MS} --loads ${LOADS}\` (\`npm run bench:agent\`).

Switchboard runs from the build as its own process on the embedded database (PGlite); the agent is signed in
to \`/agent\` in Debian's headless chromium (playwright-core). A signed Twilio webhook is posted, one every
${GAP_MS} ms; the time runs from just before the POST until the message's text first appears in the page's DOM
(a MutationObserver in the page, same wall clock). Three in four messages go to the conversation the agent has
open (a new bubble in the thread, and its list row moves); every fourth one starts a new conversation (a new row in
the Open list). Target: p95 under 200 ms.

| message | count | p50 | p95 | p99 | max |
| --- | --- | --- | --- | --- | --- |
${row('to the open conversation (thread)', latency.thread)}
${row('new conversation (list)', latency.new)}

First load of \`/agent\` with an empty cache, signed in, ${LOADS} times: first contentful paint median
${ms(percentile(load.fcp, 50))}; interactive (lists filled from the API and the search box taking input) median
${ms(percentile(load.interactive, 50))}, p95 ${ms(percentile(load.interactive, 95))}. JavaScript shipped for the workspace:
${load.scripts.length} files, ${(raw / 1024).toFixed(0)} KiB raw, ${(zipped / 1024).toFixed(0)} KiB gzipped (the admin center and the simulator are separate chunks that are not loaded):

${load.scripts.map((s, i) => `- \`${s.url}\`: ${(s.bytes / 1024).toFixed(1)} KiB (${(gzip[i] / 1024).toFixed(1)} KiB gzipped)`).join('\n')}
`;
    await writeSection('agent-workspace', body);
    console.log(body);
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
