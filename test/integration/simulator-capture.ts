/** One request the simulator made to us (a webhook or a status callback), as it arrived. */
export type Captured = { url: string; path: string; signature: string | undefined; contentType: string | undefined; params: Record<string, string>; keys: string[] };

/** Where captured requests go: under this Switchboard's own webhook path, the only place the simulator calls. */
const CAPTURE_PATH = '/webhooks/twilio/capture';

export type Capture = {
  /** Base of the URLs to configure as webhooks and status callbacks; known once `on` names the server. */
  url: string;
  requests: Captured[];
  /**
   * The app's fetch (startTestApp's `fetch`): a call to `url` is recorded and answered with empty
   * TwiML here, as a business's server would; every other call goes out unchanged.
   */
  fetch: typeof fetch;
  /** Names the Switchboard whose webhook path the capture stands on. */
  on(publicUrl: string): void;
  /** Resolves once `count` requests match, or fails after `timeoutMs`. */
  waitFor(match: (r: Captured) => boolean, count?: number, timeoutMs?: number): Promise<Captured[]>;
};

/** A stand-in for a business's server behind this Switchboard's webhook path: records every form POST. */
export function startCapture(): Capture {
  const requests: Captured[] = [];
  const waiters = new Set<() => void>();
  const capture: Capture = {
    url: '',
    requests,
    async fetch(input, init) {
      const request = new Request(input, init);
      const url = new URL(request.url);
      if (!url.pathname.startsWith(`${CAPTURE_PATH}/`)) return fetch(request);
      const form = new URLSearchParams(await request.text());
      requests.push({
        url: request.url,
        path: url.pathname.slice(CAPTURE_PATH.length),
        signature: request.headers.get('x-twilio-signature') ?? undefined,
        contentType: request.headers.get('content-type') ?? undefined,
        params: Object.fromEntries(form),
        keys: [...form.keys()],
      });
      waiters.forEach((wake) => wake());
      return new Response('<?xml version="1.0" encoding="UTF-8"?><Response></Response>', { status: 200, headers: { 'content-type': 'text/xml' } });
    },
    on(publicUrl) {
      capture.url = publicUrl + CAPTURE_PATH;
    },
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
  };
  return capture;
}
