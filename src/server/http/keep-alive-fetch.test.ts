import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createKeepAliveFetch } from './keep-alive-fetch.js';

describe('the keep-alive fetch the Twilio client uses', () => {
  let server: Server;
  let base: string;
  const seen: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string; socket: number }> = [];
  const sockets = new WeakMap<object, number>();
  let nextSocket = 0;
  const fetch = createKeepAliveFetch();

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      if (!sockets.has(req.socket)) sockets.set(req.socket, nextSocket++);
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString(), socket: sockets.get(req.socket)! });
      if (req.url === '/slow') return setTimeout(() => res.end('late'), 2000);
      if (req.url === '/empty') return res.writeHead(204).end();
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] });
      res.end(JSON.stringify({ sid: 'SM123', status: 'queued' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('posts a form with its headers and a length, and answers a standard Response', async () => {
    const response = await fetch(`${base}/Messages.json`, { method: 'POST', headers: { authorization: 'Basic abc' }, body: new URLSearchParams({ To: 'whatsapp:+1555', Body: 'Héllo' }) });
    expect(response.status).toBe(201);
    expect(response.ok).toBe(true);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(await response.json()).toEqual({ sid: 'SM123', status: 'queued' });
    const request = seen.at(-1)!;
    expect(request).toMatchObject({ method: 'POST', url: '/Messages.json', body: 'To=whatsapp%3A%2B1555&Body=H%C3%A9llo' });
    expect(request.headers).toMatchObject({ authorization: 'Basic abc', 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8', 'content-length': String(Buffer.byteLength(request.body)) });
  });

  it('reuses one connection for requests one after the other', async () => {
    const before = seen.length;
    for (let i = 0; i < 3; i++) await (await fetch(`${base}/again`)).text();
    expect(new Set(seen.slice(before).map((r) => r.socket)).size).toBe(1);
  });

  it('answers a bodiless status without a body', async () => {
    const response = await fetch(`${base}/empty`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });

  it("fails like fetch: the signal's reason on a timeout, a TypeError with the network's cause otherwise", async () => {
    const timedOut = await fetch(`${base}/slow`, { signal: AbortSignal.timeout(100) }).catch((err: Error) => err);
    expect((timedOut as Error).name).toBe('TimeoutError');
    const refused = await fetch('http://127.0.0.1:1/nothing').catch((err: Error & { cause?: { code?: string } }) => err);
    expect(refused).toBeInstanceOf(TypeError);
    expect((refused as Error & { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
    await expect(fetch('ftp://127.0.0.1/file')).rejects.toThrow(TypeError);
  });
});
