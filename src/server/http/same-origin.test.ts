import { describe, expect, it } from 'vitest';
import type { FastifyRequest } from 'fastify';
import { isOwnOrigin, refuseCrossSite } from './same-origin.js';
import { loadConfig } from '../config.js';

const config = { publicUrl: 'https://support.example.com', allowedOrigins: ['https://console.example.com'] };
const request = (headers: Record<string, string>) => ({ headers }) as unknown as FastifyRequest;

describe('same-origin checks', () => {
  it("accepts PUBLIC_URL's origin, the allow-list and the address the request was sent to", () => {
    const at = request({ host: '192.168.1.20:3000' });
    expect(isOwnOrigin('https://support.example.com', at, config)).toBe(true);
    expect(isOwnOrigin('https://console.example.com', at, config)).toBe(true);
    expect(isOwnOrigin('http://192.168.1.20:3000', at, config)).toBe(true);
    expect(isOwnOrigin('http://support.example.com', at, config)).toBe(false);
    expect(isOwnOrigin('https://support.example.com.evil.test', at, config)).toBe(false);
    expect(isOwnOrigin('null', at, config)).toBe(false);
  });

  it('refuses a foreign Origin or a cross-site fetch, and lets callers that send neither through', () => {
    expect(() => refuseCrossSite(request({ host: 'support.example.com', origin: 'https://evil.test' }), config, 'Signing in')).toThrow(/evil\.test/);
    expect(() => refuseCrossSite(request({ host: 'support.example.com', 'sec-fetch-site': 'cross-site' }), config, 'Signing in')).toThrow();
    expect(() => refuseCrossSite(request({ host: 'support.example.com', origin: 'https://support.example.com', 'sec-fetch-site': 'same-origin' }), config, 'Signing in')).not.toThrow();
    expect(() => refuseCrossSite(request({ host: 'support.example.com' }), config, 'Signing in')).not.toThrow();
  });

  it('reads ALLOWED_ORIGINS as origins and names a wrong entry', () => {
    expect(loadConfig({ DATA_DIR: '/tmp/unused', ALLOWED_ORIGINS: 'https://a.example.com/, http://b.example.com:8080' }).allowedOrigins).toEqual(['https://a.example.com', 'http://b.example.com:8080']);
    expect(loadConfig({ DATA_DIR: '/tmp/unused' }).allowedOrigins).toEqual([]);
    expect(() => loadConfig({ DATA_DIR: '/tmp/unused', ALLOWED_ORIGINS: 'console.example.com' })).toThrow(/ALLOWED_ORIGINS/);
  });
});
