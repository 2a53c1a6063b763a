// Webhook targets as an attacker would choose them: internal addresses in every notation, a name
// that resolves to one, a redirect inward, an endless answer. Refused when the webhook is saved,
// refused again where the connection is made, and allowed only by WEBHOOK_ALLOW_PRIVATE_TARGETS.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, type School, until } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { REPORT_PROBLEM } from '../test/operations.js';
import { internalAddressReason, internalUrlReason } from './outbound-request.js';

const CREATE_WEBHOOK = 'mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id } } }';
const UPDATE_WEBHOOK = 'mutation($input: UpdateWebhookInput!) { updateWebhook(input: $input) { url } }';

/** Internal targets, as an attacker would spell them. */
const INTERNAL_URLS = [
  'http://127.0.0.1/',
  'http://127.1.2.3:8080/admin',
  'http://[::1]/',
  'http://10.0.0.7/',
  'http://172.16.5.4/',
  'http://172.31.255.255/',
  'http://192.168.1.1/',
  'http://169.254.169.254/latest/meta-data/',
  'http://100.100.100.200/',
  'http://[fd00::1]/',
  'http://[fd00:ec2::254]/',
  'http://[fe80::1]/',
  'http://224.0.0.1/',
  'http://0.0.0.0/',
  'http://[::]/',
  'http://2130706433/', // 127.0.0.1 as one decimal number
  'http://0177.0.0.1/', // octal
  'http://0x7f.0.0.1/', // hex
  'http://0x7f000001/',
  'http://017700000001/',
  'http://127.1/',
  'http://[::ffff:127.0.0.1]/',
  'http://[::ffff:a9fe:a9fe]/', // 169.254.169.254, IPv4-mapped
  'http://[64:ff9b::10.0.0.1]/',
  'http://localhost:4000/',
  'http://api.localhost/',
  'http://LOCALHOST./',
];

