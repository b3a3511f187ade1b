import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import twilio from 'twilio';

/**
 * A scriptable stand-in for api.twilio.com, for tests that need exact control over Twilio's
 * answers (errors, dropped connections, callbacks racing the answer). Every request is recorded.
 */
export type RecordedRequest = { method: string; path: string; form: URLSearchParams; query: URLSearchParams; authorization: string | undefined; receivedAt: number };
export type StoredMessage = { sid: string; to: string; from: string; body: string; status: string; date_created: string; contentSid: string | null; statusCallback: string | null };

/** What to do with the next POST to Messages.json. */
export type Behaviour =
  | { kind: 'accept' }
  | { kind: 'error'; status: number; code: number; message: string }
  /** Create the message, then drop the connection without answering: the outcome is unknown to the caller. */
  | { kind: 'accept-then-drop' }
  /** Create the message but answer 500. */
  | { kind: 'accept-then-500' }
  /** Send these status callbacks (signed) before answering 201. */
  | { kind: 'callbacks-first'; statuses: string[] };

export type FakeTwilio = {
  baseUrl: string;
  requests: RecordedRequest[];
  messages: StoredMessage[];
  /** Behaviours for the next sends, in order; when empty, sends are accepted. */
  script: Behaviour[];
  /** Milliseconds to wait before answering a send (a slow Twilio). */
  sendDelayMs: number;
  /** While set, sends wait for it before answering: a slow Twilio that answers when the test says. */
  sendsHeldUntil: Promise<unknown> | null;
  /** The token Twilio accepts now: set it to play a rotation done in the Twilio console. */
  authToken: string;
  sendStatusCallback(sid: string, status: string, extra?: Record<string, string>): Promise<number>;
  /** Makes a media file that the customer "sent" downloadable; answers its MediaUrl0. */
  addMedia(messageSid: string, contentType: string, data: Buffer): string;
  /** A MediaUrl0 whose download redirects to `location` (anywhere: a hostile or private host). */
  addMediaRedirect(messageSid: string, location: string): string;
  close(): Promise<void>;
};

const rfc2822 = (d: Date) => d.toUTCString().replace('GMT', '+0000');

