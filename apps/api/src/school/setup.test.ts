// First run without the demo, from outside: the built API prints a setup link while there is no
// admin; completeSetup names the school and creates the first admin once; everything else
// (a replay, an expired or wrong link, a bad field) is refused and writes nothing.
import type { PrismaClient } from '@studentdesk/db';
import {
  codes,
  createSchool,
  createTestDatabase,
  DATABASE_KINDS,
  startApiProcess,
  until,
  type ApiProcess,
  type GraphQLClient,
} from '@studentdesk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../test/api.js';
import { REPORT_PROBLEM } from '../test/operations.js';
import { TestClock } from '../test/clock.js';
import { issueSetupToken, SETUP_TOKEN_TTL_MS } from './setup-token.js';

const COMPLETE_SETUP = `mutation($input: CompleteSetupInput!) {
  completeSetup(input: $input) { token expiresAt user { name role } }
}`;
const SCHOOL = '{ school { name timeZone logoUrl primaryColor accentColor } }';

const setupInput = (token: string, overrides: Record<string, unknown> = {}) => ({
  token,
  schoolName: 'Lakeside Academy',
  timeZone: 'America/Chicago',
  primaryColor: '#7C2D12',
  adminName: 'Rosa Lind',
  adminEmail: 'Rosa.Lind@lakeside.edu',
  adminPassword: 'lakeside-first-admin',
  ...overrides,
});

const tokenInLink = (output: string) => /\/console\/setup#token=([A-Za-z0-9_-]{43})/.exec(output)?.[1];

async function written(prisma: PrismaClient) {
  return {
    users: await prisma.user.count(),
    schools: await prisma.school.count(),
    usedTokens: await prisma.setupToken.count({ where: { usedAt: { not: null } } }),
  };
}

async function setUpOnce(gql: GraphQLClient, token: string) {
  const done = await gql(COMPLETE_SETUP, { input: setupInput(token) });
  expect(done.errors).toBeUndefined();
  expect(done.data!.completeSetup.user).toEqual({ name: 'Rosa Lind', role: 'ADMIN' });
  // Signed in: the token is a session of the new admin.
  const me = await gql('{ me { name email role } }', {}, { token: done.data!.completeSetup.token });
  expect(me.data).toEqual({ me: { name: 'Rosa Lind', email: 'rosa.lind@lakeside.edu', role: 'ADMIN' } });
  expect((await gql(SCHOOL)).data).toEqual({
    school: { name: 'Lakeside Academy', timeZone: 'America/Chicago', logoUrl: null, primaryColor: '#7c2d12', accentColor: '#0f766e' },
  });
}

describe('the API process started with no admin', () => {
  it('on the embedded database, prints a setup link that works once', async () => {
    const api = await startApiProcess({ DATABASE_URL: '' });
    try {
      const token = await until(() => tokenInLink(api.output()), 10_000, 'the setup link in the output');
      expect(api.output()).toContain(`${api.origin}/console/setup#token=${token}`);
      expect((await api.gql(SCHOOL)).data).toEqual({ school: null });
      await setUpOnce(api.gql, token);
      const replay = await api.gql(COMPLETE_SETUP, { input: setupInput(token, { adminEmail: 'second@lakeside.edu' }) });
      expect(codes(replay)).toEqual(['FORBIDDEN']);
    } finally {
      await api.stop();
    }
  }, 120_000);

  it('on PostgreSQL with two processes: a restart replaces the unused link, and of two completions only one wins', async () => {
    const db = await createTestDatabase('postgresql');
    const processes: ApiProcess[] = [];
    try {
      processes.push(await startApiProcess({ DATABASE_URL: db.url }));
      const first = await until(() => tokenInLink(processes[0]!.output()), 10_000, 'the first setup link');
      processes.push(await startApiProcess({ DATABASE_URL: db.url }));
      const second = await until(() => tokenInLink(processes[1]!.output()), 10_000, 'the second setup link');
      expect(second).not.toBe(first);
      expect(codes(await processes[0]!.gql(COMPLETE_SETUP, { input: setupInput(first) }))).toEqual(['FORBIDDEN']);

      const race = await Promise.all(
        processes.map((api, index) => api.gql(COMPLETE_SETUP, { input: setupInput(second, { adminEmail: `admin${index}@lakeside.edu` }) })),
      );
      expect(race.map((answer) => codes(answer)).sort()).toEqual([[], ['FORBIDDEN']]);
      expect(await db.prisma.user.findMany({ select: { role: true } })).toEqual([{ role: 'ADMIN' }]);
      expect(await db.prisma.school.count()).toBe(1);

      // With an admin, a restart prints no link.
      processes.push(await startApiProcess({ DATABASE_URL: db.url }));
      expect(processes[2]!.output()).not.toContain('/console/setup');
    } finally {
      await Promise.all(processes.map((api) => api.stop()));
      await db.drop();
    }
  }, 180_000);
});

