import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
