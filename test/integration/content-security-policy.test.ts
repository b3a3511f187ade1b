import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/** The policy as a map from directive to its sources, e.g. { 'script-src': ["'self'"] }. */
function directivesOf(header: string | null): Record<string, string[]> {
  expect(header, 'a Content-Security-Policy header').toBeTruthy();
  return Object.fromEntries(
    header!.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
      const [name, ...sources] = d.split(/\s+/);
      return [name.toLowerCase(), sources];
    }),
  );
}

const inlineScriptsIn = (html: string) => html.match(/<script(?![^>]*\bsrc=)[^>]*>/gi) ?? [];
const inlineStylesIn = (html: string) => [...(html.match(/<style[\s>]/gi) ?? []), ...(html.match(/\sstyle="/gi) ?? [])];

describe.each(dbKinds)('Content-Security-Policy (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t?.close());

  // An unknown token still gets the survey page (saying the survey is closed).
  const SURVEY_PAGE = '/survey/not-a-real-token';

  const STRICT_POLICY = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };

  it.each([SURVEY_PAGE, '/login', '/admin/queues', '/api/v1/me', '/healthz'])('%s: scripts, styles and connections from this origin only, and no framing', async (path) => {
    const res = await fetch(`${t.url}${path}`);
    const policy = directivesOf(res.headers.get('content-security-policy'));
    expect(policy).toMatchObject(STRICT_POLICY);
    expect(policy['img-src']).toEqual(expect.arrayContaining(["'self'", 'data:']));
    expect(policy['media-src']).toContain("'self'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('allows the API docs (Swagger UI) inline styles, and nothing else more', async () => {
    const policy = directivesOf((await fetch(`${t.url}/api/docs`)).headers.get('content-security-policy'));
    expect(policy).toMatchObject({ ...STRICT_POLICY, 'style-src': ["'self'", "'unsafe-inline'"] });
  });

  it('never asks browsers to upgrade to https: self-hosters serve plain http on a LAN address', async () => {
    for (const path of [SURVEY_PAGE, '/api/docs', '/login']) {
      const header = (await fetch(`${t.url}${path}`)).headers.get('content-security-policy');
      expect(header).not.toMatch(/upgrade-insecure-requests|block-all-mixed-content/);
    }
  });

  it('serves the survey page with its style in a stylesheet of this origin, and no inline script or style', async () => {
    const page = await fetch(`${t.url}${SURVEY_PAGE}`);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(inlineScriptsIn(html)).toEqual([]);
    expect(inlineStylesIn(html)).toEqual([]);
    const href = html.match(/<link rel="stylesheet" href="([^"]+)">/)?.[1];
    expect(href).toMatch(/^\/[^/]/);
    const stylesheet = await fetch(`${t.url}${href}`);
    expect(stylesheet.status).toBe(200);
    expect(stylesheet.headers.get('content-type')).toContain('text/css');
    expect(await stylesheet.text()).toContain('.stars');
  });

  it('serves the API docs page with no inline script', async () => {
    const page = await fetch(`${t.url}/api/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('swagger-initializer.js');
    expect(inlineScriptsIn(html)).toEqual([]);
  });
});
