import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the simulator made to us (a webhook or a status callback), as it arrived. */
export type Captured = { url: string; path: string; signature: string | undefined; contentType: string | undefined; params: Record<string, string>; keys: string[] };

export type Capture = {
  url: string;
  requests: Captured[];
  /** Resolves once `count` requests match, or fails after `timeoutMs`. */
  waitFor(match: (r: Captured) => boolean, count?: number, timeoutMs?: number): Promise<Captured[]>;
  close(): Promise<void>;
};

/** A stand-in for a business's server: records every form POST and answers empty TwiML. */
export async function startCapture(): Promise<Capture> {
  const requests: Captured[] = [];
  const waiters = new Set<() => void>();
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    requests.push({
      url: `${capture.url}${req.url}`,
      path: (req.url ?? '').split('?')[0],
      signature: req.headers['x-twilio-signature'] as string | undefined,
      contentType: req.headers['content-type'],
      params: Object.fromEntries(form),
      keys: [...form.keys()],
    });
    waiters.forEach((wake) => wake());
    res.writeHead(200, { 'content-type': 'text/xml' });
    res.end('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const capture: Capture = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    waitFor(match, count = 1, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = requests.filter(match);
          if (found.length < count) return;
          cleanup();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`waited ${timeoutMs} ms for ${count} request(s); got ${JSON.stringify(requests.filter(match).map((r) => r.params))}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return capture;
}