export async function startFakeTwilio(accountSid: string, authToken: string): Promise<FakeTwilio> {
  const requests: RecordedRequest[] = [];
  const messages: StoredMessage[] = [];
  const script: Behaviour[] = [];
  const media = new Map<string, { contentType: string; data: Buffer }>();
  const redirects = new Map<string, string>();
  const expectedAuth = () => 'Basic ' + Buffer.from(`${accountSid}:${fake.authToken}`).toString('base64');

  const resource = (m: StoredMessage) => ({
    account_sid: accountSid, api_version: '2010-04-01', body: m.body, date_created: m.date_created, date_sent: null, date_updated: m.date_created,
    direction: 'outbound-api', error_code: null, error_message: null, from: m.from, messaging_service_sid: null, num_media: '0', num_segments: '1',
    price: null, price_unit: 'USD', sid: m.sid, status: m.status, subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${m.sid}/Media.json` },
    to: m.to, uri: `/2010-04-01/Accounts/${accountSid}/Messages/${m.sid}.json`,
  });

  async function sendStatusCallback(sid: string, status: string, extra: Record<string, string> = {}): Promise<number> {
    const m = messages.find((x) => x.sid === sid);
    if (!m?.statusCallback) throw new Error(`no status callback for ${sid}`);
    const params = { MessageSid: sid, SmsSid: sid, MessageStatus: status, SmsStatus: status, AccountSid: accountSid, From: m.from, To: m.to, ChannelPrefix: 'whatsapp', ApiVersion: '2010-04-01', ...extra };
    const response = await fetch(m.statusCallback, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(fake.authToken, m.statusCallback, params) },
      body: new URLSearchParams(params).toString(),
    });
    return response.status;
  }

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const receivedAt = Date.now(); // before the body is read: a busy process may read it late
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const form = new URLSearchParams(Buffer.concat(chunks).toString());
    requests.push({ method: req.method ?? '', path: url.pathname, form, query: url.searchParams, authorization: req.headers.authorization, receivedAt });
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname.startsWith('/cdn/')) {
      // The signed CDN URL: bytes for anyone holding the link, and no credentials should ever arrive here.
      const file = media.get(url.pathname.slice(5));
      if (!file) return json(404, {});
      res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.data.length });
      return res.end(file.data);
    }
    if (req.headers.authorization !== expectedAuth()) return json(401, { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });
    const base = `/2010-04-01/Accounts/${accountSid}`;
    if (req.method === 'GET' && url.pathname === `${base}.json`) {
      return json(200, { sid: accountSid, friendly_name: 'Fake account', status: 'active', type: 'Full', owner_account_sid: accountSid });
    }
    const mediaMatch = url.pathname.match(/\/Messages\/(MM\w+)\/Media\/(ME\w+)$/);
    if (req.method === 'GET' && mediaMatch) {
      if (!media.has(mediaMatch[2]) && !redirects.has(mediaMatch[2])) return json(404, { code: 20404, message: 'not found', more_info: '', status: 404 });
      res.writeHead(302, { location: redirects.get(mediaMatch[2]) ?? `/cdn/${mediaMatch[2]}` });
      return res.end();
    }
    if (req.method === 'GET' && url.pathname === `${base}/Messages.json`) {
      const to = url.searchParams.get('To');
      const from = url.searchParams.get('From');
      const list = messages.filter((m) => (!to || m.to === to) && (!from || m.from === from)).map(resource).reverse();
      return json(200, { messages: list, page: 0, page_size: 50, first_page_uri: '', next_page_uri: null, previous_page_uri: null, uri: url.pathname, start: 0, end: list.length });
    }
    if (req.method === 'POST' && url.pathname === `${base}/Messages.json`) {
      if (fake.sendDelayMs) await new Promise((r) => setTimeout(r, fake.sendDelayMs));
      if (fake.sendsHeldUntil) await fake.sendsHeldUntil;
      const behaviour = script.shift() ?? { kind: 'accept' };
      if (behaviour.kind === 'error') return json(behaviour.status, { code: behaviour.code, message: behaviour.message, more_info: `https://www.twilio.com/docs/errors/${behaviour.code}`, status: behaviour.status });
      const message: StoredMessage = {
        sid: 'SM' + randomBytes(16).toString('hex'),
        to: form.get('To') ?? '',
        from: form.get('From') ?? '',
        body: form.get('Body') ?? '',
        status: 'queued',
        date_created: rfc2822(new Date()),
        contentSid: form.get('ContentSid'),
        statusCallback: form.get('StatusCallback'),
      };
      messages.push(message);
      if (behaviour.kind === 'accept-then-drop') return req.socket.destroy();
      if (behaviour.kind === 'accept-then-500') return json(500, { code: 20500, message: 'Internal Server Error', more_info: '', status: 500 });
      if (behaviour.kind === 'callbacks-first') for (const s of behaviour.statuses) await sendStatusCallback(message.sid, s);
      return json(201, resource(message));
    }
    json(404, { code: 20404, message: 'The requested resource was not found', more_info: '', status: 404 });
  };

  const server: Server = createServer((req, res) => void handle(req, res).catch((err) => { res.writeHead(500); res.end(String(err)); }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fake: FakeTwilio = {
    sendDelayMs: 0,
    sendsHeldUntil: null,
    baseUrl,
    requests,
    messages,
    script,
    authToken,
    sendStatusCallback,
    addMedia(messageSid, contentType, data) {
      const mediaSid = 'ME' + randomBytes(16).toString('hex');
      media.set(mediaSid, { contentType, data });
      return `${baseUrl}/2010-04-01/Accounts/${accountSid}/Messages/${messageSid}/Media/${mediaSid}`;
    },
    addMediaRedirect(messageSid, location) {
      const mediaSid = 'ME' + randomBytes(16).toString('hex');
      redirects.set(mediaSid, location);
      return `${baseUrl}/2010-04-01/Accounts/${accountSid}/Messages/${messageSid}/Media/${mediaSid}`;
    },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
  return fake;
}
