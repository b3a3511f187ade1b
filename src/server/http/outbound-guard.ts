import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * The one guard for every call Switchboard makes to an address someone typed (the HTTP bot, and
 * whatever calls out next): http(s) only, no private, loopback, link-local or otherwise
 * non-public address after DNS unless the host is in OUTBOUND_ALLOWED_HOSTS, the connection made
 * to the very address that was checked (a second DNS answer cannot swap it), redirects refused.
 */

export class OutboundRefusedError extends Error {
  /** unresolved: the host name had no address (yet); a setting may still be saved and is checked again at each call. */
  constructor(readonly reason: string, readonly unresolved = false) {
    super(reason);
    this.name = 'OutboundRefusedError';
  }
}

// Ranges no typed address may reach, by what they are (for the sentence that refuses them).
const RANGES: [kind: string, family: 'ipv4' | 'ipv6', network: string, prefix: number][] = [
  ['an unspecified ("this network")', 'ipv4', '0.0.0.0', 8],
  ['a private', 'ipv4', '10.0.0.0', 8],
  ['a shared (carrier-grade NAT)', 'ipv4', '100.64.0.0', 10],
  ['a loopback', 'ipv4', '127.0.0.0', 8],
  ['a link-local', 'ipv4', '169.254.0.0', 16],
  ['a private', 'ipv4', '172.16.0.0', 12],
  ['a reserved', 'ipv4', '192.0.0.0', 24],
  ['a documentation', 'ipv4', '192.0.2.0', 24],
  ['a private', 'ipv4', '192.168.0.0', 16],
  ['a benchmarking', 'ipv4', '198.18.0.0', 15],
  ['a documentation', 'ipv4', '198.51.100.0', 24],
  ['a documentation', 'ipv4', '203.0.113.0', 24],
  ['a multicast', 'ipv4', '224.0.0.0', 4],
  ['a reserved', 'ipv4', '240.0.0.0', 4],
  ['an unspecified or IPv4-compatible', 'ipv6', '::', 96],
  ['a discard', 'ipv6', '100::', 64],
  ['a Teredo', 'ipv6', '2001::', 32],
  ['a documentation', 'ipv6', '2001:db8::', 32],
  ['a 6to4', 'ipv6', '2002::', 16],
  ['a unique-local (private)', 'ipv6', 'fc00::', 7],
  ['a link-local', 'ipv6', 'fe80::', 10],
  ['a site-local', 'ipv6', 'fec0::', 10],
  ['a multicast', 'ipv6', 'ff00::', 8],
];
const LISTS = RANGES.map(([kind, family, network, prefix]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return { kind, family, list };
});

