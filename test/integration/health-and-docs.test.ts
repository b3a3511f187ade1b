import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { projectPath } from '../../src/server/project-path.js';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

describe.each(dbKinds)('health and API documentation (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t?.close());

  it('answers /healthz while the database answers', async () => {
    const res = await t.request('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: kind });
  });

  it('answers /readyz until a graceful shutdown begins, and /livez without touching the database', async () => {
    expect((await t.request('GET', '/readyz')).status).toBe(200);
    expect((await t.request('GET', '/livez')).status).toBe(200);
    t.ctx.lifecycle.shuttingDown = true;
    try {
      expect((await t.request('GET', '/readyz')).status).toBe(503);
    } finally {
      t.ctx.lifecycle.shuttingDown = false;
    }
  });

  it('answers /favicon.ico and the icon index.html links to, without a session', async () => {
    for (const path of ['/favicon.ico', '/favicon.svg']) {
      const res = await fetch(`${t.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(/^image\/svg\+xml/);
      expect(await res.text(), path).toContain('<svg');
    }
    expect(readFileSync(projectPath('src', 'web', 'index.html'), 'utf8')).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml"');
  });

  it('publishes an OpenAPI document of the API with the public paths', async () => {
    const res = await t.request('GET', '/api/docs/json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/v1/auth/login',
      '/api/v1/users',
      '/api/v1/messaging-accounts',
      '/api/v1/messaging-accounts/{id}/numbers',
      '/api/v1/templates',
      '/api/v1/conversations',
      '/api/v1/conversations/{id}/messages',
      '/api/v1/conversations/{id}/pick',
      '/api/v1/conversations/{id}/end',
      '/api/v1/conversations/{id}/close',
    ]) {
      expect(res.body.paths, path).toHaveProperty([path]);
    }
    expect((await fetch(`${t.url}/api/docs`)).status).toBe(200);
  });

  it('shows no version of the software or its libraries in the API documentation or its headers', async () => {
    const read = (name: string) => JSON.parse(readFileSync(projectPath(name), 'utf8')).version as string;
    const versions = [read('package.json'), read('node_modules/fastify/package.json'), read('node_modules/@fastify/swagger/package.json'), read('node_modules/@fastify/swagger-ui/package.json')];
    for (const path of ['/api/docs', '/api/docs/json', '/api/docs/static/swagger-initializer.js']) {
      const res = await fetch(`${t.url}${path}`);
      expect(res.status, path).toBe(200);
      const text = await res.text();
      for (const version of versions) expect(text.includes(version), `${path} names version ${version}`).toBe(false);
      expect(res.headers.get('server'), path).toBeNull();
      expect(res.headers.get('x-powered-by'), path).toBeNull();
    }
    // info.version is required by OpenAPI: it names the document's contract (/api/v1), nothing more.
    expect((await t.request('GET', '/api/docs/json')).body.info).toEqual({ title: 'Switchboard API', version: '1' });
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await t.request('GET', '/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('sends secure headers', async () => {
    const res = await fetch(`${t.url}/healthz`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBeTruthy();
  });
});

describe.each(dbKinds)('metrics behind a token (%s)', (kind) => {
  const METRICS_TOKEN = 'scrape-me-7f3a9c2e51b84d06';
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { config: { metricsToken: METRICS_TOKEN } });
  });
  afterAll(() => t?.close());

  it('answers /metrics only to the bearer token, and keeps the health checks public', async () => {
    const scrape = (authorization?: string) => fetch(`${t.url}/metrics`, { headers: authorization ? { authorization } : {} });
    for (const authorization of [undefined, 'Bearer wrong-token', `Bearer ${METRICS_TOKEN}x`, `Bearer ${METRICS_TOKEN.slice(0, -1)}`, METRICS_TOKEN, `Basic ${METRICS_TOKEN}`]) {
      const refused = await scrape(authorization);
      expect(refused.status, String(authorization)).toBe(401);
      expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const body = await refused.text();
      expect(JSON.parse(body).error.code).toBe('UNAUTHORIZED');
      expect(body).not.toContain('switchboard_');
    }
    const scraped = await scrape(`Bearer ${METRICS_TOKEN}`);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('switchboard_outbox_depth');
    for (const path of ['/healthz', '/livez', '/readyz']) expect((await fetch(`${t.url}${path}`)).status, path).toBe(200);
  });
});
