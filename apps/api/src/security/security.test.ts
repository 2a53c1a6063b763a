// What an attacker or a curious log reader must never get: internals in an error (even when the
// database is gone), a secret in the log, a session cookie scripts or other sites can use, or a
// secret compared in a way whose timing tells how much of a guess was right.
import crypto, { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { findRepoRoot, hashPassword, verifyPassword } from '@studentdesk/db';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSchool, PASSWORD, type School, testPostgresUrl } from '@studentdesk/testing';
import { until } from '@studentdesk/testing';
import { hashApiKey } from '../auth/api-keys.js';
import { createTokenSigner } from '../auth/tokens.js';
import { createLogger } from '../logger.js';
import { hashTrackingCode } from '../tickets/tracking-code.js';
import { startTestApi, type TestApi } from '../test/api.js';
import { answerProblems } from '../test/clean-answer.js';
import { REPORT_PROBLEM, TRACK_TICKET } from '../test/operations.js';

const SIGN_IN = 'mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { token expiresAt } }';
const CREATE_KEY = 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id } } }';
const CREATE_WEBHOOK = 'mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { id } } }';
const ROTATE_SECRET = 'mutation($id: ID!) { rotateWebhookSecret(webhookId: $id) { secret } }';

/** Shapes of the secrets the API hands out, to find one in the log even when its value is unknown. */
const SECRET_SHAPES: Array<[string, RegExp]> = [
  ['a session token (JWT)', /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/],
  ['an API key', /sdk_[\w-]{20,}/],
  ['a tracking code', /sdt_[\w-]{20,}/],
  ['a webhook secret', /whsec_[\w+/=]{20,}/],
];

/** Raw POST, so a broken server's answer is checked as it came, not as test/api.ts would parse it. */
async function post(api: TestApi, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
  return { status: response.status, text: await response.text() };
}

/**
 * Takes the test database away from the API as an outage would: no new connections, and every
 * open one ended (pg_terminate_backend) from a separate client. Returns how to bring it back.
 */
