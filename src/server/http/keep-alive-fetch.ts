import http from 'node:http';
import https from 'node:https';

/** Statuses whose Response may not carry a body. */
const NO_BODY = new Set([101, 204, 205, 304]);

/**
 * A `fetch` for Twilio's REST API on node:http(s) with keep-alive agents: sending a message costs
 * Switchboard little more than that request, and Node's built-in fetch (undici) spends markedly
 * more CPU on a request than this does. It covers what
 * the Twilio client uses: a method, headers, a string or form body and an abort signal; redirects
 * are not followed. The answer is read whole and handed over as a standard Response.
 */
export function createKeepAliveFetch(maxSockets = 64): typeof fetch {
  const agents = { 'http:': new http.Agent({ keepAlive: true, maxSockets }), 'https:': new https.Agent({ keepAlive: true, maxSockets }) };
  const keepAliveFetch = (input: string | URL | Request, init: RequestInit = {}): Promise<Response> =>
    new Promise((resolve, reject) => {
      const url = new URL(input instanceof Request ? input.url : input);
      const signal = init.signal;
      if (signal?.aborted) return reject(signal.reason);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return reject(new TypeError('fetch failed', { cause: new Error(`unsupported protocol ${url.protocol}`) }));
      const transport = url.protocol === 'https:' ? https : http;
      const body = bodyOf(init.body);
      const headers = new Headers(init.headers);
      if (init.body instanceof URLSearchParams && !headers.has('content-type')) headers.set('content-type', 'application/x-www-form-urlencoded;charset=UTF-8');
      if (body !== undefined) headers.set('content-length', String(Buffer.byteLength(body)));
      const request = transport.request(url, { method: init.method ?? 'GET', headers: Object.fromEntries(headers), agent: agents[url.protocol] });
      const onAbort = () => request.destroy(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      const fail = (err: unknown) => {
        signal?.removeEventListener('abort', onAbort);
        // The same shape as fetch's errors: the network's reason is the cause, an abort its reason.
        reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause: err }));
      };
      request.on('error', fail);
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', fail);
        response.on('end', () => {
          signal?.removeEventListener('abort', onAbort);
          const status = response.statusCode ?? 502;
          resolve(new Response(NO_BODY.has(status) ? null : Buffer.concat(chunks), { status, statusText: response.statusMessage, headers: toHeaders(response.headers) }));
        });
      });
      request.end(body);
    });
  return keepAliveFetch as typeof fetch;
}

function bodyOf(body: RequestInit['body']): string | Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof Uint8Array) return Buffer.from(body);
  throw new TypeError('keep-alive fetch sends string, form or byte bodies only');
}

function toHeaders(raw: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
  }
  return headers;
}
