// The API as operators run it: its own process (the build's dist/main.js), stopped with SIGTERM.
import { describe, expect, it } from 'vitest';
import { startApiProcess } from './test/api-process.js';
import { until } from './test/subscriptions.js';

describe('the API process', () => {
  it('starts on an empty embedded database and stops cleanly on SIGTERM', async () => {
    const api = await startApiProcess({ DATABASE_URL: '' });
    expect(api.output()).toContain(`StudentDesk API  http://localhost:${api.port}/graphql`);

    const stoppedAt = Date.now();
    expect(await api.stop('SIGTERM')).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
    expect(api.output()).toMatch(/"msg":"stopped"/);
  }, 60_000);
});

describe('the production start (`pnpm start:prod`)', () => {
  it('refuses to start without AUTH_SECRET, saying why', async () => {
    await expect(startApiProcess({ NODE_ENV: 'production', AUTH_SECRET: '', DATABASE_URL: '' })).rejects.toThrow(/AUTH_SECRET is required in production/);
  });

  it('serves with HSTS, logs JSON lines with request ids, and hides the schema from anonymous callers', async () => {
    const api = await startApiProcess({ NODE_ENV: 'production', DATABASE_URL: '' });
    try {
      const response = await fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'prod-check-1' },
        body: JSON.stringify({ query: '{ __schema { types { name } } }' }),
      });
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      const body = (await response.json()) as { errors?: Array<{ extensions: { code: string } }> };
      expect(response.status).toBe(401);
      expect(body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
      await until(() => api.output().includes('prod-check-1'), 5000);
      const line = api.output().split('\n').find((candidate) => candidate.includes('prod-check-1'))!;
      expect(JSON.parse(line)).toMatchObject({ req: { id: 'prod-check-1', method: 'POST', url: '/graphql' }, res: { statusCode: response.status } });
    } finally {
      expect(await api.stop()).toBe(0);
    }
  }, 60_000);
});