async function takeDatabaseAway(api: TestApi): Promise<() => Promise<void>> {
  const name = new URL(api.db.url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
  await terminateConnections(admin, name);
  return async () => {
    await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
    await admin.end();
  };
}

async function terminateConnections(admin: pg.Client, database: string) {
  await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
}

/** Waits until the API answers a query from the database again. */
async function waitForRecovery(api: TestApi) {
  await expect
    .poll(async () => (await post(api, { query: '{ departments { name } }' })).text, { timeout: 20_000, interval: 200 })
    .toContain('"departments":[');
}

describe('security', () => {
  let api: TestApi;
  let school: School;
  const logLines: string[] = [];

  beforeAll(async () => {
    api = await startTestApi('postgresql', {}, { write: (line: string) => void logLines.push(line) });
    school = await createSchool(api);
  });
  afterAll(() => api?.close());

  describe('errors', () => {
    it('survives every connection being terminated: the answer is data or a clean error, and the next ones are data', async () => {
      const admin = new pg.Client({ connectionString: testPostgresUrl });
      await admin.connect();
      try {
        await terminateConnections(admin, new URL(api.db.url).pathname.slice(1));
      } finally {
        await admin.end();
      }
      const first = await post(api, { query: '{ departments { name } }' }, { authorization: `Bearer ${school.tokens.staff}` });
      expect(answerProblems(first, { serverBroken: true })).toEqual([]);
      await waitForRecovery(api);
      const me = await post(api, { query: '{ me { name } }' }, { authorization: `Bearer ${school.tokens.staff}` });
      expect(JSON.parse(me.text).data).toEqual({ me: { name: 'Sam Staff' } });
    });

    it('answers a clean error with a code, no stack and no SQL, while the database is gone; logs the cause; recovers', async () => {
      logLines.length = 0;
      const bringBack = await takeDatabaseAway(api);
      const answers = [];
      try {
        answers.push(await post(api, { query: '{ departments { name } }' }));
        answers.push(await post(api, { query: '{ me { name } }' }, { authorization: `Bearer ${school.tokens.staff}` }));
        answers.push(
          await post(
            api,
            { query: REPORT_PROBLEM, variables: { input: { categoryId: school.categoryIds.login, title: 'Wi-Fi', description: 'Down.' } } },
            { authorization: `Bearer ${school.tokens.alice}` },
          ),
        );
        answers.push(await post(api, { query: SIGN_IN, variables: { email: school.users.staff.email, password: PASSWORD } }));
        const health = await fetch(api.url.replace(/\/graphql$/, '/health'));
        expect(health.status).toBe(503);
        expect(await health.json()).toEqual({ status: 'unavailable', database: 'down' });
      } finally {
        await bringBack();
      }

      for (const answer of answers) {
        expect(answerProblems(answer, { serverBroken: true }), answer.text).toEqual([]);
        const { errors } = JSON.parse(answer.text) as { errors: Array<{ message: string; extensions: { code: string } }> };
        expect(answer.status).toBe(503);
        expect(errors.map((error) => error.extensions.code)).toEqual(['SERVICE_UNAVAILABLE']);
        expect(errors[0]!.message).toBe('StudentDesk cannot reach its database at the moment. Try again in a few seconds.');
        // It names no internals (the database may be mentioned, its address and codes not).
        expect(answer.text).not.toMatch(/connect|postgres|ECONNREFUSED|57P0|55000|3D000|127\.0\.0\.1/i);
      }
      // What the client was spared is in the log, for the people running the API.
      const logged = logLines.map((line) => JSON.parse(line) as { level: number; msg: string; err?: { stack?: string } });
      expect(logged.filter((entry) => entry.level >= 50 && entry.msg.startsWith('database unavailable')).length).toBeGreaterThanOrEqual(
        answers.length,
      );
      expect(logged.some((entry) => /allow|connections|terminat/i.test(entry.err?.stack ?? ''))).toBe(true);

      await waitForRecovery(api);
      const health = await fetch(api.url.replace(/\/graphql$/, '/health'));
      expect(await health.json()).toEqual({ status: 'ok', database: 'up' });
    });
  });

  describe('the log', () => {
    it('never holds a password, session token, cookie, tracking code, API key or webhook secret, even when requests fail', async () => {
      logLines.length = 0;
      const wrongPassword = `wrong-${createHash('sha256').update(String(Math.random())).digest('hex').slice(0, 16)}`;
      const admin = { authorization: `Bearer ${school.tokens.admin}` };

      const signedIn = JSON.parse(
        (await post(api, { query: SIGN_IN, variables: { email: school.users.staff.email, password: PASSWORD } })).text,
      );
      const token: string = signedIn.data.signIn.token;
      const reported = JSON.parse(
        (
          await post(api, {
            query: REPORT_PROBLEM,
            variables: {
              input: {
                categoryId: school.categoryIds.login,
                title: 'Printer',
                description: 'Jammed.',
                contactEmail: 'guest@example.edu',
                contactName: 'Guest',
              },
            },
          })
        ).text,
      );
      const trackingCode: string = reported.data.reportProblem.trackingCode;
      const created = JSON.parse(
        (await post(api, { query: CREATE_KEY, variables: { input: { name: 'LMS', scopes: ['TICKETS_READ'] } } }, admin)).text,
      );
      const apiKey: string = created.data?.createApiKey?.key;
      const webhook = JSON.parse(
        (
          await post(
            api,
            { query: CREATE_WEBHOOK, variables: { input: { url: 'https://receiver.example.edu/hook', events: ['RATING_SUBMITTED'] } } },
            admin,
          )
        ).text,
      );
      const webhookSecret: string = webhook.data.createWebhook.secret;
      const rotated = JSON.parse(
        (await post(api, { query: ROTATE_SECRET, variables: { id: webhook.data.createWebhook.webhook.id } }, admin)).text,
      );
      const rotatedSecret: string = rotated.data.rotateWebhookSecret.secret;
      const secrets = { password: PASSWORD, wrongPassword, token, trackingCode, apiKey, webhookSecret, rotatedSecret };
      expect(
        Object.values(secrets).every((secret) => typeof secret === 'string' && secret.length >= 16),
        JSON.stringify(secrets),
      ).toBe(true);

      // Every secret in a request, once while everything works and once while the database is
      // gone, so each request also fails and the failure is logged.
      const requests = async () => {
        await post(api, { query: SIGN_IN, variables: { email: school.users.staff.email, password: PASSWORD } });
        await post(api, { query: SIGN_IN, variables: { email: school.users.staff.email, password: wrongPassword } });
        await post(api, { query: '{ me { name } }' }, { authorization: `Bearer ${token}` });
        await post(api, { query: '{ me { name } }' }, { cookie: `sd_session=${token}` });
        await post(api, { query: TRACK_TICKET, variables: { code: trackingCode } });
        await post(api, { query: '{ tickets(first: 1) { totalCount } }' }, { authorization: `Bearer ${apiKey}` });
        await post(api, {
          query: REPORT_PROBLEM,
          variables: {
            input: {
              categoryId: school.categoryIds.login,
              title: 'Again',
              description: 'Still jammed.',
              contactEmail: 'guest@example.edu',
              contactName: 'Guest',
            },
          },
        });
        await post(api, { query: CREATE_KEY, variables: { input: { name: 'Another', scopes: ['TICKETS_READ'] } } }, admin);
        await post(
          api,
          { query: CREATE_WEBHOOK, variables: { input: { url: 'http://127.0.0.1:9/other', events: ['RATING_SUBMITTED'] } } },
          admin,
        );
      };
      await requests();
      const bringBack = await takeDatabaseAway(api);
      try {
        await requests();
      } finally {
        await bringBack();
      }
      await waitForRecovery(api);

      // The failures were logged, with their stacks: the log is not empty by accident.
      expect(logLines.filter((line) => /unexpected error|database unavailable/.test(line)).length).toBeGreaterThanOrEqual(9);
      const log = logLines.join('\n');
      for (const [name, secret] of Object.entries(secrets)) expect(log.includes(secret), `the log holds the ${name}`).toBe(false);
      for (const [name, shape] of SECRET_SHAPES) expect(shape.test(log), `the log holds ${name}`).toBe(false);
    });

    it('redacts secrets wherever a log call puts them, at the top or one level down', () => {
      const lines: string[] = [];
      const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
      const secret = 'super-secret-value-1234';
      logger.info({ password: secret, token: secret, trackingCode: secret, secret, key: secret }, 'top level');
      logger.info({ input: { password: secret, token: secret, trackingCode: secret, secret, key: secret } }, 'one level down');
      logger.info({ req: { headers: { authorization: `Bearer ${secret}`, cookie: `sd_session=${secret}` } } }, 'request');
      expect(lines).toHaveLength(3);
      expect(lines.join('\n')).not.toContain(secret);
      expect(lines.every((line) => line.includes('[Redacted]'))).toBe(true);
    });

    it('keeps tracking codes, tokens and keys out of request URLs in the log, and masks them in any message', async () => {
      const reported = JSON.parse(
        (
          await post(api, {
            query: REPORT_PROBLEM,
            variables: {
              input: {
                categoryId: school.categoryIds.login,
                title: 'Log',
                description: 'Read.',
                contactEmail: 'g@example.edu',
                contactName: 'G',
              },
            },
          })
        ).text,
      );
      const trackingCode: string = reported.data.reportProblem.trackingCode;
      logLines.length = 0;
      const origin = new URL(api.url).origin;
      const preflight = { 'apollo-require-preflight': 'true' };
      const inline = `{ trackTicket(trackingCode: "${trackingCode}") { id } }`;
      await fetch(`${api.url}?query=${encodeURIComponent(inline)}`, { headers: preflight });
      await fetch(
        `${api.url}?query=${encodeURIComponent(TRACK_TICKET)}&variables=${encodeURIComponent(JSON.stringify({ code: trackingCode }))}`,
        {
          headers: preflight,
        },
      );
      await fetch(`${origin}/track/${trackingCode}?rate=5`);
      await fetch(`${origin}/?token=${school.tokens.staff}`);
      await until(() => logLines.filter((line) => line.includes('"url"')).length >= 4, 5000, 'four request lines');
      const requests = logLines.filter((line) => line.includes('"url"')).map((line) => JSON.parse(line).req.url as string);
      expect(requests).toEqual(
        expect.arrayContaining([
          '/graphql?query=[Redacted]',
          '/graphql?query=[Redacted]&variables=[Redacted]',
          '/track/[Redacted]?rate=[Redacted]',
          '/?token=[Redacted]',
        ]),
      );

      // Whatever writes a line, a secret's shape is masked: an error message quoting a code, say.
      const lines: string[] = [];
      const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
      logger.error(
        { err: new Error(`no ticket for ${trackingCode}`), note: `key ${'sdk_'.padEnd(40, 'k')}` },
        `token ${school.tokens.staff}`,
      );
      const log = [...logLines, ...lines].join('\n');
      expect(log).not.toContain(trackingCode);
      for (const [name, shape] of SECRET_SHAPES) expect(shape.test(log), `the log holds ${name}`).toBe(false);
      expect(lines[0]).toContain('no ticket for [Redacted]');
    });
  });

  describe('the session cookie', () => {
    const cookieOf = (headers: Headers) => headers.get('set-cookie') ?? '';

    it('is HttpOnly, SameSite=Lax, Path=/, expires with the token, and is not Secure over plain HTTP in development', async () => {
      const response = await fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: SIGN_IN, variables: { email: school.users.manager.email, password: PASSWORD } }),
      });
      const { data } = (await response.json()) as { data: { signIn: { token: string; expiresAt: string } } };
      const cookie = cookieOf(response.headers);
      const attributes = cookie.split(';').map((part) => part.trim().toLowerCase());
      expect(cookie.split(';')[0]).toBe(`sd_session=${data.signIn.token}`);
      expect(attributes).toContain('httponly');
      expect(attributes).toContain('samesite=lax');
      expect(attributes).toContain('path=/');
      expect(attributes).not.toContain('secure');
      const expires = attributes.find((part) => part.startsWith('expires='))!;
      expect(Math.abs(Date.parse(expires.slice('expires='.length)) - Date.parse(data.signIn.expiresAt))).toBeLessThan(1_000);
    });

    it('is Secure as well in production, and cleared with the same attributes', async () => {
      const production = await startTestApi('postgresql', { NODE_ENV: 'production' });
      try {
        const user = (await createSchool(production)).users.staff;
        const signIn = await production.gql(SIGN_IN, { email: user.email, password: PASSWORD });
        const signOut = await production.gql('mutation { signOut }', {}, { cookie: cookieOf(signIn.headers).split(';')[0] });
        for (const cookie of [cookieOf(signIn.headers), cookieOf(signOut.headers)]) {
          const attributes = cookie.split(';').map((part) => part.trim().toLowerCase());
          expect(attributes, cookie).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'secure', 'path=/']));
        }
        expect(cookieOf(signOut.headers)).toMatch(/^sd_session=;/);
      } finally {
        await production.close();
      }
    });
  });

  describe('comparing secrets', () => {
    // A lookup by SHA-256 is not a timing oracle: the time an index lookup takes says nothing about
    // how close a guess is to the secret, only about an unrelated hash. A secret compared directly
    // must go through crypto.timingSafeEqual (or WebCrypto's verify, which jose uses for HS256).
    const SECRET_NAME = /(token|secret|signature|password|hash|trackingcode|apikey)/i;
    const DIRECT_COMPARISON = /([\w$.]+)\s*[!=]==?\s*([\w$.]+)|([\w$.]+)\.equals\(([\w$.]+)|Buffer\.compare\(([\w$.]+),\s*([\w$.]+)/g;

    function comparisonsOfSecrets(source: string): string[] {
      return source.split('\n').filter((line) => {
        if (/typeof\s/.test(line)) return false;
        return [...line.matchAll(DIRECT_COMPARISON)].some((match) =>
          match.slice(1).some((operand) => operand && SECRET_NAME.test(operand)),
        );
      });
    }

    function sourceFiles(dir: string): string[] {
      return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return ['generated', 'node_modules', 'test', 'dist'].includes(entry.name) ? [] : sourceFiles(path);
        return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
      });
    }

    it('finds a direct comparison of a secret when there is one', () => {
      expect(comparisonsOfSecrets('if (signature === expected) return true;')).toHaveLength(1);
      expect(comparisonsOfSecrets('return given.token !== row.token;')).toHaveLength(1);
      expect(comparisonsOfSecrets('return actual.equals(expectedHash);')).toHaveLength(1);
      expect(comparisonsOfSecrets("if (typeof token === 'string') return;")).toEqual([]);
      expect(comparisonsOfSecrets("if (viewer.kind === 'apiKey') return;")).toEqual([]);
    });

    it('compares no secret with ===, !==, equals or Buffer.compare anywhere in the API or the database package', () => {
      const root = findRepoRoot();
      const files = [...sourceFiles(join(root, 'apps/api/src')), ...sourceFiles(join(root, 'packages/db/src'))];
      expect(files.length).toBeGreaterThan(50);
      const found = files.flatMap((file) => comparisonsOfSecrets(readFileSync(file, 'utf8')).map((line) => `${file}: ${line.trim()}`));
      expect(found).toEqual([]);
    });

    it('checks passwords with crypto.timingSafeEqual, and refuses a stored hash of another length without throwing', async () => {
      const stored = await hashPassword(PASSWORD);
      const spy = vi.spyOn(crypto, 'timingSafeEqual');
      syncBuiltinESMExports();
      try {
        expect(await verifyPassword(PASSWORD, stored)).toBe(true);
        expect(await verifyPassword(`${PASSWORD}!`, stored)).toBe(false);
        expect(spy).toHaveBeenCalledTimes(2);
      } finally {
        spy.mockRestore();
        syncBuiltinESMExports();
      }
      const shorter = stored.replace(/\$[\w-]+$/, (key) => key.slice(0, -4));
      expect(await verifyPassword(PASSWORD, shorter)).toBe(false);
    });

    it('accepts only the exact session token: a changed signature, another secret or alg "none" is refused', async () => {
      const signer = createTokenSigner(new TextEncoder().encode('a-secret-that-is-long-enough-for-hs256'));
      const claims = { userId: '0193a8f0-0000-7000-8000-000000000001', sessionId: '0193a8f0-0000-7000-8000-000000000002' };
      const token = await signer.sign({ ...claims, expiresAt: new Date(Date.now() + 3_600_000) });
      expect(await signer.verify(token)).toEqual(claims);
      const [header, payload, signature] = token.split('.') as [string, string, string];
      // The first character: the last one of a 32-byte signature also carries padding bits a decoder may ignore.
      const first = signature[0] === 'A' ? 'B' : 'A';
      expect(await signer.verify(`${header}.${payload}.${first}${signature.slice(1)}`)).toBeNull();
      expect(await signer.verify(`${header}.${payload}.`)).toBeNull();
      const none = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
      expect(await signer.verify(`${none}.${payload}.`)).toBeNull();
      const other = createTokenSigner(new TextEncoder().encode('another-secret-that-is-long-enough-too'));
      expect(await signer.verify(await other.sign({ ...claims, expiresAt: new Date(Date.now() + 3_600_000) }))).toBeNull();
    });

    it('stores API keys and tracking codes only as SHA-256 and finds them by that hash; a near miss is refused', async () => {
      const admin = { token: school.tokens.admin };
      const created = await api.gql(CREATE_KEY, { input: { name: 'Hash check', scopes: ['TICKETS_READ'] } }, admin);
      const key: string = created.data!.createApiKey.key;
      const reported = await api.gql(REPORT_PROBLEM, {
        input: {
          categoryId: school.categoryIds.login,
          title: 'Hash',
          description: 'Check.',
          contactEmail: 'g@example.edu',
          contactName: 'Guest',
        },
      });
      const code: string = reported.data!.reportProblem.trackingCode;

      const keyRow = await api.db.prisma.apiKey.findUniqueOrThrow({ where: { keyHash: createHash('sha256').update(key).digest('hex') } });
      expect(keyRow.keyHash).toBe(hashApiKey(key));
      expect(JSON.stringify(await api.db.prisma.apiKey.findMany())).not.toContain(key);
      const codeRow = await api.db.prisma.trackingCode.findUniqueOrThrow({
        where: { codeHash: createHash('sha256').update(code).digest('hex') },
      });
      expect(codeRow.codeHash).toBe(hashTrackingCode(code));
      expect(JSON.stringify(await api.db.prisma.trackingCode.findMany())).not.toContain(code);

      const nearMiss = (secret: string) => `${secret.slice(0, -1)}${secret.at(-1) === 'x' ? 'y' : 'x'}`;
      expect((await api.gql('{ me { name } }', {}, { token: nearMiss(key) })).status).toBe(401);
      expect((await api.gql('{ tickets(first: 1) { totalCount } }', {}, { token: key })).errors).toBeUndefined();
      const track = await api.gql(TRACK_TICKET, { code: nearMiss(code) });
      expect(track.data?.trackTicket ?? null).toBeNull();
      expect((await api.gql(TRACK_TICKET, { code })).data!.trackTicket.id).toBe(reported.data!.reportProblem.ticket.id);
    });
  });
});
