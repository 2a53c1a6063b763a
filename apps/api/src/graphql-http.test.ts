// The GraphQL over HTTP spec as integrators meet it, and GraphiQL for browsers: a real Chromium
// opens GET /graphql, offline (every request outside the API is refused), and reads the docs.
import { launchChromium } from '@studentdesk/testing/browser';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './test/api.js';

describe('GraphQL over HTTP', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi('pglite');
  });
  afterAll(() => api?.close());

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('answers application/graphql-response+json when asked, with 400 for an invalid query and 200 for a valid one', async () => {
    const accept = { accept: 'application/graphql-response+json' };
    const valid = await post({ query: '{ departments { name } }' }, accept);
    expect(valid.status).toBe(200);
    expect(valid.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    const invalid = await post({ query: '{ departments { nope } }' }, accept);
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect((await post({ query: '{ departments { name } }' })).headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('allows GET for queries only, and only with a header a cross-site form cannot send (CSRF)', async () => {
    const url = (query: string) => `${api.url}?query=${encodeURIComponent(query)}`;
    expect((await fetch(url('{ departments { name } }'))).status).toBe(400);
    const withPreflight = await fetch(url('{ departments { name } }'), { headers: { 'apollo-require-preflight': 'true' } });
    expect(withPreflight.status).toBe(200);
    const mutation = await fetch(url('mutation { signOut }'), { headers: { 'apollo-require-preflight': 'true' } });
    expect(mutation.status).toBe(405);
    const form = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"query":"mutation { signOut }"}',
    });
    expect(form.status).toBe(400);
  });

  it('serves GraphiQL from the API itself to a browser asking for HTML', async () => {
    const page = await fetch(api.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('StudentDesk GraphQL API');
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(assets.length).toBeGreaterThan(0);
    expect(assets.every((asset) => asset.startsWith('/graphiql/assets/'))).toBe(true);
    for (const asset of assets) expect((await fetch(new URL(asset, api.url))).status).toBe(200);
  });

  describe('in Chromium, offline', () => {
    let browser: Browser;

    beforeAll(async () => {
      // Playwright gives the browser a fresh profile of its own.
      browser = await launchChromium();
    });
    afterAll(() => browser?.close());

    it('opens GraphiQL, runs a query and shows the schema’s docs', async () => {
      const page = await browser.newPage();
      const origin = new URL(api.url).origin;
      const outside: string[] = [];
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
        outside.push(url);
        return route.abort();
      });
      await page.goto(api.url);
      await page.locator('.graphiql-container').waitFor({ timeout: 30_000 });
      // The editor has loaded (Monaco and its workers, from our own origin) once the query shows.
      await page.locator('.graphiql-query-editor').getByText('LatestTickets').waitFor({ timeout: 30_000 });
      await page.locator('.graphiql-execute-button').click();
      await expect.poll(() => page.locator('.graphiql-response').innerText(), { timeout: 20_000 }).toContain('UNAUTHENTICATED');

      await page
        .getByRole('button', { name: /documentation/i })
        .first()
        .click();
      await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().click();
      await page.getByText('Everything you can read: tickets, people, departments and the numbers.').waitFor({ timeout: 20_000 });
      await page.getByText('Admins: the API keys, newest first.').waitFor();
      expect(outside).toEqual([]);
    });
  });
});
