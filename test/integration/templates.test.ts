import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

describe.each(dbKinds)("templates and WhatsApp's rules (%s)", (kind) => {
  let t: TestApp;
  let admin: { token: string };

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await t.userWithToken('admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  const create = (body: Record<string, unknown>) => t.request('POST', '/api/v1/templates', { token: admin.token, body });
  const count = async () => (await t.ctx.db.selectFrom('templates').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

  it('refuses a name WhatsApp refuses, with 422 naming the field and the rule, and stores nothing', async () => {
    const before = await count();
    for (const name of ['Order update', 'order-update', 'OrderUpdate']) {
      const res = await create({ name, defaultLanguage: 'en', text: 'Hi {{1}}' });
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ field: 'name', reason: 'name-characters', message: expect.stringMatching(/lowercase letters.*digits and underscores/) });
    }
    expect(Number(await count())).toBe(Number(before));
  });

  it('refuses placeholders with a gap or out of order, saying which was expected', async () => {
    const gap = await create({ name: 'gap', defaultLanguage: 'en', text: 'Hi {{1}}, order {{3}}' });
    expect(gap.status).toBe(422);
    expect(gap.body.error).toMatchObject({ field: 'text', reason: 'placeholder-order', expected: 2, found: 3 });
    const swapped = await create({ name: 'swapped', defaultLanguage: 'en', text: '{{2}} for {{1}}' });
    expect(swapped.body.error).toMatchObject({ field: 'text', reason: 'placeholder-order', expected: 1, found: 2 });
  });

  it('refuses malformed braces, in the default text and in a localization, quoting them', async () => {
    for (const text of ['Hi {{1}', 'Hi {{ }}', 'Hi {{a}}']) {
      const res = await create({ name: 'braces', defaultLanguage: 'en', text });
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ field: 'text', reason: 'placeholder-malformed', fragment: text.slice(3) });
    }
    const localized = await create({
      name: 'braces',
      defaultLanguage: 'en',
      text: 'Hi {{1}}',
      localizations: [{ language: 'en', text: 'Hi {{1}}' }, { language: 'ko', text: '{{1}님 안녕하세요' }],
    });
    expect(localized.status).toBe(422);
    expect(localized.body.error).toMatchObject({ field: 'localizations.1.text', reason: 'placeholder-malformed', fragment: '{{1}' });
  });

  it('accepts a template that follows the rules, and refuses an edit that breaks them without changing it', async () => {
    const good = await create({ name: 'order_update_2', defaultLanguage: 'en', text: 'Hi {{1}}, order {{2}} for {{1}}' });
    expect(good.status).toBe(201);
    const bad = await t.request('PATCH', `/api/v1/templates/${good.body.id}`, { token: admin.token, body: { text: 'Hi {{1}}, order {{2}' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ field: 'text', reason: 'placeholder-malformed' });
    const renamed = await t.request('PATCH', `/api/v1/templates/${good.body.id}`, { token: admin.token, body: { name: 'Order Update' } });
    expect(renamed.body.error).toMatchObject({ field: 'name', reason: 'name-characters' });
    const after = await t.request('GET', `/api/v1/templates/${good.body.id}`, { token: admin.token });
    expect(after.body).toMatchObject({ name: 'order_update_2', text: 'Hi {{1}}, order {{2}} for {{1}}' });
  });

  it('lets a template saved before the rules keep its name while its text is edited', async () => {
    const old = await t.ctx.db.insertInto('templates').values({ name: 'Old Style', default_language: 'en', text: 'Hello' }).returning('id').executeTakeFirstOrThrow();
    const res = await t.request('PATCH', `/api/v1/templates/${old.id}`, { token: admin.token, body: { name: 'Old Style', text: 'Hello {{1}}' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Old Style', text: 'Hello {{1}}' });
  });
});
