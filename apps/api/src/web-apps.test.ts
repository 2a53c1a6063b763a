import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './test/api.js';
import { acceptedEncodings } from './web-apps.js';

/** A script big enough to be worth compressing, as the build's precompress step leaves it: with .br and .gz copies. */
const BIG_SCRIPT = `export const words = "${'report a problem '.repeat(200)}";`;

function fakeBuild(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `studentdesk-${name}-`));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), `<!doctype html><title>${name}</title>`);
  writeFileSync(join(dir, 'assets', `${name}-abc123.js`), `console.log('${name}')`);
  writeFileSync(join(dir, 'sw.js'), `self.addEventListener('fetch', () => {}); // ${name}`);
  writeFileSync(join(dir, 'manifest.webmanifest'), JSON.stringify({ name }));
  const big = join(dir, 'assets', `${name}-big456.js`);
  writeFileSync(big, BIG_SCRIPT);
  writeFileSync(`${big}.br`, brotliCompressSync(BIG_SCRIPT));
  writeFileSync(`${big}.gz`, gzipSync(BIG_SCRIPT));
  return dir;
}

/** A GET whose body arrives as sent (fetch would decompress it). */
function rawGet(url: string, acceptEncoding?: string): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
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

  it('serves the service worker as a script to revalidate on every check, and the manifest as one', async () => {
    // As the browser asks for each: a worker script update check and a <link rel="manifest">.
    const worker = await get('/sw.js', '*/*');
    expect(worker.status).toBe(200);
    expect(worker.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(worker.headers.get('cache-control')).toBe('no-cache');
    expect(await worker.text()).toContain('// portal');
    const manifest = await get('/manifest.webmanifest', 'application/manifest+json, */*');
    expect(manifest.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    expect(manifest.headers.get('cache-control')).toBe('no-cache');
    expect(await manifest.json()).toEqual({ name: 'portal' });
    // Once the school is set up, a phone installing the portal shows its name and colour.
    await api.db.prisma.school.create({
      data: { name: 'Riverside College', timeZone: 'Europe/London', primaryColor: '#7a1f3d', accentColor: '#0b5cad' },
    });
    expect(await (await get('/manifest.webmanifest', 'application/manifest+json, */*')).json()).toEqual({
      name: 'Riverside College',
      theme_color: '#7a1f3d',
    });
    // A file the build does not have is not answered with a page.
    expect((await get('/missing.js', '*/*')).status).toBe(404);
  });

  it('sends the build’s brotli copy to browsers that take it, else gzip, else the file itself', async () => {
    const url = `${origin}/console/assets/console-big456.js`;
    const brotli = await rawGet(url, 'gzip, deflate, br, zstd');
    expect(brotli.headers).toMatchObject({
      'content-encoding': 'br',
      vary: 'Accept-Encoding',
      'content-type': 'text/javascript; charset=utf-8',
    });
    expect(brotli.headers['cache-control']).toMatch(/max-age=31536000.*immutable/);
    expect(brotliDecompressSync(brotli.body).toString()).toBe(BIG_SCRIPT);

    const gzip = await rawGet(url, 'gzip;q=0.8, br;q=0');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(BIG_SCRIPT);

    const plain = await rawGet(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    expect(plain.body.toString()).toBe(BIG_SCRIPT);

    // A file without copies goes out as it is, and a copy's name is no way to another file.
    expect((await rawGet(`${origin}/console/assets/console-abc123.js`, 'br')).headers['content-encoding']).toBeUndefined();
    expect([403, 404]).toContain((await rawGet(`${origin}/console/assets/..%2f..%2fetc%2fpasswd`, 'br')).status);
  });

  it('reads Accept-Encoding as browsers write it', () => {
    expect([...acceptedEncodings('gzip, deflate, br, zstd')]).toEqual(['gzip', 'deflate', 'br', 'zstd']);
    expect([...acceptedEncodings('br;q=0, gzip;q=0.5')]).toEqual(['gzip']);
    expect([...acceptedEncodings(undefined)]).toEqual([]);
  });

  it('leaves /graphql and /health to the API', async () => {
    expect((await get('/health', 'application/json')).status).toBe(200);
    const response = await api.gql('{ departments { name } }');
    expect(response.data).toEqual({ departments: [] });
  });
});
