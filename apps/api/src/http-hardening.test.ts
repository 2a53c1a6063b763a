// Over HTTP: security headers on every answer, request ids, and CORS for configured origins only.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_ID_HEADER, requestLogging } from './http-hardening.js';
import { startTestApi, type TestApi } from './test/api.js';

const LMS = 'https://lms.example.edu';

describe('HTTP hardening', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('pglite', { CORS_ORIGINS: `${LMS}, https://bi.example.edu` });
  });
  afterAll(() => api?.close());

  const health = () => api.url.replace(/graphql$/, 'health');

  it('sets security headers on GraphQL, health and page answers', async () => {
    for (const url of [api.url, health()]) {
      const response = await fetch(url, { headers: { accept: 'text/html' } });
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-powered-by')).toBeNull();
      // Not in development: HSTS over plain http would pin localhost to https.
      expect(response.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('answers with a request id, keeping a sane one the caller sent', async () => {
    const generated = await api.gql('{ __typename }');
    expect(generated.headers.get(REQUEST_ID_HEADER)).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await api.gql('{ __typename }', {}, { headers: { [REQUEST_ID_HEADER]: 'lb-7f3a-0042' } });
    expect(kept.headers.get(REQUEST_ID_HEADER)).toBe('lb-7f3a-0042');
    const replaced = await api.gql('{ __typename }', {}, { headers: { [REQUEST_ID_HEADER]: 'x'.repeat(500) } });
    expect(replaced.headers.get(REQUEST_ID_HEADER)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('allows the configured origins, with credentials, and no other', async () => {
    const preflight = await fetch(api.url, {
      method: 'OPTIONS',
      headers: { origin: LMS, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(LMS);
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');

    const allowed = await api.gql('{ __typename }', {}, { headers: { origin: LMS } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(LMS);
    expect(allowed.headers.get('access-control-expose-headers')).toContain('x-query-cost');

    const stranger = await api.gql('{ __typename }', {}, { headers: { origin: 'https://evil.example.com' } });
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
    const strangerPreflight = await fetch(api.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST' },
    });
    expect(strangerPreflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('request logging', () => {
  it('writes one JSON line per request with its id, status and no credentials', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    const app = express();
    app.use(requestLogging(pino({ redact: ['req.headers.authorization', 'req.headers.cookie'] }, sink)));
    app.get('/thing', (_req, res) => res.status(404).json({}));
    app.get('/health', (_req, res) => res.json({ status: 'ok' }));
    const server = createServer(app).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await fetch(`${base}/thing`, {
        headers: { [REQUEST_ID_HEADER]: 'req-1', authorization: 'Bearer secret-token-value', cookie: 'sd_session=secret-cookie' },
      });
      await fetch(`${base}/health`);
    } finally {
      server.close();
    }
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ level: 40, req: { id: 'req-1', method: 'GET', url: '/thing' }, res: { statusCode: 404 } });
    expect(typeof entry.responseTime).toBe('number');
    expect(lines[0]).not.toContain('secret-token-value');
    expect(lines[0]).not.toContain('secret-cookie');
  });
});