/** A receiver that counts requests and answers as `answer` says. */
async function startReceiver(answer: (response: ServerResponse) => void) {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(request.url ?? '');
    request.resume();
    answer(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { port, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('internal addresses', () => {
  it('are recognised in every notation the URL parser accepts', () => {
    for (const url of INTERNAL_URLS) expect(internalUrlReason(new URL(url)), url).not.toBeNull();
  });

  it('leave public addresses and names alone', () => {
    for (const url of [
      'https://hooks.example.edu/in',
      'http://8.8.8.8/',
      'http://[2001:4860:4860::8888]/',
      'http://172.32.0.1/',
      'http://11.0.0.1/',
    ])
      expect(internalUrlReason(new URL(url)), url).toBeNull();
    expect(internalAddressReason('192.0.2.10')).toBeNull();
  });
});

describe('webhook targets over HTTP', () => {
  let api: TestApi;
  let open: TestApi;
  let school: School;
  let openSchool: School;

  const report = async (target: TestApi, reporter: School) =>
    target.gql(
      REPORT_PROBLEM,
      { input: { categoryId: reporter.categoryIds.login, title: 'Printer jams', description: 'Every page.' } },
      { token: reporter.tokens.alice },
    );
  /** The delivery's attempts once the first one is recorded. */
  const firstAttempt = async (target: TestApi, webhookId: string) => {
    let attempt: { responseStatus: number | null; responseBody: string | null; error: string | null } | null = null;
    await until(
      async () => {
        await target.webhooks.relay();
        attempt = await target.db.prisma.webhookAttempt.findFirst({ where: { delivery: { webhookId } } });
        return attempt !== null;
      },
      15_000,
      'the first delivery attempt',
    );
    return attempt!;
  };

  beforeAll(async () => {
    [api, open] = await Promise.all([
      startTestApi('postgresql', { WEBHOOK_POLL_MS: '100' }),
      startTestApi('postgresql', { WEBHOOK_POLL_MS: '100', WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' }),
    ]);
    [school, openSchool] = await Promise.all([createSchool(api), createSchool(open)]);
  });
  afterAll(async () => {
    await api?.close();
    await open?.close();
  });

  it('refuses an internal URL when a webhook is created or changed, by default', async () => {
    for (const url of INTERNAL_URLS) {
      const created = await api.gql(CREATE_WEBHOOK, { input: { url, events: ['TICKET_CREATED'] } }, { token: school.tokens.admin });
      expect(codes(created), url).toEqual(['BAD_USER_INPUT']);
      expect(created.errors![0]!.extensions!.field).toBe('url');
    }
    const webhook = await api.gql(
      CREATE_WEBHOOK,
      { input: { url: 'https://hooks.example.edu/in', events: ['TICKET_CREATED'] } },
      { token: school.tokens.admin },
    );
    const id = webhook.data!.createWebhook.webhook.id;
    const repointed = await api.gql(
      UPDATE_WEBHOOK,
      { input: { webhookId: id, url: 'http://169.254.169.254/' } },
      { token: school.tokens.admin },
    );
    expect(codes(repointed)).toEqual(['BAD_USER_INPUT']);
    expect(await api.db.prisma.webhook.count({ where: { url: { contains: '169.254' } } })).toBe(0);
  });

  it('refuses again when delivering: an internal URL saved before, and a name that resolves inward; the delivery says why', async () => {
    const receiver = await startReceiver((response) => response.writeHead(200).end('internal service answer'));
    try {
      // The machine's own name resolves to one of its own addresses: loopback or private.
      const ownName = hostname();
      const resolved = await lookup(ownName);
      expect(internalAddressReason(resolved.address), `${ownName} resolves to ${resolved.address}`).not.toBeNull();
      const urls = [`http://127.0.0.1:${receiver.port}/literal`, `http://${ownName}:${receiver.port}/by-name`];
      const webhooks = await Promise.all(
        urls.map((url) =>
          api.db.prisma.webhook.create({
            data: { url, events: ['ticket.created'], secret: 'whsec_dGVzdA==', createdById: school.users.admin.id },
          }),
        ),
      );
      expect((await report(api, school)).errors).toBeUndefined();
      for (const webhook of webhooks) {
        const attempt = await firstAttempt(api, webhook.id);
        expect(attempt.responseStatus).toBeNull();
        expect(attempt.responseBody).toBeNull();
        expect(attempt.error).toMatch(/^refused: .*internal address/);
        expect(attempt.error).toContain('WEBHOOK_ALLOW_PRIVATE_TARGETS');
      }
      expect(receiver.requests).toEqual([]);
    } finally {
      await receiver.close();
    }
  });

  it('reaches an internal receiver by name only when WEBHOOK_ALLOW_PRIVATE_TARGETS is on', async () => {
    const receiver = await startReceiver((response) => response.writeHead(200).end('thanks'));
    try {
      const created = await open.gql(
        CREATE_WEBHOOK,
        { input: { url: `http://${hostname()}:${receiver.port}/by-name`, events: ['TICKET_CREATED'] } },
        { token: openSchool.tokens.admin },
      );
      expect(created.errors).toBeUndefined();
      await report(open, openSchool);
      const webhookId = (await open.db.prisma.webhook.findFirstOrThrow({ where: { url: { contains: '/by-name' } } })).id;
      expect(await firstAttempt(open, webhookId)).toMatchObject({ responseStatus: 200, responseBody: 'thanks', error: null });
      expect(receiver.requests).toEqual(['/by-name']);
    } finally {
      await receiver.close();
    }
  });

  it('follows no redirect, and keeps at most 2 KB of an answer however long it is', async () => {
    const inner = await startReceiver((response) => response.writeHead(200).end('metadata'));
    const redirecting = await startReceiver((response) => response.writeHead(302, { location: `http://127.0.0.1:${inner.port}/` }).end());
    // 8 MB if anyone read it all: the answer stops being sent once the reader hangs up.
    const stream = { chunks: 0, closed: false };
    const endless = await startReceiver((response) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      const chunk = 'x'.repeat(64 * 1024);
      const write = () => {
        while (stream.chunks < 128 && response.write(chunk)) stream.chunks += 1;
        if (stream.chunks < 128) response.once('drain', write);
        else response.end();
      };
      response.on('error', () => undefined);
      response.on('close', () => (stream.closed = true));
      write();
    });
    try {
      const ids: string[] = [];
      for (const receiver of [redirecting, endless]) {
        const created = await open.gql(
          CREATE_WEBHOOK,
          { input: { url: `http://127.0.0.1:${receiver.port}/hook`, events: ['TICKET_CREATED'] } },
          { token: openSchool.tokens.admin },
        );
        ids.push((await open.db.prisma.webhook.findFirstOrThrow({ where: { url: `http://127.0.0.1:${receiver.port}/hook` } })).id);
        expect(created.errors).toBeUndefined();
      }
      await report(open, openSchool);
      expect(await firstAttempt(open, ids[0]!)).toMatchObject({ responseStatus: 302, error: null });
      const long = await firstAttempt(open, ids[1]!);
      expect(long.responseStatus).toBe(500);
      expect(long.responseBody!.length).toBeLessThanOrEqual(2000);
      expect(long.responseBody).toMatch(/^x+$/);
      await until(() => stream.closed, 5000, 'the reader to hang up');
      expect(stream.chunks).toBeLessThan(128);
      expect(inner.requests).toEqual([]);
    } finally {
      await Promise.all([inner.close(), redirecting.close(), endless.close()]);
    }
  });
});
