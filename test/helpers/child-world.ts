import { request } from 'node:http';
import pg from 'pg';
import twilio from 'twilio';
import { POSTGRES_ADMIN_URL, urlFor } from './databases.js';
import { ACCOUNT_SID, AUTH_TOKEN, BUSINESS_NUMBER, randomMessageSid } from './scenario.js';

export const CHILD_ADMIN = { email: 'child-admin@test.local', password: 'child admin password' };

/** An empty PostgreSQL database of the test's own, for server processes it spawns (they migrate it). */
export async function freshPostgresDatabase(name: string) {
  const run = async (statement: string) => {
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    try {
      await admin.query(statement);
    } finally {
      await admin.end();
    }
  };
  await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await run(`CREATE DATABASE ${name}`);
  const sql = new pg.Client({ connectionString: urlFor(name) });
  await sql.connect();
  return {
    url: urlFor(name),
    sql,
    async drop() {
      await sql.end().catch(() => {});
      await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** JSON call to a child server's API. */
export async function childApi(baseUrl: string, method: string, path: string, token: string | null, body?: unknown) {
  const res = await fetch(baseUrl + path, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json().catch(() => null)) as any };
}

/** Signs in as CHILD_ADMIN (created by the child from ADMIN_EMAIL/ADMIN_PASSWORD) and adds a Twilio account with one number. */
export async function childWhatsapp(baseUrl: string) {
  const token = (await childApi(baseUrl, 'POST', '/api/v1/auth/login', null, CHILD_ADMIN)).body.token as string;
  const account = await childApi(baseUrl, 'POST', '/api/v1/messaging-accounts', token, { name: 'Child', channel: 'whatsapp', provider: 'twilio', accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  const number = await childApi(baseUrl, 'POST', `/api/v1/messaging-accounts/${account.body.id}/numbers`, token, { name: 'Line', number: BUSINESS_NUMBER });
  return { token, inboundUrl: account.body.inboundUrl as string, numberId: number.body.id as string };
}

/** A customer's webhook as Twilio sends it, signed for `inboundUrl`. */
export function inboundParams(from: string, body: string): Record<string, string> {
  const sid = randomMessageSid();
  return { MessageSid: sid, SmsMessageSid: sid, SmsSid: sid, AccountSid: ACCOUNT_SID, From: `whatsapp:${from}`, To: `whatsapp:${BUSINESS_NUMBER}`, Body: body, NumMedia: '0', WaId: from.slice(1), ProfileName: 'Customer', ApiVersion: '2010-04-01' };
}

/** What came back: an HTTP status, or the socket error's code (ECONNREFUSED once the port is closed). */
export type Outcome = number | string;

/**
 * One request on a connection of its own (no keep-alive), as Twilio and health checkers make them,
 * so a closed port answers ECONNREFUSED rather than failing a reused socket.
 */
export function requestOnce(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    });
    req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    req.end(opts.body);
  });
}

/** Posts a signed webhook on its own connection. */
export function postWebhook(inboundUrl: string, params: Record<string, string>): Promise<Outcome> {
  return requestOnce(inboundUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, inboundUrl, params) },
    body: new URLSearchParams(params).toString(),
  });
}