describe.each(DATABASE_KINDS)('completeSetup on %s', (kind) => {
  let api: TestApi;
  const clock = new TestClock('2026-09-01T08:00:00Z');
  beforeAll(async () => {
    api = await startTestApi(kind, { SEED_DEMO: 'never' }, undefined, clock);
  });
  afterAll(() => api.close());

  it('refuses an expired link and writes nothing', async () => {
    const token = (await issueSetupToken(api.db.prisma, clock.now()))!;
    clock.advance(SETUP_TOKEN_TTL_MS + 1000);
    const answer = await api.gql(COMPLETE_SETUP, { input: setupInput(token) });
    expect(codes(answer)).toEqual(['FORBIDDEN']);
    expect(answer.errors![0]!.message).toMatch(/expired/);
    expect(await written(api.db.prisma)).toEqual({ users: 0, schools: 0, usedTokens: 0 });
  });

  it('refuses a wrong link and writes nothing', async () => {
    await issueSetupToken(api.db.prisma, clock.now());
    const answer = await api.gql(COMPLETE_SETUP, { input: setupInput('x'.repeat(43)) });
    expect(codes(answer)).toEqual(['FORBIDDEN']);
    expect(await written(api.db.prisma)).toEqual({ users: 0, schools: 0, usedTokens: 0 });
  });

  it.each([
    ['primaryColor', { primaryColor: 'red' }, /#rrggbb/],
    ['primaryColor', { primaryColor: '#93c5fd' }, /too light/],
    ['accentColor', { accentColor: '#fde047' }, /too light/],
    ['timeZone', { timeZone: 'Europe/Atlantis' }, /time zone/],
    ['adminEmail', { adminEmail: 'rosa@' }, /email address/],
    ['adminPassword', { adminPassword: 'short-pass' }, /at least 12/],
    ['logo', { logo: 'javascript:alert(1)' }, /PNG, JPEG, GIF or WebP/],
    ['logo', { logo: 'https://lakeside.edu/logo.png' }, /PNG, JPEG, GIF or WebP/],
    ['schoolName', { schoolName: '   ' }, /name/],
  ])('refuses a bad %s (%j) naming the field, and writes nothing', async (field, overrides, message) => {
    const token = (await issueSetupToken(api.db.prisma, clock.now()))!;
    const answer = await api.gql(COMPLETE_SETUP, { input: setupInput(token, overrides) });
    expect(codes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(answer.errors![0]!.extensions).toMatchObject({ field });
    expect(answer.errors![0]!.message).toMatch(message);
    expect(await written(api.db.prisma)).toEqual({ users: 0, schools: 0, usedTokens: 0 });
  });

  it('with a live link, sets the school up once and signs the admin in; then no new link is issued', async () => {
    const token = (await issueSetupToken(api.db.prisma, clock.now()))!;
    await setUpOnce(api.gql, token);
    expect(codes(await api.gql(COMPLETE_SETUP, { input: setupInput(token) }))).toEqual(['FORBIDDEN']);
    expect(await written(api.db.prisma)).toEqual({ users: 1, schools: 1, usedTokens: 1 });
    expect(await issueSetupToken(api.db.prisma, clock.now())).toBeUndefined();
    const stored = await api.db.prisma.setupToken.findMany();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]!.tokenHash).not.toContain(token);
  });

  it('signs what students receive with the school’s name', async () => {
    const school = await createSchool(api);
    const reported = await api.gql(REPORT_PROBLEM, {
      input: {
        categoryId: school.categoryIds.login,
        title: 'No Wi-Fi',
        description: 'Since this morning.',
        contactName: 'Ana Guest',
        contactEmail: 'ana@example.edu',
      },
    });
    expect(reported.errors).toBeUndefined();
    const email = await api.db.prisma.emailMessage.findFirstOrThrow({ where: { toAddress: 'ana@example.edu' } });
    expect(email.subject).toMatch(/^\[Lakeside Academy\] We received your report/);
    expect(email.text).toMatch(/— The Lakeside Academy help desk$/);
  });
});

describe.each(DATABASE_KINDS)('updateSchool on %s', (kind) => {
  let api: TestApi;
  let school: Awaited<ReturnType<typeof createSchool>>;
  const UPDATE = `mutation($input: SchoolSettingsInput!) { updateSchool(input: $input) { name timeZone primaryColor accentColor } }`;
  const settings = { schoolName: 'Harbour College', timeZone: 'Australia/Sydney', accentColor: '#155E75' };
  beforeAll(async () => {
    api = await startTestApi(kind, { SEED_DEMO: 'never' });
    school = await createSchool(api);
  });
  afterAll(() => api.close());

  it('lets an admin rename and recolour the school (after create-admin there is none yet)', async () => {
    const answer = await api.gql(UPDATE, { input: settings }, { token: school.tokens.admin });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.updateSchool).toEqual({
      name: 'Harbour College',
      timeZone: 'Australia/Sydney',
      primaryColor: '#1d4ed8',
      accentColor: '#155e75',
    });
    expect((await api.gql(SCHOOL)).data!.school.name).toBe('Harbour College');
  });

  it('refuses everyone else, and bad input, writing nothing', async () => {
    expect(codes(await api.gql(UPDATE, { input: { ...settings, schoolName: 'Anon' } }))).toEqual(['UNAUTHENTICATED']);
    for (const person of ['staff', 'manager', 'alice'] as const)
      expect(codes(await api.gql(UPDATE, { input: { ...settings, schoolName: person } }, { token: school.tokens[person] }))).toEqual([
        'FORBIDDEN',
      ]);
    const bad = await api.gql(UPDATE, { input: { ...settings, schoolName: 'Bad', timeZone: 'Mars/Base' } }, { token: school.tokens.admin });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0]!.extensions).toMatchObject({ field: 'timeZone' });
    expect((await api.gql(SCHOOL)).data!.school.name).toBe('Harbour College');
  });
});
