// The help centre for search engines and browsers without JavaScript, over HTTP from the running API.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createArticle, createDepartment, DATABASE_KINDS } from '@studentdesk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../test/api.js';

const PUBLIC_URL = 'https://desk.school.example';

/** The portal's index.html as the build leaves it, in the parts the server fills. */
function portalBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'studentdesk-help-pages-'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html><head><meta name="description" content="Report a problem." /><title>StudentDesk</title></head>' +
      '<body><noscript>Needs JavaScript.</noscript><div id="root"></div></body></html>',
  );
  return dir;
}

describe.each(DATABASE_KINDS)('the help centre without JavaScript, on %s', (kind) => {
  let api: TestApi;
  let origin: string;
  const get = (path: string) => fetch(origin + path, { headers: { accept: 'text/html' } });

  beforeAll(async () => {
    api = await startTestApi(kind, { PORTAL_DIST: portalBuild(), PUBLIC_URL });
    origin = new URL(api.url).origin;
    const department = await createDepartment(api.db.prisma, 'IT');
    await createArticle(api.db.prisma, {
      slug: 'eduroam-on-android',
      title: 'Eduroam on <Android>',
      summary: 'Connect your phone to "eduroam", step by step.',
      body: '## Steps\n\nChoose **PEAP**.\n\n<script>alert(1)</script>',
      departmentId: department.id,
    });
    await createArticle(api.db.prisma, {
      slug: 'exam-leak',
      title: 'Unpublished exam answers',
      summary: 'Draft.',
      body: 'Secret.',
      departmentId: department.id,
      status: 'DRAFT',
    });
    await createArticle(api.db.prisma, {
      slug: 'opening-hours',
      title: 'Opening hours',
      summary: 'When the desk is open.',
      body: 'Nine to five.',
    });
  });
  afterAll(() => api?.close());

  it('gives an article its title, summary and address in the head, and its text, escaped and sanitised, in <noscript>', async () => {
    const department = await api.db.prisma.department.findFirstOrThrow({ where: { name: 'IT' } });
    const response = await get(`/help/${department.slug}/eduroam-on-android`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<title>Eduroam on &lt;Android&gt; — ');
    expect(html).toContain('<meta name="description" content="Connect your phone to &quot;eduroam&quot;, step by step." />');
    expect(html).toContain(`<link rel="canonical" href="${PUBLIC_URL}/help/${department.slug}/eduroam-on-android" />`);
    const noscript = /<noscript>([\s\S]*)<\/noscript>/.exec(html)![1]!;
    expect(noscript).toContain('<h1>Eduroam on &lt;Android&gt;</h1>');
    expect(noscript).toContain('<strong>PEAP</strong>');
    expect(noscript).not.toContain('<script');
    expect(html).not.toContain('Needs JavaScript.');
    expect(html).toContain('<div id="root"></div>');
  });

  it('finds a school-wide article at /help/<slug>', async () => {
    const html = await (await get('/help/opening-hours')).text();
    expect(html).toContain('<title>Opening hours — ');
    expect(html).toContain(`<link rel="canonical" href="${PUBLIC_URL}/help/opening-hours" />`);
  });

  it('answers 404 for a draft or unknown article, and never shows a draft', async () => {
    const department = await api.db.prisma.department.findFirstOrThrow({ where: { name: 'IT' } });
    for (const path of [`/help/${department.slug}/exam-leak`, '/help/nope/nothing', '/help/exam-leak']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      const html = await response.text();
      expect(html).toContain('<title>Article not found');
      expect(html).not.toContain('Unpublished exam answers');
      expect(html).not.toContain('Secret.');
    }
  });

  it('lists the published articles on /help, and no draft', async () => {
    const html = await (await get('/help')).text();
    expect(html).toContain('<title>Help centre — ');
    expect(html).toContain('>Eduroam on &lt;Android&gt;</a>');
    expect(html).toContain('<a href="/help/opening-hours">Opening hours</a>');
    expect(html).not.toContain('Unpublished exam answers');
  });

  it('leaves the other pages of the portal as they are', async () => {
    const html = await (await get('/track/sdt_abc')).text();
    expect(html).toContain('<title>StudentDesk</title>');
    expect(html).toContain('<noscript>Needs JavaScript.</noscript>');
    expect(html).not.toContain('rel="canonical"');
  });

  it('publishes a sitemap of the help centre and a robots.txt that keeps tickets and tracking links out', async () => {
    const sitemap = await (await fetch(`${origin}/sitemap.xml`)).text();
    expect(sitemap).toContain(`<loc>${PUBLIC_URL}/help</loc>`);
    expect(sitemap).toContain(`<loc>${PUBLIC_URL}/help/opening-hours</loc>`);
    expect(sitemap).toMatch(/eduroam-on-android<\/loc><lastmod>\d{4}-/);
    expect(sitemap).not.toContain('exam-leak');
    const robots = await (await fetch(`${origin}/robots.txt`)).text();
    expect(robots).toContain('Disallow: /track/');
    expect(robots).toContain('Disallow: /tickets/');
    expect(robots).toContain(`Sitemap: ${PUBLIC_URL}/sitemap.xml`);
  });
});
