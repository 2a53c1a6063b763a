// compose.yaml's front door for real: Caddy with deploy/Caddyfile in front of two API processes
// sharing PostgreSQL and Redis. HTTP and websockets pass through to both, and a process that stops
// costs no request.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  connectTo,
  createSchool,
  createTestDatabase,
  follow,
  freePort,
  graphqlClient,
  startApiProcess,
  until,
  type ApiProcess,
  type School,
  type TestDatabase,
} from '@studentdesk/testing';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const REPORT = `mutation($input: ReportProblemInput!) { reportProblem(input: $input) { ticket { id } } }`;
const REPLY = `mutation($input: ReplyInput!) { reply(input: $input) { id } }`;
/** GraphQL requests a process logged (one JSON line each; LOG_LEVEL info). */
const graphqlRequests = (api: ApiProcess) =>
  api
    .output()
    .split('\n')
    .filter((line) => line.includes('"url":"/graphql"')).length;

describe('Caddy in front of two API processes', () => {
  let db: TestDatabase;
  let apis: ApiProcess[];
  let caddy: ChildProcess;
  let caddyOutput = '';
  let caddyHome: string;
  let origin: string;
  let school: School;
  const clients: Client[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('postgresql');
    // Configured as compose.yaml configures them, on the test's own database.
    const composed = parse(readFileSync(join(import.meta.dirname, '..', 'compose.yaml'), 'utf8')).services['api-1'].environment;
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: 'redis://127.0.0.1:6379',
      TRUST_PROXY: composed.TRUST_PROXY as string,
      SHUTDOWN_DRAIN_MS: composed.SHUTDOWN_DRAIN_MS as string,
    };
    apis = await Promise.all([startApiProcess(env), startApiProcess(env)]);
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    caddyHome = mkdtempSync(join(tmpdir(), 'studentdesk-caddy-'));
    caddy = spawn('caddy', ['run', '--config', join(import.meta.dirname, 'Caddyfile'), '--adapter', 'caddyfile'], {
      env: {
        PATH: process.env.PATH,
        HOME: caddyHome,
        XDG_DATA_HOME: caddyHome,
        XDG_CONFIG_HOME: caddyHome,
        SITE_ADDRESS: `:${port}`,
        API_UPSTREAMS: apis.map((api) => `127.0.0.1:${api.port}`).join(' '),
        // Several tests may run a Caddy at once; none needs its admin API.
        CADDY_ADMIN: 'off',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    caddy.stdout!.on('data', (chunk) => (caddyOutput += chunk));
    caddy.stderr!.on('data', (chunk) => (caddyOutput += chunk));
    caddy.once('error', (error) => (caddyOutput += `could not start caddy (installed by .ci/run): ${error.message}`));
    await until(
      () =>
        fetch(`${origin}/health/live`).then(
          (response) => response.ok,
          () => false,
        ),
      20_000,
      () => `Caddy to answer:\n${caddyOutput}`,
    );
    school = await createSchool({ db, gql: graphqlClient(`${origin}/graphql`) });
  });

  afterAll(async () => {
    await Promise.all(clients.map(async (client) => client.dispose()));
    caddy?.kill('SIGTERM');
    await Promise.all((apis ?? []).map((api) => api.stop()));
    await db?.drop();
    if (caddyHome) rmSync(caddyHome, { recursive: true, force: true });
  });

  it('passes GraphQL and its websockets through, spreading requests over both processes', async () => {
    const gql = graphqlClient(`${origin}/graphql`);
    const reported = await gql(
      REPORT,
      { input: { categoryId: school.categoryIds.login, title: 'Eduroam drops every hour', description: 'In the library.' } },
      { token: school.tokens.alice },
    );
    expect(reported.errors).toBeUndefined();
    const ticketId = reported.data!.reportProblem.ticket.id as string;
    const updates = follow(
      connectTo({ url: `${origin}/graphql` }, clients, school.tokens.alice),
      'subscription($id: ID!) { ticketUpdated(ticketId: $id) { status } }',
      'ticketUpdated',
      { id: ticketId },
    );
    // The subscription is live once a change reaches it; replies go through whichever process Caddy picks.
    for (let reply = 1; reply <= 6; reply += 1) {
      const sent = await gql(REPLY, { input: { ticketId, body: `Reply ${reply}` } }, { token: school.tokens.staff });
      expect(sent.errors).toBeUndefined();
    }
    await until(() => updates.events.length > 0, 10_000, 'a live update through the proxy');
    expect(updates.errors).toEqual([]);
    expect(apis.map(graphqlRequests).every((count) => count > 0)).toBe(true);
  });

  it('answers every request while one process drains and stops', async () => {
    const ask = () =>
      fetch(`${origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${school.tokens.alice}` },
        body: JSON.stringify({ query: '{ me { name } }' }),
      }).then(async (response) => {
        const text = await response.text();
        return response.ok
          ? `${response.status} ${JSON.stringify((JSON.parse(text) as { data?: unknown }).data)}`
          : `${response.status} ${text}`;
      });
    const answered = '200 {"me":{"name":"Alice Student"}}';
    const stopping = apis[0]!;
    // `docker compose stop api-1`: SIGTERM, then /health says "draining" until Caddy stops sending.
    stopping.child.kill('SIGTERM');
    const answers: string[] = [];
    let exited = false;
    void stopping.exited.then(() => (exited = true));
    while (!exited) answers.push(...(await Promise.all(Array.from({ length: 4 }, ask))));
    answers.push(...(await Promise.all(Array.from({ length: 20 }, ask))));
    expect(stopping.output()).toContain('draining');
    expect(answers.length).toBeGreaterThan(20);
    expect(
      answers.filter((answer) => answer !== answered),
      caddyOutput,
    ).toEqual([]);
  });
});