/** An IPv4 address written as IPv6 (::ffff:127.0.0.1 or ::ffff:7f00:1) is judged as the IPv4 address it is. */
function unmapped(address: string): string {
  const lower = address.toLowerCase().replace(/^\[|\]$/g, '');
  const dotted = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return lower;
  const [high, low] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** What kind of non-public address this is ("a loopback", "a link-local"…), or null for a public one. */
export function nonPublicKind(address: string): string | null {
  const ip = unmapped(address);
  const version = isIP(ip);
  if (version === 0) return 'not an IP';
  const family = version === 4 ? 'ipv4' : 'ipv6';
  if (family === 'ipv6' && ip === '::1') return 'a loopback';
  return LISTS.find((l) => l.family === family && l.list.check(ip, family))?.kind ?? null;
}

/** OUTBOUND_ALLOWED_HOSTS entries: "host" allows every port of it, "host:port" that port only. */
export function isAllowListed(url: URL, allowedHosts: readonly string[]): boolean {
  const host = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return allowedHosts.some((entry) => {
    const e = entry.trim().toLowerCase();
    return e === host || e === `${host}:${port}`;
  });
}

export type Resolve = (hostname: string) => Promise<{ address: string; family: number }[]>;
const systemResolve: Resolve = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export type CheckedTarget = { url: URL; address: string; family: 4 | 6 };

/**
 * The URL, and the address to connect to, once it is known to be a public http(s) address (or an
 * allow-listed host). Refusals say why in words an admin can act on.
 */
export async function assertPublicUrl(raw: string, allowedHosts: readonly string[], resolve: Resolve = systemResolve): Promise<CheckedTarget> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundRefusedError('it is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundRefusedError(`only http and https addresses are allowed, not ${url.protocol.replace(/:$/, '')}`);
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: { address: string; family: number }[];
  try {
    addresses = await resolve(hostname);
  } catch {
    throw new OutboundRefusedError(`the host name ${hostname} does not resolve`, true);
  }
  if (addresses.length === 0) throw new OutboundRefusedError(`the host name ${hostname} does not resolve`, true);
  if (!isAllowListed(url, allowedHosts)) {
    // Every address must be public: the system resolver may hand the connection any of them.
    for (const { address } of addresses) {
      const kind = nonPublicKind(address);
      if (kind) throw new OutboundRefusedError(`${hostname} is ${address === hostname ? '' : `at ${address}, `}${kind} address; only public addresses are allowed (add the host to OUTBOUND_ALLOWED_HOSTS for a service on your own network)`);
    }
  }
  const [first] = addresses;
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}

export type GuardedInit = { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal; maxBytes?: number };

/** guardedFetch bound to this installation's allow-list (AppContext.outboundFetch). */
export type OutboundFetch = (url: string, init: GuardedInit) => Promise<Response>;

const DEFAULT_MAX_BYTES = 1024 * 1024;

/**
 * fetch through the guard: the URL is checked, the connection goes to the checked address (the
 * host name still names the site, for TLS and the Host header), a redirect is refused, and the
 * answer is read whole up to maxBytes.
 */
export async function guardedFetch(raw: string, init: GuardedInit, allowedHosts: readonly string[], resolve: Resolve = systemResolve): Promise<Response> {
  const target = await withinSignal(assertPublicUrl(raw, allowedHosts, resolve), init.signal);
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as (err: null, addresses: { address: string; family: number }[]) => void)(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const maxBytes = init.maxBytes ?? DEFAULT_MAX_BYTES;
  const transport = target.url.protocol === 'https:' ? https : http;
  const headers: Record<string, string> = { ...init.headers };
  if (init.body !== undefined) headers['content-length'] = String(Buffer.byteLength(init.body));
  return new Promise<Response>((resolvePromise, reject) => {
    const signal = init.signal;
    if (signal?.aborted) return reject(signal.reason);
    const request = transport.request(target.url, { method: init.method ?? 'GET', headers, lookup: pinned, agent: false });
    const onAbort = () => request.destroy(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const fail = (err: unknown) => {
      signal?.removeEventListener('abort', onAbort);
      reject(signal?.aborted ? signal.reason : err instanceof OutboundRefusedError ? err : new TypeError('fetch failed', { cause: err }));
    };
    request.on('error', fail);
    request.on('response', (response) => {
      const status = response.statusCode ?? 502;
      if (status >= 300 && status < 400) {
        response.resume();
        request.destroy(new OutboundRefusedError(`it answered with a redirect (HTTP ${status}), and redirects are not followed`));
        return;
      }
      const chunks: Buffer[] = [];
      let total = 0;
      response.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > maxBytes) request.destroy(new OutboundRefusedError(`its answer is larger than ${maxBytes} bytes`));
        else chunks.push(chunk);
      });
      response.on('error', fail);
      response.on('end', () => {
        signal?.removeEventListener('abort', onAbort);
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) responseHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
        resolvePromise(new Response(status === 204 || status === 205 ? null : Buffer.concat(chunks), { status, statusText: response.statusMessage, headers: responseHeaders }));
      });
    });
    request.end(init.body);
  });
}

/** A slow DNS answer counts against the caller's time budget too. */
function withinSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
