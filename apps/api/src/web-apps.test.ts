import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './test/api.js';

function fakeBuild(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `studentdesk-${name}-`));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), `<!doctype html><title>${name}</title>`);
  writeFileSync(join(dir, 'assets', `${name}-abc123.js`), `console.log('${name}')`);
  return dir;
}

describe('serving the web apps', () => {
  let api: TestApi;
  let origin: string;

  beforeAll(async () => {
    api = await startTestApi('pglite', { PORTAL_DIST: fakeBuild('portal'), CONSOLE_DIST: fakeBuild('console') });
    origin = new URL(api.url).origin;
  });
  afterAll(() => api?.close());

  const get = (path: string, accept = 'text/html') => fetch(origin + path, { headers: { accept } });

  it('serves each app’s index.html for its client-side routes', async () => {
    expect(await (await get('/')).text()).toContain('<title>portal</title>');
    expect(await (await get('/track/sdt_abc')).text()).toContain('<title>portal</title>');
    expect(await (await get('/console/')).text()).toContain('<title>console</title>');
    expect(await (await get('/console/tickets/123')).text()).toContain('<title>console</title>');
    expect((await get('/console/tickets/123')).headers.get('cache-control')).toBe('no-cache');
  });

  it('caches hashed assets for a year and answers 404 for a missing one', async () => {
    const asset = await get('/console/assets/console-abc123.js', '*/*');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toMatch(/max-age=31536000.*immutable/);
    expect((await get('/assets/missing.js', '*/*')).status).toBe(404);
  });

  it('leaves /graphql and /health to the API', async () => {
    expect((await get('/health', 'application/json')).status).toBe(200);
    const response = await api.gql('{ departments { name } }');
    expect(response.data).toEqual({ departments: [] });
  });
});
