import { describe, expect, it } from 'vitest';
import { assertPublicUrl, guardedFetch, isAllowListed, nonPublicKind, OutboundRefusedError } from './outbound-guard.js';

describe('which addresses a typed URL may reach', () => {
  it.each([
    ['0.0.0.0', 'an unspecified ("this network")'],
    ['10.20.30.40', 'a private'],
    ['100.64.0.1', 'a shared (carrier-grade NAT)'],
    ['127.0.0.1', 'a loopback'],
    ['127.255.255.254', 'a loopback'],
    ['169.254.169.254', 'a link-local'],
    ['172.16.0.1', 'a private'],
    ['172.31.255.255', 'a private'],
    ['192.168.1.1', 'a private'],
    ['224.0.0.251', 'a multicast'],
    ['255.255.255.255', 'a reserved'],
    ['::', 'an unspecified or IPv4-compatible'],
    ['::1', 'a loopback'],
    ['fe80::1', 'a link-local'],
    ['fd12:3456::1', 'a unique-local (private)'],
    ['fc00::1', 'a unique-local (private)'],
    ['ff02::1', 'a multicast'],
    ['::ffff:127.0.0.1', 'a loopback'],
    ['::ffff:7f00:1', 'a loopback'],
    ['::ffff:a9fe:a9fe', 'a link-local'],
    ['[::ffff:10.0.0.1]', 'a private'],
    ['2001:db8::1', 'a documentation'],
    ['not-an-address', 'not an IP'],
  ])('%s is %s address', (address, kind) => {
    expect(nonPublicKind(address)).toBe(kind);
  });

  it.each(['8.8.8.8', '172.32.0.1', '172.15.255.255', '100.128.0.1', '169.255.0.1', '2606:4700:4700::1111', '2a00:1450::1', '::ffff:8.8.8.8'])('%s is public', (address) => {
    expect(nonPublicKind(address)).toBeNull();
  });

  it('matches allow-list entries by host, or by host and port', () => {
    expect(isAllowListed(new URL('http://127.0.0.1:8080/x'), ['127.0.0.1'])).toBe(true);
    expect(isAllowListed(new URL('http://127.0.0.1:8080/x'), ['127.0.0.1:8080'])).toBe(true);
    expect(isAllowListed(new URL('http://127.0.0.1:8081/x'), ['127.0.0.1:8080'])).toBe(false);
    expect(isAllowListed(new URL('https://Bot.Internal/x'), [' bot.internal:443 '])).toBe(true);
    expect(isAllowListed(new URL('http://bot.internal/x'), ['bot.internal:443'])).toBe(false);
  });
});

describe('assertPublicUrl', () => {
  const resolveTo = (...addresses: string[]) => async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  const reason = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (err) {
      expect(err).toBeInstanceOf(OutboundRefusedError);
      return (err as OutboundRefusedError).reason;
    }
    throw new Error('not refused');
  };

  it('answers the checked address to connect to', async () => {
    expect(await assertPublicUrl('https://bot.example.com/hook', [], resolveTo('93.184.216.34'))).toMatchObject({ address: '93.184.216.34', family: 4 });
  });

  it('refuses a name with any non-public address among its answers', async () => {
    expect(await reason(assertPublicUrl('https://rebind.example/hook', [], resolveTo('93.184.216.34', '10.0.0.5')))).toMatch(/rebind\.example is at 10\.0\.0\.5, a private address/);
  });

  it('refuses other schemes, unparsable URLs and names that do not resolve', async () => {
    expect(await reason(assertPublicUrl('gopher://example.com/', [], resolveTo('93.184.216.34')))).toMatch(/only http and https/);
    expect(await reason(assertPublicUrl('not a url', [], resolveTo()))).toBe('it is not a URL');
    const unresolved = assertPublicUrl('https://nowhere.invalid/', [], async () => { throw new Error('ENOTFOUND'); });
    await expect(unresolved).rejects.toMatchObject({ unresolved: true });
  });

  it('lets an allow-listed host reach its private address', async () => {
    expect(await assertPublicUrl('http://bot.internal:8080/hook', ['bot.internal'], resolveTo('10.0.0.7'))).toMatchObject({ address: '10.0.0.7' });
  });
});

describe('guardedFetch', () => {
  it('gives up within the caller\'s time budget while DNS is slow', async () => {
    const never = () => new Promise<never>(() => {});
    const started = Date.now();
    await expect(guardedFetch('https://slow-dns.example/hook', { signal: AbortSignal.timeout(50) }, [], never)).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('never connects to a refused address', async () => {
    await expect(guardedFetch('http://169.254.169.254/latest/meta-data/', {}, [])).rejects.toBeInstanceOf(OutboundRefusedError);
  });
});
